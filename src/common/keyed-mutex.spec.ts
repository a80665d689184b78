import { KeyedMutex } from './keyed-mutex';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(KeyedMutex.name, () => {
  it('runs tasks of one key one at a time, in order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      mutex.run('a', task('1', 20)),
      mutex.run('a', task('2', 1)),
      mutex.run('a', task('3', 5)),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs tasks of different keys concurrently', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    await Promise.all([
      mutex.run('a', async () => {
        log.push('a start');
        await tick(20);
        log.push('a end');
      }),
      mutex.run('b', async () => {
        log.push('b start');
        await tick(1);
        log.push('b end');
      }),
    ]);
    expect(log).toEqual(['a start', 'b start', 'b end', 'a end']);
  });

  it('keeps going after a failed task and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('a', () => Promise.resolve(2))).resolves.toBe(2);
    expect(mutex.size).toBe(0);
  });
});
