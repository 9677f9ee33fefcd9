import type { EditableSettingKey, EditableSettings, SettingsView, UpdateSettings } from '../../../../shared/contracts/settings';

type NumericKey = 'maxLength' | 'concurrency' | 'requestsPerSecond';

/** The form's copy of the settings: text where the user types free text, numbers that may be empty. */
export type Draft = Omit<EditableSettings, 'keywords' | 'baseUrl' | 'model' | 'context' | NumericKey> & {
  keywords: string;
  baseUrl: string;
  model: string;
  context: string;
} & Record<NumericKey, number | null>;

export interface KeyDraft {
  /** What the user typed; never filled from the server, which does not send the key. */
  value: string;
  /** Remove the saved key on save. */
  clear: boolean;
}

export const draftOf = ({ values }: SettingsView): Draft => ({
  ...values,
  keywords: values.keywords.join(', '),
  baseUrl: values.baseUrl ?? '',
  model: values.model ?? '',
  context: values.context ?? '',
});

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export const keywordsOf = (text: string) =>
  text
    .split(',')
    .map((keyword) => keyword.trim())
    .filter(Boolean);

/** The PUT body: only the keys the admin may change; the key only when typed or cleared. */
export const requestOf = (draft: Draft, key: KeyDraft, locked: SettingsView['locked']): UpdateSettings.Request['body'] => {
  // Empty number fields go out as null so the server's validation names the field.
  const all = {
    ...draft,
    keywords: keywordsOf(draft.keywords),
    baseUrl: orNull(draft.baseUrl),
    model: orNull(draft.model),
    context: orNull(draft.context),
  } as EditableSettings;
  const body: UpdateSettings.Request['body'] = {};
  for (const name of Object.keys(all) as EditableSettingKey[]) {
    if (locked[name] === undefined) (body as Record<string, unknown>)[name] = all[name];
  }
  if (locked.apiKey === undefined) {
    if (key.value.trim() !== '') body.apiKey = key.value.trim();
    else if (key.clear) body.apiKey = '';
  }
  return body;
};
