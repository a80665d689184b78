import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { E5Encoder, ENCODER_FILES } from './e5-encoder';
import { EmbeddingCache } from './embedding-cache';

export interface EncodedTexts {
  vectors: Float32Array[];
  /** Texts encoded in this call (the rest came from the cache) and the seconds they took. */
  encoded: number;
  seconds: number;
}

/** The CLI's encoder: one in-process encoder and the on-disk cache of its encodings. */
export class TextEncoder {
  private constructor(
    readonly encoder: E5Encoder,
    private readonly cache: EmbeddingCache,
  ) {}

  static async open(dir: string): Promise<TextEncoder> {
    const encoder = await E5Encoder.load(dir);
    const cache = new EmbeddingCache(join(dir, 'cache', cacheName(dir)), encoder.dimension);
    return new TextEncoder(encoder, cache);
  }

  async encodeAll(texts: readonly string[], label = ''): Promise<EncodedTexts> {
    const vectors: Float32Array[] = [];
    let encoded = 0;
    let seconds = 0;
    for (const text of texts) {
      let vector = this.cache.get(text);
      if (!vector) {
        const started = performance.now();
        vector = await this.encoder.embed(text);
        seconds += (performance.now() - started) / 1000;
        this.cache.put(text, vector);
        encoded++;
        if (encoded % 1000 === 0) process.stderr.write(`[encoder] ${label} ${encoded} encoded\n`);
      }
      vectors.push(vector);
    }
    return { vectors, encoded, seconds };
  }

  /**
   * Mean wall and CPU milliseconds per encoding of `texts`, encoded afresh after one untimed
   * warm-up. CPU time is the steadier figure on a shared machine (onnxruntime runs one thread).
   */
  async timeEncodings(texts: readonly string[]): Promise<{ wallMs: number; cpuMs: number }> {
    if (texts.length === 0) return { wallMs: 0, cpuMs: 0 };
    await this.encoder.embed(texts[0]);
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const text of texts) await this.encoder.embed(text);
    const used = process.cpuUsage(cpu);
    return {
      wallMs: (performance.now() - started) / texts.length,
      cpuMs: (used.user + used.system) / 1000 / texts.length,
    };
  }
}

/** One cache per converted model: a new conversion must not reuse the old vectors. */
function cacheName(dir: string): string {
  const graph = readFileSync(join(dir, ENCODER_FILES.graph));
  const id = createHash('sha256').update(graph).digest('hex').slice(0, 12);
  return `embeddings-${id}.bin`;
}
