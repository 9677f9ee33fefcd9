import { lockedKeys } from '../../../server/src/config/locks';
import { overlayValues, resolveSettings } from '../../../server/src/config/resolve';
import { namedIn } from '../../../server/src/config/user-config';
import { updateSettingsSchema } from '../../../server/src/validation/settings';
import { fakeCipher, fileConfigWith } from './fakes';

const named = (config: Record<string, unknown>) => new Set(namedIn({ 'auto-alt-text': { config } }));

describe('the entry-context options of the settings page', () => {
  test('config/plugins naming one option locks that option only; maxEntries, maxChars and ecommerce lock nothing editable', () => {
    const keys = named({ entryContext: { waitSeconds: 5, maxEntries: 2, ecommerce: {} } });
    expect(lockedKeys({ named: keys, env: () => undefined, fileConfig: fileConfigWith() })).toEqual({ 'entryContext.waitSeconds': 'Set in config/plugins' });
  });

  test('entryContext named with no object (env.json of an unset variable) locks every option', () => {
    const keys = named({ entryContext: undefined, lang: 'en' });
    expect(lockedKeys({ named: keys, env: () => undefined, fileConfig: fileConfigWith() })).toEqual({
      lang: 'Set in config/plugins',
      'entryContext.enabled': 'Set in config/plugins',
      'entryContext.waitSeconds': 'Set in config/plugins',
      'entryContext.upgrade': 'Set in config/plugins',
    });
  });

  test('saved options lie over the file config one by one, except a locked one, and the rest of entryContext stays', () => {
    const fileConfig = fileConfigWith({}, { entryContext: { enabled: true, waitSeconds: 5, upgrade: false, maxEntries: 2, maxChars: 600, ecommerce: {} } });
    const fixed = { fileConfig, locked: lockedKeys({ named: named({ entryContext: { waitSeconds: 5 } }), env: () => undefined, fileConfig }) };
    const merged = overlayValues(fixed, { entryContext: { enabled: false, waitSeconds: 60, upgrade: true } });
    expect(merged.entryContext).toEqual({ enabled: false, waitSeconds: 5, upgrade: true, maxEntries: 2, maxChars: 600, ecommerce: {} });
    expect(resolveSettings(fixed, { values: { entryContext: { upgrade: true } } }, fakeCipher()).config.entryContext).toMatchObject({ enabled: true, upgrade: true });
  });

  test('a saved option out of the config schema’s bounds is not used (the file config stands)', () => {
    const fileConfig = fileConfigWith();
    const fixed = { fileConfig, locked: {} };
    expect(resolveSettings(fixed, { values: { entryContext: { waitSeconds: -1 } } }, fakeCipher()).config.entryContext.waitSeconds).toBe(0);
  });

  test('a request may name some options, never the config-only ones', () => {
    expect(updateSettingsSchema.safeParse({ entryContext: { upgrade: true } }).success).toBe(true);
    const refused = updateSettingsSchema.safeParse({ entryContext: { maxChars: 900 } });
    expect(refused.success).toBe(false);
  });
});
