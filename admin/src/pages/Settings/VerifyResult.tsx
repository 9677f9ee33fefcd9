import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { VerifyView } from '../../../../shared/contracts/settings';
import { CreditsSummary } from '../../components/CreditsSummary';
import { useT } from '../../hooks/useT';

/** What the provider said about the key: valid or not, the account, and the credits left. */
export const VerifyResult = ({ result }: { result: VerifyView }) => {
  const t = useT();
  return (
    <Box padding={4} background={result.valid ? 'success100' : 'danger100'} hasRadius data-testid="verify-result">
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Badge variant={result.valid ? 'success' : 'danger'}>
          {result.valid ? t('settings.verify.valid', 'Valid key') : t('settings.verify.invalid', 'Invalid key')}
        </Badge>
        {result.account ? (
          <Typography>
            {t('settings.verify.account', 'Account: {account}', { account: result.account })}
          </Typography>
        ) : null}
        {result.credits ? <CreditsSummary credits={result.credits} /> : null}
        {result.error ? (
          <Typography textColor="danger700">
            {t('settings.verify.error', 'The provider could not be asked: {message}', { message: result.error.message })}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
};
