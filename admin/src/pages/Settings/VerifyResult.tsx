import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { VerifyView } from '../../../../shared/contracts/settings';
import { CreditsSummary } from '../../components/CreditsSummary';
import { getTranslation } from '../../utils/getTranslation';

/** What the provider said about the key: valid or not, the account, and the credits left. */
export const VerifyResult = ({ result }: { result: VerifyView }) => {
  const { formatMessage } = useIntl();
  return (
    <Box padding={4} background={result.valid ? 'success100' : 'danger100'} hasRadius data-testid="verify-result">
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Badge variant={result.valid ? 'success' : 'danger'}>
          {result.valid
            ? formatMessage({ id: getTranslation('settings.verify.valid'), defaultMessage: 'Valid key' })
            : formatMessage({ id: getTranslation('settings.verify.invalid'), defaultMessage: 'Invalid key' })}
        </Badge>
        {result.account ? (
          <Typography>
            {formatMessage(
              { id: getTranslation('settings.verify.account'), defaultMessage: 'Account: {account}' },
              { account: result.account }
            )}
          </Typography>
        ) : null}
        {result.credits ? <CreditsSummary credits={result.credits} /> : null}
        {result.error ? (
          <Typography textColor="danger700">
            {formatMessage(
              { id: getTranslation('settings.verify.error'), defaultMessage: 'The provider could not be asked: {message}' },
              { message: result.error.message }
            )}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
};
