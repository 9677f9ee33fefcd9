import type { FieldIssue } from '../utils/errors';
import { FIELD_ERROR_MESSAGES } from '../utils/fieldErrorMessages';
import { useT } from './useT';

/** A field error in the admin's language: its code with its params, or the server's English message for a code it does not know. */
export const useFieldErrorText = () => {
  const t = useT();
  return (issue: FieldIssue | undefined): string | undefined => {
    if (!issue) return undefined;
    const message = issue.code ? FIELD_ERROR_MESSAGES[issue.code] : undefined;
    return message ? t(message.id, message.defaultMessage, issue.params) : issue.message;
  };
};
