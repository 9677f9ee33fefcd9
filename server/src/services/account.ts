import type { Core } from '@strapi/strapi';
import type { CreditsView, VerifyView } from '../../../shared/contracts/settings';
import { isAltTextError } from '../errors';
import { createProvider } from '../providers';
import type { CreditsReport } from '../providers/types';
import { getService } from './get-service';
import { readConfig } from '../config/read';
import { invalidSettings } from '../validation/settings';
import { verifyTarget } from '../validation/verify';
import { outcomeOfError, verifyView } from '../providers/verify-outcome';

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
    const address = { provider: target.config.provider, baseUrl: target.config.baseUrl };
    if (!adapter) return { valid: false, ...verifyView('noKey', address) };
    try {
      const result = await adapter.verifyKey();
      if (!result.valid) return { valid: false, ...verifyView('invalidKey', address) };
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
      const outcome = result.unusable ? verifyView('misconfigured', address, { setting: result.unusable.setting }) : verifyView('valid', address);
      return { valid: true, account: result.account, credits, ...outcome };
    } catch (error) {
      const { outcome, status, code } = outcomeOfError(error);
      const view = verifyView(outcome, address, status === undefined ? {} : { status });
      // An account with no credits left still has a key the provider knows.
      return { valid: outcome === 'outOfCredits', ...view, error: { code, message: view.message } };
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
