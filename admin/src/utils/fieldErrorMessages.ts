import type { FieldErrorCode } from '../../../shared/contracts/common';

interface Message {
  id: string;
  defaultMessage: string;
}

/**
 * The server's field-error codes in words, with their `params` as placeholders; ids unprefixed
 * (`useFieldErrorText` prefixes them). The server's English `message` is the fallback for a code
 * an older admin does not know.
 */
export const FIELD_ERROR_MESSAGES: Record<FieldErrorCode, Message> = {
  tooBig: { id: 'fieldError.tooBig', defaultMessage: 'Must be {max} or less.' },
  tooSmall: { id: 'fieldError.tooSmall', defaultMessage: 'Must be {min} or more.' },
  tooLong: { id: 'fieldError.tooLong', defaultMessage: 'Must be at most {max} characters long.' },
  tooShort: { id: 'fieldError.tooShort', defaultMessage: 'Must be at least {min} characters long.' },
  tooMany: { id: 'fieldError.tooMany', defaultMessage: 'At most {max} entries.' },
  tooFew: { id: 'fieldError.tooFew', defaultMessage: 'At least {min} entries.' },
  notInteger: { id: 'fieldError.notInteger', defaultMessage: 'Must be a whole number.' },
  wrongType: { id: 'fieldError.wrongType', defaultMessage: 'Fill in this field.' },
  notOneOf: { id: 'fieldError.notOneOf', defaultMessage: 'Choose one of: {options}.' },
  invalidFormat: { id: 'fieldError.invalidFormat', defaultMessage: 'This value does not have the expected form.' },
  unknownKey: { id: 'fieldError.unknownKey', defaultMessage: 'This setting cannot be changed here.' },
  invalid: { id: 'fieldError.invalid', defaultMessage: 'This value is not valid.' },
  locked: { id: 'fieldError.locked', defaultMessage: 'Set in config/plugins or the environment: it cannot be changed here.' },
  retypeKeyOnSave: {
    id: 'fieldError.retypeKeyOnSave',
    defaultMessage: 'Type the key again to use it with another provider or base URL: a saved key is only sent to the address it was saved for.',
  },
  retypeKeyOnVerify: {
    id: 'fieldError.retypeKeyOnVerify',
    defaultMessage: 'Type the key to verify another provider or base URL: a key is only sent to the address it was configured or saved for.',
  },
  noEncryptionKey: {
    id: 'fieldError.noEncryptionKey',
    defaultMessage: 'The key cannot be saved: the server has no encryption key (ENCRYPTION_KEY) to store it encrypted. Set one, or set ALT_TEXT_API_KEY instead.',
  },
  invalidBaseUrl: {
    id: 'fieldError.invalidBaseUrl',
    defaultMessage: 'Enter a full http(s) address, without user name, password, query (?…) or fragment (#…).',
  },
  modelRequired: { id: 'fieldError.modelRequired', defaultMessage: 'Required for an OpenAI-compatible provider: the vision model to ask, e.g. gpt-4o-mini.' },
  invalidLanguageCode: { id: 'fieldError.invalidLanguageCode', defaultMessage: 'Enter a language code such as en, de or pt-br.' },
  unknownLanguage: { id: 'fieldError.unknownLanguage', defaultMessage: '“{lang}” is not a known language code.' },
  unsupportedLanguage: { id: 'fieldError.unsupportedLanguage', defaultMessage: 'This provider does not write in “{lang}”: choose one of its languages.' },
};
