import { answeredElsewhere, ask } from '../../../server/src/cache/in-flight';

describe('questions asked in this process', () => {
  test('a second release of an old question leaves a later asker of the same key in place', async () => {
    const first = ask('key-a')!;
    first.release();
    const later = ask('key-a');
    expect(later).toBeDefined();
    first.release();
    // Still asked by `later`: a third job must wait for it rather than ask (and pay) again.
    expect(ask('key-a')).toBeUndefined();
    expect(answeredElsewhere('key-a')).toBeDefined();
    later!.release();
    expect(answeredElsewhere('key-a')).toBeUndefined();
  });

  test('waiters wake when the asker releases', async () => {
    const asker = ask('key-b')!;
    const waiting = answeredElsewhere('key-b')!;
    asker.release();
    await expect(waiting).resolves.toBeUndefined();
  });
});
