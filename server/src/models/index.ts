/**
 * Internal database models (not content types: no admin UI, no documentId), registered in
 * `register` like the upload plugin's own AI-metadata jobs. Jobs and runs live in the app's
 * database so they survive restarts and several Strapi replicas share one queue.
 */
import { jobModel } from './job';
import { localeTextModel } from './locale-text';
import { provenanceModel } from './provenance';
import { qualityModel } from './quality';
import { runModel } from './run';
import { versionModel } from './version';
import { suggestionModel } from './suggestion';
import { decorativeModel } from './decorative';
import { fingerprintModel } from './fingerprint';
import { cachedTextModel } from './cached-text';
import { spendModel, spendPeriodModel } from './spend';
import { rateStateModel, replicaModel, sendSlotModel } from './limits';

export { JOB_REASONS, JOB_UID, jobModel, type JobReason } from './job';
export { RUN_UID, runModel } from './run';
export { PROVENANCE_UID, provenanceModel } from './provenance';
export { LOCALE_TEXT_UID, localeTextModel } from './locale-text';
export { VERSION_UID, versionModel } from './version';
export { SUGGESTION_UID, suggestionModel } from './suggestion';
export { QUALITY_UID, qualityModel } from './quality';
export { SPEND_UID, SPEND_PERIOD_UID, spendModel, spendPeriodModel } from './spend';
export { DECORATIVE_UID, DECORATIVE_STATUSES, decorativeModel, type DecorativeStatus } from './decorative';
export { FINGERPRINT_UID, fingerprintModel } from './fingerprint';
export { CACHED_TEXT_UID, cachedTextModel } from './cached-text';
export { RATE_STATE_UID, REPLICA_UID, SEND_SLOT_UID } from './limits';
export { JOB_STATUSES, RUN_STATUSES, WRITE_MODES, type JobStatus, type RunStatus, type WriteMode } from '../../../shared/vocabulary';

export { knexNow, tableOf } from './table';

export const MODELS = [jobModel, runModel, provenanceModel, localeTextModel, versionModel, suggestionModel, qualityModel, decorativeModel, fingerprintModel, cachedTextModel, spendModel, spendPeriodModel, sendSlotModel, rateStateModel, replicaModel];
