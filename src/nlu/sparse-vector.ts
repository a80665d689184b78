/** A sparse feature vector; `wordNnz` leading entries belong to the word block. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
  wordNnz: number;
  /** Word-block terms (with repeats) missing from the vocabulary: words training never saw. */
  unknownWords: number;
}

/** Row-compressed sparse matrix, the layout the trainers iterate over. */
export interface SparseMatrix {
  rows: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function toSparseMatrix(vectors: readonly SparseVector[]): SparseMatrix {
  const indptr = new Int32Array(vectors.length + 1);
  let nnz = 0;
  vectors.forEach((v, i) => {
    nnz += v.indices.length;
    indptr[i + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  vectors.forEach((v, i) => {
    indices.set(v.indices, indptr[i]);
    values.set(v.values, indptr[i]);
  });
  return { rows: vectors.length, indptr, indices, values };
}
