import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../intent-model-codec';
import { loadEncoderHead, saveEncoderHead, trainEncoderHead } from './encoder-head-codec';
import { headProbabilities, trainSoftmaxHead } from './softmax-head';

/** Points around three well-separated directions in 6-d, unit length like real embeddings. */
function clusters(perClass: number): { vectors: Float32Array[]; labels: Int32Array } {
  const vectors: Float32Array[] = [];
  const labels: number[] = [];
  let seed = 7;
  const noise = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.6;
  for (let c = 0; c < 3; c++) {
    for (let k = 0; k < perClass; k++) {
      const v = Float32Array.from({ length: 6 }, (_, i) => (i === c * 2 ? 1 : 0) + noise());
      const norm = Math.hypot(...v);
      vectors.push(v.map((x) => x / norm));
      labels.push(c);
    }
  }
  return { vectors, labels: Int32Array.from(labels) };
}

describe('encoder head', () => {
  it('learns separable classes, deterministically for a seed', () => {
    const { vectors, labels } = clusters(40);
    const options = { epochs: 20, batch: 16, learningRate: 0.05, lambda: 1e-3, seed: 3 };
    const a = trainSoftmaxHead(vectors, labels, 3, options);
    const b = trainSoftmaxHead(vectors, labels, 3, options);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const p = new Float64Array(3);
    const correct = vectors.filter((v, i) => {
      headProbabilities(a, v, p);
      return p.indexOf(Math.max(...p)) === labels[i];
    }).length;
    expect(correct / vectors.length).toBeGreaterThan(0.95);
  });

  it('survives a save and load with identical decisions', () => {
    const fast = loadModel();
    const labels = [...fast.labels];
    const { vectors } = clusters(labels.length);
    const index = Int32Array.from(vectors, (_, i) => i % labels.length);
    const head = trainEncoderHead(vectors, index, labels, [], 0.9, {
      epochs: 2,
      batch: 8,
      learningRate: 0.01,
      lambda: 1e-3,
      seed: 1,
    });
    const dir = mkdtempSync(join(tmpdir(), 'head-'));
    try {
      saveEncoderHead(head, join(dir, 'head.json'));
      const loaded = loadEncoderHead(join(dir, 'head.json'));
      const detail = fast.explain('电费怎么这么贵');
      expect(loaded.decide(detail, vectors[5])).toEqual(head.decide(detail, vectors[5]));
      // No oos tuning rows: the detector never fires, and says so after the round trip.
      expect(loaded.parts.oos.data.threshold).toBe(Infinity);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
