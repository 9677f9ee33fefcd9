import { Box, Flex, Typography } from '@strapi/design-system';
import type { VerifyOutcome, VerifyView } from '../../../../shared/contracts/settings';
import { CreditsSummary } from '../../components/CreditsSummary';
import { StatusBadge } from '../../components/StatusBadge';
import { useT, type Message } from '../../hooks/useT';

type Tone = 'success' | 'warning' | 'danger';

/** Each outcome's badge, its colour, and what to do about it ({host}: the address asked). */
const OUTCOMES: Record<VerifyOutcome, { tone: Tone; badge: Message; text?: Message }> = {
  valid: { tone: 'success', badge: { id: 'settings.verify.valid', defaultMessage: 'Valid key' } },
  invalidKey: {
    tone: 'danger',
    badge: { id: 'settings.verify.invalid', defaultMessage: 'Invalid key' },
    text: { id: 'settings.verify.text.invalidKey', defaultMessage: '{host} refused the key. Check that it is complete and still active.' },
  },
  noKey: {
    tone: 'danger',
    badge: { id: 'settings.verify.noKey', defaultMessage: 'No key' },
    text: { id: 'settings.verify.text.noKey', defaultMessage: 'No API key is set: type one above.' },
  },
  unreachable: {
    tone: 'danger',
    badge: { id: 'settings.verify.unreachable', defaultMessage: 'Not reachable' },
    text: {
      id: 'settings.verify.text.unreachable',
      defaultMessage: 'Nothing answered at {host} (name not found, connection refused or no answer in time). Check the base URL and the network.',
    },
  },
  wrongEndpoint: {
    tone: 'danger',
    badge: { id: 'settings.verify.wrongEndpoint', defaultMessage: 'Wrong address' },
    text: {
      id: 'settings.verify.text.wrongEndpoint',
      defaultMessage: "{host} answered, but not as this provider's API does. Check the base URL (an OpenAI-compatible one usually ends in /v1).",
    },
  },
  misconfigured: {
    tone: 'warning',
    badge: { id: 'settings.verify.misconfigured', defaultMessage: 'Settings incomplete' },
    text: { id: 'settings.verify.text.misconfigured', defaultMessage: 'The provider cannot work with these settings.' },
  },
  outOfCredits: {
    tone: 'warning',
    badge: { id: 'settings.verify.outOfCredits', defaultMessage: 'No credits left' },
    text: { id: 'settings.verify.text.outOfCredits', defaultMessage: '{host} accepted the key, but the account has no credits left.' },
  },
  providerError: {
    tone: 'danger',
    badge: { id: 'settings.verify.providerError', defaultMessage: 'Provider unavailable' },
    text: { id: 'settings.verify.text.providerError', defaultMessage: '{host} could not answer now. Try again in a moment.' },
  },
};

const MODEL_MISSING: Message = {
  id: 'settings.verify.text.modelMissing',
  defaultMessage: 'The key works, but no model is set: choose the vision model to ask (e.g. gpt-4o-mini).',
};

const BACKGROUNDS: Record<Tone, string> = { success: 'success100', warning: 'warning100', danger: 'danger100' };

/** What Verify found: one outcome in words (a refused key, an address that does not answer, one that is not the API …), the account and the credits left. */
export const VerifyResult = ({ result }: { result: VerifyView }) => {
  const t = useT();
  // An older server answers without `outcome`: its `valid` still says which way it went.
  const outcome = OUTCOMES[result.outcome] ?? OUTCOMES[result.valid ? 'valid' : 'invalidKey'];
  const text = result.outcome === 'misconfigured' && result.params?.setting === 'model' ? MODEL_MISSING : outcome.text;
  const values = { host: result.params?.host ?? '', status: result.params?.status ?? '' };
  return (
    <Box padding={4} background={BACKGROUNDS[outcome.tone]} hasRadius data-testid="verify-result" data-outcome={result.outcome}>
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <StatusBadge tone={outcome.tone}>{t(outcome.badge.id, outcome.badge.defaultMessage)}</StatusBadge>
        {text ? <Typography textColor={outcome.tone === 'warning' ? 'neutral800' : 'danger700'}>{t(text.id, text.defaultMessage, values)}</Typography> : null}
        {result.params?.status ? (
          <Typography variant="pi" textColor="neutral600">
            {t('settings.verify.status', 'HTTP status: {status}', { status: result.params.status })}
          </Typography>
        ) : null}
        {result.account ? (
          <Typography>
            {t('settings.verify.account', 'Account: {account}', { account: result.account })}
          </Typography>
        ) : null}
        {result.credits ? <CreditsSummary credits={result.credits} /> : null}
      </Flex>
    </Box>
  );
};
