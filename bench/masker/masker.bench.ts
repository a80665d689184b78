import { readFileSync } from 'fs';
import { performance } from 'node:perf_hooks';
import { join } from 'path';
import { parseArgs } from 'util';
import { maskPii } from '../../src/common/pii-masker';
import { countOption, runBench } from '../support/bench-cli';

/**
 * What masking costs per message, on the masker's own corpus (zh and en, personal numbers mixed
 * with dates, amounts, kWh and references). The reference, measured in the same run, is one
 * regular-expression pass over the same texts that only finds the digit runs (the old masker's
 * first step): the difference is what number-by-number reading and libphonenumber add.
 */
const NUMBER_RUNS = /(?<![\dA-Za-z])\d[\d -]{8,22}[\dXx](?![\dA-Za-z])/g;

function perMessageMicros(
  texts: string[],
  rounds: number,
  work: (text: string) => unknown,
): number {
  for (let i = 0; i < 2000; i++) work(texts[i % texts.length]);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) work(texts[i % texts.length]);
  return ((performance.now() - started) * 1000) / rounds;
}

runBench('bench:masker', 120_000, () => {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '200000' } } });
  const rounds = countOption('messages', values.messages, 10_000_000);
  const corpus = JSON.parse(
    readFileSync(join(__dirname, '../../../src/common/pii-masker.corpus.json'), 'utf8'),
  ) as { text: string }[];
  const texts = corpus.map((c) => c.text);
  const reference = perMessageMicros(texts, rounds, (t) => t.match(NUMBER_RUNS));
  const masker = perMessageMicros(texts, rounds, (t) => maskPii(t));
  console.log(`corpus: ${texts.length} messages, ${rounds} maskings`);
  console.log(`reference (one regex pass): ${reference.toFixed(2)} µs per message`);
  console.log(`maskPii:                    ${masker.toFixed(2)} µs per message`);
  console.log(`maskPii per second on one core: ${Math.round(1e6 / masker).toLocaleString('en')}`);
  return Promise.resolve(0);
});
