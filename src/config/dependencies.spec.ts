import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

// natural 6.11+ pulls in mongoose 9, pg, redis and memjs, and its storage modules call
// dotenv.config() at import: guard the lean pin and the absence of both effects.
describe('third-party dependencies', () => {
  it('pins natural to the lean 6.10 line', () => {
    const { version } = JSON.parse(
      execFileSync('node', ['-p', "JSON.stringify(require('natural/package.json'))"], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as { version: string };
    expect(version).toMatch(/^6\.10\./);
  });

  it('has exactly one mongoose in the tree', () => {
    const tree = execFileSync('npm', ['ls', 'mongoose', '--all', '--parseable'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const copies = new Set(tree.split('\n').filter((line) => /node_modules\/mongoose$/.test(line)));
    expect([...copies]).toEqual([join(ROOT, 'node_modules', 'mongoose')]);
  });

  it('reads no .env file when the NLU (and so natural) is loaded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-env-'));
    writeFileSync(join(dir, '.env'), 'POWERDESK_DOTENV_PROBE=loaded\n');
    const script = [
      `require(${JSON.stringify(join(ROOT, 'src', 'nlu', 'nlu.service.ts'))});`,
      `require(${JSON.stringify(require.resolve('natural/lib/natural/tokenizers'))});`,
      'process.stdout.write(String(process.env.POWERDESK_DOTENV_PROBE));',
    ].join('\n');
    const register = require.resolve('ts-node/register/transpile-only');
    const out = execFileSync('node', ['-r', register, '-e', script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    });
    expect(out).toBe('undefined');
  });
});
