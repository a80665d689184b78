import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CLASSIFIER_OPTIONS, IntentClassifier, LabelledText } from './intent-classifier';
import { loadModel, saveModel } from './intent-model-codec';

/** A tiny synthetic dataset: enough to train, small enough to keep the spec fast. */
function dataset(): LabelledText[] {
  const rows: LabelledText[] = [];
  const templates: Record<string, string[]> = {
    weather: ['what is the weather %', 'will it rain %', 'is it sunny %', '% 天气怎么样'],
    music: ['play a song %', 'put on some music %', 'start my playlist %', '% 放首歌'],
    oos: ['how do i bake bread %', 'who wrote hamlet %', 'tell me about cars %', '% 讲个故事'],
  };
  const fillers = ['today', 'now', 'please', 'tomorrow', 'tonight', 'quickly', 'again', 'later'];
  for (const [intent, forms] of Object.entries(templates)) {
    for (const form of forms) {
      for (const filler of fillers) rows.push({ text: form.replace('%', filler), intent });
    }
  }
  return rows;
}

describe(IntentClassifier.name, () => {
  const options = {
    ...DEFAULT_CLASSIFIER_OPTIONS,
    vectorizer: { ...DEFAULT_CLASSIFIER_OPTIONS.vectorizer, minDf: 1 },
  };

  it('learns a small dataset', () => {
    const model = IntentClassifier.train(dataset(), options);
    expect(model.predict('will it rain this evening').top[0].intent).toBe('weather');
    expect(model.predict('放首歌吧').top[0].intent).toBe('music');
  });

  it('trains deterministically', () => {
    const a = IntentClassifier.train(dataset(), options);
    const b = IntentClassifier.train(dataset(), options);
    expect(a.core.weights.weights).toEqual(b.core.weights.weights);
    expect(a.temperature).toBe(b.temperature);
    expect(a.oosDetector.data).toEqual(b.oosDetector.data);
  });

  it('round-trips through the JSON artifact', () => {
    const model = IntentClassifier.train(dataset(), options);
    const file = join(mkdtempSync(join(tmpdir(), 'nlu-')), 'model.json');
    saveModel(model, file);
    const loaded = loadModel(file);
    for (const text of ['play a song now', 'is it sunny', 'who wrote macbeth', '']) {
      expect(loaded.predict(text)).toEqual(model.predict(text));
    }
  });
});
