import { groupByLocales } from '../../../server/src/queue/runs/flagged-scope';

describe('a flagged run groups its files by the locales they owe (a job carries one list)', () => {
  test('files owing the same locales, in any order, share one enqueue call', () => {
    const owedBy = new Map([
      [1, ['de']],
      [2, ['en', 'de']],
      [3, ['de']],
      [4, ['de', 'en']],
    ]);
    expect(groupByLocales([1, 2, 3, 4], owedBy)).toEqual([
      { fileIds: [1, 3], locales: ['de'] },
      { fileIds: [2, 4], locales: ['de', 'en'] },
    ]);
  });
});
