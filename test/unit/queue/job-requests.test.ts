import { mergeRequests, type JobRequest } from '../../../server/src/queue/job-requests';

const request = (overrides: Partial<JobRequest> = {}): JobRequest => ({ reason: 'upload', mode: 'fill', lang: null, ...overrides });

describe('two requests for one file become one job', () => {
  test('an admin Regenerate absorbed by a waiting upload job makes it an overwrite in the admin\'s language', () => {
    expect(mergeRequests(request(), request({ reason: 'manual', mode: 'overwrite', lang: 'de' }))).toEqual({ reason: 'manual', mode: 'overwrite', lang: 'de' });
  });

  test('a later, weaker request never weakens an earlier one', () => {
    expect(mergeRequests(request({ reason: 'manual', mode: 'overwrite', lang: 'fr' }), request({ reason: 'replace' }))).toEqual({ reason: 'manual', mode: 'overwrite', lang: 'fr' });
  });

  test('a replace outranks an upload or a run, so generated text may be refreshed for the new bytes', () => {
    expect(mergeRequests(request({ reason: 'run' }), request({ reason: 'replace' })).reason).toBe('replace');
    expect(mergeRequests(request({ reason: 'replace' }), request({ reason: 'upload' })).reason).toBe('replace');
  });
});
