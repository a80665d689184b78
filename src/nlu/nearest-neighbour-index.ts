import { SparseMatrix } from './sparse-vector';

const MAX_POSTING_SHARE = 0.02;

export interface NeighbourMatch {
  /** Highest cosine similarity to any training text. */
  best: number;
  /** Highest cosine similarity to a training text of the given class. */
  bestOfClass: number;
  /**
   * Share of the message's word mass (idf-weighted, unknown words at the highest idf) made of
   * words that training texts of the given class contain. Out-of-scope messages borrow a phrase
   * from an intent but bring their own topic words ("how do I find the area of a circle").
   */
  coverage: number;
}

/**
 * Inverted index over the word block of the training vectors. In-scope messages usually have a
 * close paraphrase among the training texts; out-of-scope ones do not, even when the classifier is
 * confident, so the similarity of the nearest neighbour is a second, independent oos signal.
 */
export class NearestNeighbourIndex {
  private readonly scratch: Float32Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;
  private readonly maxIdf: number;

  constructor(
    /** Column-major postings: for feature f, docs[ptr[f]..ptr[f+1]) with their values. */
    readonly ptr: Int32Array,
    readonly docs: Int32Array,
    readonly values: Float32Array,
    readonly labels: Int32Array,
    /** Per word feature, a bitmap row: does any training text of class c contain it? */
    readonly classTerms: Uint8Array,
    readonly classes: number,
    /** Idf of each word feature (the first `idf.length` features are the word block). */
    readonly idf: Float32Array,
  ) {
    this.scratch = new Float32Array(labels.length);
    this.seen = new Uint8Array(labels.length);
    this.touched = new Int32Array(labels.length);
    this.maxIdf = idf.reduce((m, v) => Math.max(m, v), 1);
  }

  /** Builds the index from the word-block prefix (`wordNnz[i]` entries) of each training row. */
  static build(
    x: SparseMatrix,
    wordNnz: Int32Array,
    labels: Int32Array,
    features: number,
    classes: number,
    idf: Float32Array,
  ): NearestNeighbourIndex {
    let wordFeatures = 0;
    for (let i = 0; i < x.rows; i++) {
      for (let k = x.indptr[i]; k < x.indptr[i] + wordNnz[i]; k++) {
        wordFeatures = Math.max(wordFeatures, x.indices[k] + 1);
      }
    }
    const classTerms = new Uint8Array(wordFeatures * classes);
    for (let i = 0; i < x.rows; i++) {
      if (labels[i] < 0) continue;
      for (let k = x.indptr[i]; k < x.indptr[i] + wordNnz[i]; k++) {
        classTerms[x.indices[k] * classes + labels[i]] = 1;
      }
    }
    const counts = new Int32Array(features + 1);
    const norms = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      const start = x.indptr[i];
      for (let k = start; k < start + wordNnz[i]; k++) {
        counts[x.indices[k] + 1]++;
        norms[i] += x.values[k] * x.values[k];
      }
    }
    // Terms in more than a few percent of the texts ("my", "the", 电) barely move a cosine but
    // dominate query time, so they are left out of the postings (not out of the norms).
    const maxPosting = Math.max(50, Math.ceil(x.rows * MAX_POSTING_SHARE));
    for (let f = 0; f < features; f++) if (counts[f + 1] > maxPosting) counts[f + 1] = 0;
    const indexed = Uint8Array.from(counts.subarray(1), (c) => (c > 0 ? 1 : 0));
    for (let f = 0; f < features; f++) counts[f + 1] += counts[f];
    const ptr = Int32Array.from(counts);
    const fill = Int32Array.from(counts);
    const docs = new Int32Array(ptr[features]);
    const values = new Float32Array(ptr[features]);
    for (let i = 0; i < x.rows; i++) {
      const start = x.indptr[i];
      const scale = norms[i] > 0 ? 1 / Math.sqrt(norms[i]) : 0;
      for (let k = start; k < start + wordNnz[i]; k++) {
        if (indexed[x.indices[k]] === 0) continue;
        const slot = fill[x.indices[k]]++;
        docs[slot] = i;
        values[slot] = x.values[k] * scale;
      }
    }
    return new NearestNeighbourIndex(
      ptr,
      docs,
      values,
      labels,
      classTerms,
      classes,
      idf.slice(0, wordFeatures),
    );
  }

  query(
    indices: Int32Array,
    values: Float32Array,
    nnz: number,
    label: number,
    unknownWords: number,
  ): NeighbourMatch {
    let mass = unknownWords * this.maxIdf;
    let covered = 0;
    for (let k = 0; k < nnz; k++) {
      const f = indices[k];
      if (f >= this.idf.length) continue;
      mass += this.idf[f];
      if (label >= 0 && this.classTerms[f * this.classes + label] === 1) covered += this.idf[f];
    }
    const coverage = mass > 0 ? covered / mass : 0;
    let norm = 0;
    for (let k = 0; k < nnz; k++) norm += values[k] * values[k];
    if (norm === 0) return { best: 0, bestOfClass: 0, coverage };
    const scale = 1 / Math.sqrt(norm);
    let count = 0;
    for (let k = 0; k < nnz; k++) {
      const f = indices[k];
      if (f + 1 >= this.ptr.length) continue;
      const v = values[k] * scale;
      for (let p = this.ptr[f]; p < this.ptr[f + 1]; p++) {
        const d = this.docs[p];
        if (this.seen[d] === 0) {
          this.seen[d] = 1;
          this.touched[count++] = d;
        }
        this.scratch[d] += v * this.values[p];
      }
    }
    let best = 0;
    let bestOfClass = 0;
    for (let t = 0; t < count; t++) {
      const d = this.touched[t];
      const s = this.scratch[d];
      if (s > best) best = s;
      if (this.labels[d] === label && s > bestOfClass) bestOfClass = s;
      this.scratch[d] = 0;
      this.seen[d] = 0;
    }
    return { best, bestOfClass, coverage };
  }
}
