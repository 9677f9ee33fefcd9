import { AltTextError, type AltTextErrorCode } from '../errors';
import type { ProviderName } from '../config/schema';
import type { DeliveryStrategy } from './types';

/**
 * A delivery failure is an `AltTextError` (so the queue handles it by its code like any provider
 * failure) that also carries the strategy being attempted, so the outcome can record it.
 */
export class ImageDeliveryError extends AltTextError {
  readonly strategy?: DeliveryStrategy;
  constructor(
    code: Extract<AltTextErrorCode, 'IMAGE_UNREACHABLE' | 'UNSUPPORTED_IMAGE'>,
    reason: string,
    context: { provider: ProviderName; file: string; strategy?: DeliveryStrategy }
  ) {
    super(code, context.strategy ? `${context.strategy} delivery: ${reason}` : reason, context);
    this.name = 'ImageDeliveryError';
    this.strategy = context.strategy;
  }
}

/** The strategy a failed `resolve` was attempting, if it got that far. */
export const strategyOf = (error: unknown): DeliveryStrategy | undefined =>
  error instanceof ImageDeliveryError ? error.strategy : undefined;
