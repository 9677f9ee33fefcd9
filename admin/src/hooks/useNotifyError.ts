import { useNotification } from '@strapi/strapi/admin';
import { errorMessageOf } from '../utils/errors';

/** An `onError` for mutations: the server's message in a danger notification. */
export const useNotifyError = () => {
  const { toggleNotification } = useNotification();
  return (error: unknown) => toggleNotification({ type: 'danger', message: errorMessageOf(error) ?? '' });
};
