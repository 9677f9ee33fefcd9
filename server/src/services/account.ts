import type { Core } from '@strapi/strapi';
import type { CreditsView, VerifyView } from '../../../shared/contracts/settings';
import { isAltTextError } from '../errors';
import { createProvider } from '../providers';
import type { CreditsReport } from '../providers/types';
import { getService } from './get-service';
import { readConfig } from '../config/read';
import { invalidSettings } from '../validation/settings';
import { verifyTarget } from '../validation/verify';

const toCreditsView = (report: CreditsReport): CreditsView =>
  report.reported
    ? { reported: true, remaining: report.remaining, plan: report.plan, refillsAt: report.refillsAt }
    : { reported: false, reason: report.reason };

const failure = (error: unknown) =>
  isAltTextError(error)
    ? { code: error.code, message: error.message }
    : { code: 'INTERNAL', message: 'the provider could not be asked' };

/** The provider account as the admin sees it: is the key valid, how many credits are left. */
export const createAccountService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Verifies the key in force, or the unsaved values from the settings form (see validation/verify:
   * a key only ever goes to the endpoint it was configured or saved for). A successful check of the
   * key in force lifts a pause caused by an invalid key or missing credits.
   */
  async verify(body: unknown = {}): Promise<VerifyView> {
    const inForce = readConfig(strapi);
    const target = verifyTarget(body, inForce, getService(strapi, 'settings').locks().locked);
    if (!target.ok) throw invalidSettings(target.errors);
    // The settings in force are checked with the process's one client; unsaved values need a client of their own.
    const unchanged = target.inForce && target.config.model === inForce.model;
    const adapter = unchanged ? getService(strapi, 'generation').provider() : createProvider(target.config);
    if (!adapter) return { valid: false, error: { code: 'INVALID_KEY', message: 'no API key is set' } };
    try {
      const result = await adapter.verifyKey();
      if (!result.valid) return { valid: false };
      let credits: CreditsView | undefined;
      try {
        credits = toCreditsView(await adapter.getCredits());
      } catch {
        credits = undefined;
      }
      if (target.inForce) {
        const queue = getService(strapi, 'queue');
        const state = await queue.getState();
        const hasCredits = !credits?.reported || (credits.remaining ?? 0) > 0;
        if (hasCredits) await queue.primaryVerified();
        if (state.paused && (state.reason === 'INVALID_KEY' || state.reason === 'OUT_OF_CREDITS') && hasCredits) {
          await queue.resume();
        }
      }
      return { valid: true, account: result.account, credits };
    } catch (error) {
      return { valid: false, error: failure(error) };
    }
  },

  async credits(): Promise<CreditsView> {
    const adapter = getService(strapi, 'generation').provider();
    if (!adapter) return { reported: false, reason: 'no API key is set' };
    try {
      return toCreditsView(await adapter.getCredits());
    } catch (error) {
      return { reported: false, reason: failure(error).message };
    }
  },
});
