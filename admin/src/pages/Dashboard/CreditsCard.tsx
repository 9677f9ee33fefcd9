import { Loader, Typography } from '@strapi/design-system';
import { CreditsSummary } from '../../components/CreditsSummary';
import { Panel } from '../../components/Panel';
import { useCredits } from '../../hooks/useStatus';
import { useT } from '../../hooks/useT';

export const CreditsCard = () => {
  const t = useT();
  const credits = useCredits();
  return (
    <Panel title={t('credits.title', 'Credits')} testId="credits-card">
      {credits.isLoading ? <Loader small /> : null}
      {credits.isError ? (
        <Typography textColor="danger600">
          {t('credits.error', 'The provider could not be asked for credits.')}
        </Typography>
      ) : null}
      {credits.data ? <CreditsSummary credits={credits.data} /> : null}
    </Panel>
  );
};
