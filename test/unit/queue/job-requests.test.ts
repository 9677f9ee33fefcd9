import { mergeRequests, type JobRequest } from '../../../server/src/queue/job-requests';

const request = (overrides: Partial<JobRequest> = {}): JobRequest => ({ reason: 'upload', mode: 'fill', lang: null, ...overrides });

describe('two requests for one file become one job', () => {
  test('an admin Regenerate absorbed by a waiting upload job makes it an overwrite in the admin\'s language', () => {
    expect(mergeRequests(request(), request({ reason: 'manual', mode: 'overwrite', lang: 'de' }))).toEqual({ reason: 'manual', mode: 'overwrite', lang: 'de', contextEntry: null, locales: null, force: false });
  });

  test('a later, weaker request never weakens an earlier one', () => {
    expect(mergeRequests(request({ reason: 'manual', mode: 'overwrite', lang: 'fr' }), request({ reason: 'replace' }))).toEqual({ reason: 'manual', mode: 'overwrite', lang: 'fr', contextEntry: null, locales: null, force: false });
  });

  test('the later request\'s entry wins; a request without one keeps the earlier entry', () => {
    const article = { uid: 'api::article.article', documentId: 'a1', locale: null };
    const page = { uid: 'api::page.page', documentId: 'p1', locale: 'fr' };
    expect(mergeRequests(request({ contextEntry: article }), request({ reason: 'context', contextEntry: page })).contextEntry).toEqual(page);
    expect(mergeRequests(request({ contextEntry: article }), request({ reason: 'manual' })).contextEntry).toEqual(article);
  });

  test('a forced request stays forced whatever it merges with: the cache is bypassed once someone asked for it', () => {
    expect(mergeRequests(request({ reason: 'run', force: true }), request({ reason: 'manual' })).force).toBe(true);
    expect(mergeRequests(request({ reason: 'upload' }), request({ reason: 'run', force: true })).force).toBe(true);
    expect(mergeRequests(request(), request()).force).toBe(false);
  });

  test('a replace outranks an upload or a run, so generated text may be refreshed for the new bytes', () => {
    expect(mergeRequests(request({ reason: 'run' }), request({ reason: 'replace' })).reason).toBe('replace');
    expect(mergeRequests(request({ reason: 'replace' }), request({ reason: 'upload' })).reason).toBe('replace');
  });
});
