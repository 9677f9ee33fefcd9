import { createCsvController } from './csv';
import { createDecorativeController } from './decorative';
import { createEntriesController } from './entries';
import { createHistoryController } from './history';
import { createMediaController } from './media';
import { createQualityController } from './quality';
import { createQueueController } from './queue';
import { createReviewController } from './review';
import { createRunsController } from './runs';
import { createSettingsController } from './settings';
import { createSignedImageController } from './signed-image';
import { createSpendingController } from './spending';

export default {
  settings: createSettingsController,
  queue: createQueueController,
  runs: createRunsController,
  media: createMediaController,
  entries: createEntriesController,
  csv: createCsvController,
  history: createHistoryController,
  review: createReviewController,
  decorative: createDecorativeController,
  'signed-image': createSignedImageController,
  quality: createQualityController,
  spending: createSpendingController,
};
