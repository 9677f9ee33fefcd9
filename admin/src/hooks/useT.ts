import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

/** A message of the translation files, for lists declared outside a component (ids unprefixed). */
export interface Message {
  id: string;
  defaultMessage: string;
}

export type Translate = (id: string, defaultMessage: string, values?: Record<string, string | number>) => string;

/** `t('coverage.title', 'Coverage')`: formatMessage with the prefix `registerTrads` gives every key. */
export const useT = (): Translate => {
  const { formatMessage } = useIntl();
  return (id, defaultMessage, values) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
};
