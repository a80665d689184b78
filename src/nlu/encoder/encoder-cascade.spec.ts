import { join } from 'node:path';
import { IntentClassifier } from '../intent-classifier';
import { loadModel } from '../intent-model-codec';
import { readJsonl } from '../labelled-dataset';
import { OUT_OF_SCOPE } from '../nlu.types';
import { EncoderCascade } from './encoder-cascade';
import { EncoderHead } from './encoder-head';
import { trainEncoderHead } from './encoder-head-codec';
import { AWKWARD_MESSAGES } from './testing/awkward-messages';
import { fakeVector } from './testing/fake-encoder.worker';

const FAKE_WORKER = join(__dirname, 'testing', 'fake-encoder.worker.ts');
const DATA = join(__dirname, '..', 'data');

/** A head over the fake worker's 8-d vectors: weak, but it exercises the whole encoder stage. */
function fakeHead(fast: IntentClassifier): EncoderHead {
  const train = readJsonl(join(DATA, 'utility-train.jsonl'));
  const validation = readJsonl(join(DATA, 'utility-validation.jsonl'));
  const labels = [...fast.labels];
  const tuning = validation.map((e) => ({
    fast: fast.explain(e.text),
    vector: fakeVector(e.text),
    isOos: e.intent === OUT_OF_SCOPE,
  }));
  return trainEncoderHead(
    train.map((e) => fakeVector(e.text)),
    Int32Array.from(train, (e) => labels.indexOf(e.intent)),
    labels,
    tuning,
    0.9,
    { epochs: 3, batch: 64, learningRate: 0.01, lambda: 1e-3, seed: 1 },
  );
}

async function until(check: () => boolean, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const settings = {
  enabled: 'on' as const,
  testing: false,
  dir: '/nonexistent',
  deadlineMs: 1000, // generous: a busy machine must not turn an encoder answer into a fallback
  maxQueue: 16,
};

describe(EncoderCascade.name, () => {
  const fast = loadModel();
  const head = fakeHead(fast);
  const labels = new Set([...fast.labels, OUT_OF_SCOPE]);

  it('is fast-only, saying why, when the encoder is switched off or not installed', async () => {
    const off = EncoderCascade.create(fast, () => head, { ...settings, enabled: 'off' });
    expect(off.status()).toMatchObject({ mode: 'fast-only', reason: 'switched off (NLU_ENCODER)' });
    const auto = EncoderCascade.create(fast, () => head, {
      ...settings,
      enabled: 'auto',
      testing: true,
    });
    expect(auto.status().mode).toBe('fast-only');
    const missing = EncoderCascade.create(fast, () => head, settings);
    expect(missing.status().reason).toMatch(/not installed in \/nonexistent.*ensure-encoder/);
    expect(await missing.predict('电费怎么这么贵，是不是表坏了')).toMatchObject({ stage: 'fast' });
  });

  it('is fast-only when the head cannot be loaded or belongs to another model', () => {
    const broken = EncoderCascade.create(
      fast,
      () => {
        throw new Error('bad file');
      },
      { ...settings, dir: __dirname },
      { workerFile: FAKE_WORKER },
    );
    expect(broken.status()).toMatchObject({ mode: 'fast-only', reason: 'encoder head: bad file' });
  });

  describe('with a running (fake) encoder worker', () => {
    let cascade: EncoderCascade;

    beforeAll(async () => {
      cascade = EncoderCascade.create(fast, () => head, settings, {
        workerFile: FAKE_WORKER,
        workerData: {},
        hangMs: 5000,
      });
      expect(cascade.status().mode).toBe('encoder-loading');
      // Still loading: the fast model answers.
      expect((await cascade.predict('我家停电了')).stage).toBe('fast');
      await until(() => cascade.status().mode === 'cascade');
    });

    afterAll(() => cascade.stop());

    it('lets the fast model answer what it is sure of, and asks the encoder otherwise', async () => {
      expect(await cascade.predict('我家停电了')).toMatchObject({
        stage: 'fast',
        prediction: { intent: 'outage.report' },
      });
      const unsure = await cascade.predict('hmm the thing with the money, you know, 那个');
      expect(unsure.stage).toBe('encoder');
      expect(labels.has(unsure.prediction.intent)).toBe(true);
    });

    it.each(AWKWARD_MESSAGES.map((m) => [m.slice(0, 30), m]))(
      'gives a sane answer for %j',
      async (_, message) => {
        const { prediction, stage } = await cascade.predict(message);
        expect(labels.has(prediction.intent)).toBe(true);
        expect(prediction.confidence).toBeGreaterThanOrEqual(0);
        expect(prediction.confidence).toBeLessThanOrEqual(1);
        expect(['fast', 'encoder', 'deadline']).toContain(stage);
      },
    );

    it('answers with the fast model at the deadline when the worker hangs, then recovers', async () => {
      const started = Date.now();
      const hung = await cascade.predict('#hang 嗯');
      expect(hung.stage).toBe('deadline');
      expect(hung.prediction).toEqual(fast.predict('#hang 嗯'));
      expect(Date.now() - started).toBeLessThan(5000); // the deadline answered, not the restart
      await until(() => cascade.status().restarts === 1 && cascade.status().mode === 'cascade');
      expect((await cascade.predict('hmm the thing with the money, 那个')).stage).toBe('encoder');
    });

    it('answers with the fast model when the worker dies, then recovers', async () => {
      const died = await cascade.predict('#die 嗯');
      expect(died.stage).toBe('deadline');
      await until(() => cascade.status().restarts === 2 && cascade.status().mode === 'cascade');
      expect((await cascade.predict('hmm the thing with the money, 那个')).stage).toBe('encoder');
    });
  });
});
