import type { EditableSettingKey, EditableSettings, EntryContextSettingKey, SettingsView, UpdateSettings } from '../../../../shared/contracts/settings';

type NumericKey = 'maxLength' | 'concurrency' | 'requestsPerSecond';

/**
 * The form's copy of the settings: text where the user types free text, numbers that may be empty,
 * and the entry-context options as fields of their own (`entryContext.upgrade`), as they are locked.
 */
export type Draft = Omit<EditableSettings, 'keywords' | 'baseUrl' | 'model' | 'context' | 'entryContext' | NumericKey> & {
  keywords: string;
  baseUrl: string;
  model: string;
  context: string;
  'entryContext.enabled': boolean;
  'entryContext.upgrade': boolean;
} & Record<NumericKey | 'entryContext.waitSeconds', number | null>;

export interface KeyDraft {
  /** What the user typed; never filled from the server, which does not send the key. */
  value: string;
  /** Remove the saved key on save. */
  clear: boolean;
}

export const draftOf = ({ values: { entryContext, ...values } }: SettingsView): Draft => ({
  ...values,
  keywords: values.keywords.join(', '),
  baseUrl: values.baseUrl ?? '',
  model: values.model ?? '',
  context: values.context ?? '',
  'entryContext.enabled': entryContext.enabled,
  'entryContext.waitSeconds': entryContext.waitSeconds,
  'entryContext.upgrade': entryContext.upgrade,
});

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export const keywordsOf = (text: string) =>
  text
    .split(',')
    .map((keyword) => keyword.trim())
    .filter(Boolean);

/** The PUT body: only the keys the admin may change; the key only when typed or cleared. */
export const requestOf = (draft: Draft, key: KeyDraft, locked: SettingsView['locked']): UpdateSettings.Request['body'] => {
  const { 'entryContext.enabled': enabled, 'entryContext.waitSeconds': waitSeconds, 'entryContext.upgrade': upgrade, ...flat } = draft;
  // Empty number fields go out as null so the server's validation names the field.
  const all = {
    ...flat,
    keywords: keywordsOf(draft.keywords),
    baseUrl: orNull(draft.baseUrl),
    model: orNull(draft.model),
    context: orNull(draft.context),
  } as Omit<EditableSettings, 'entryContext'>;
  const body: UpdateSettings.Request['body'] = {};
  for (const name of Object.keys(all) as Array<Exclude<EditableSettingKey, 'entryContext'>>) {
    if (locked[name] === undefined) (body as Record<string, unknown>)[name] = all[name];
  }
  // Each entry-context option is locked on its own: the unlocked ones go out.
  const options = Object.entries({ enabled, waitSeconds, upgrade }).filter(([option]) => locked[`entryContext.${option}` as EntryContextSettingKey] === undefined);
  if (options.length > 0) body.entryContext = Object.fromEntries(options);
  if (locked.apiKey === undefined) {
    if (key.value.trim() !== '') body.apiKey = key.value.trim();
    else if (key.clear) body.apiKey = '';
  }
  return body;
};
