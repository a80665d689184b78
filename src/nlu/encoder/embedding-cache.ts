import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEY_BYTES = 20;

/**
 * Encodings of training and evaluation texts, kept on disk between CLI runs (encoding 15,000
 * lines takes minutes). Records are a SHA-1 of the text and its vector, never the text itself;
 * the file lives under .data/ (not committed) and belongs to one encoder build.
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();

  constructor(
    private readonly file: string,
    private readonly dimension: number,
  ) {
    if (!existsSync(file)) return;
    const bytes = readFileSync(file);
    const record = KEY_BYTES + dimension * 4;
    for (let at = 0; at + record <= bytes.length; at += record) {
      const key = bytes.toString('hex', at, at + KEY_BYTES);
      const vector = new Float32Array(dimension);
      for (let i = 0; i < dimension; i++) vector[i] = bytes.readFloatLE(at + KEY_BYTES + i * 4);
      this.vectors.set(key, vector);
    }
  }

  get size(): number {
    return this.vectors.size;
  }

  get(text: string): Float32Array | undefined {
    return this.vectors.get(keyOf(text));
  }

  put(text: string, vector: Float32Array): void {
    const key = keyOf(text);
    if (this.vectors.has(key)) return;
    this.vectors.set(key, vector);
    mkdirSync(dirname(this.file), { recursive: true });
    const record = Buffer.alloc(KEY_BYTES + this.dimension * 4);
    record.write(key, 0, 'hex');
    for (let i = 0; i < this.dimension; i++) record.writeFloatLE(vector[i], KEY_BYTES + i * 4);
    appendFileSync(this.file, record);
  }
}

function keyOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
