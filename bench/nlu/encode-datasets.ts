/**
 * Fills the encoder's embedding cache for the benchmark sets, so that the eval runs that follow
 * reuse the encodings. Usage: npx ts-node --transpile-only bench/nlu/encode-datasets.ts FILE...
 */
import { readJsonl } from '../../src/nlu/labelled-dataset';
import { TextEncoder } from '../../src/nlu/encoder/encode-texts';

async function main(files: string[]): Promise<void> {
  const encoder = await TextEncoder.open('.data/encoder');
  for (const file of files) {
    const texts = readJsonl(file).map((e) => e.text);
    const out = await encoder.encodeAll(texts, file);
    const rate = out.encoded / Math.max(out.seconds, 1e-9);
    process.stdout.write(
      `${file}: ${texts.length} texts, ${out.encoded} encoded, ${rate.toFixed(1)}/s\n`,
    );
  }
}

void main(process.argv.slice(2));
