import { Loader, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Card } from '../../components/Card';
import { CreditsSummary } from '../../components/CreditsSummary';
import { useCredits } from '../../hooks/useStatus';
import { getTranslation } from '../../utils/getTranslation';

export const CreditsCard = () => {
  const { formatMessage } = useIntl();
  const credits = useCredits();
  return (
    <Card title={formatMessage({ id: getTranslation('credits.title'), defaultMessage: 'Credits' })} testId="credits-card">
      {credits.isLoading ? <Loader small /> : null}
      {credits.isError ? (
        <Typography textColor="danger600">
          {formatMessage({ id: getTranslation('credits.error'), defaultMessage: 'The provider could not be asked for credits.' })}
        </Typography>
      ) : null}
      {credits.data ? <CreditsSummary credits={credits.data} /> : null}
    </Card>
  );
};
