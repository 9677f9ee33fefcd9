import { chargedNothing } from '../../../server/src/spend/refund';
import type { GenerationOutcome } from '../../../server/src/generation/types';

const failed = (code: Extract<GenerationOutcome, { status: 'failed' }>['code']): GenerationOutcome => ({ status: 'failed', code, reason: 'x' });

describe('which calls give their credit back', () => {
  test.each(['INVALID_KEY', 'OUT_OF_CREDITS', 'MISCONFIGURED', 'RATE_LIMITED', 'IMAGE_UNREACHABLE', 'UNSUPPORTED_IMAGE', 'TRANSIENT'] as const)(
    '%s: the provider refused or failed without doing the work — the credit comes back',
    (code) => {
      expect(chargedNothing(failed(code))).toBe(true);
    }
  );

  test.each(['BAD_RESPONSE', 'TIMEOUT', 'CANCELLED', 'INTERNAL'] as const)('%s: the call may have been paid — it stays counted', (code) => {
    expect(chargedNothing(failed(code))).toBe(false);
  });

  test('a written or skipped image was paid for (an answer came back)', () => {
    const paid: GenerationOutcome[] = [{ status: 'written', text: 'A cat', strategy: 'presigned' }, { status: 'skipped', reason: 'the model judged it decorative' }];
    for (const outcome of paid) expect(chargedNothing(outcome)).toBe(false);
  });
});
