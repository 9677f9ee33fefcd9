import { createAccountService } from './account';
import { createBudgetService } from './budget';
import { createCsvService } from './csv';
import { createFoldersService } from './folders';
import { createDecorativeService } from './decorative';
import { createEntriesService } from './entries';
import { createGenerationService } from './generation';
import { createHistoryService } from './history';
import { createLocalesService } from './locales';
import { createMediaService } from './media';
import { createQualityService } from './quality';
import { createQueueService } from './queue';
import { createReviewService } from './review';
import { createRunsService } from './runs';
import { createSettingsService } from './settings';
import { createSignedImageService } from './signed-image';

export default {
  generation: createGenerationService,
  queue: createQueueService,
  runs: createRunsService,
  settings: createSettingsService,
  account: createAccountService,
  media: createMediaService,
  locales: createLocalesService,
  entries: createEntriesService,
  signedImage: createSignedImageService,
  csv: createCsvService,
  folders: createFoldersService,
  history: createHistoryService,
  review: createReviewService,
  quality: createQualityService,
  decorative: createDecorativeService,
  budget: createBudgetService,
};
