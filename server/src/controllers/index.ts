import { createCsvController } from './csv';
import { createDecorativeController } from './decorative';
import { createEntriesController } from './entries';
import { createMediaController } from './media';
import { createQueueController } from './queue';
import { createRunsController } from './runs';
import { createSettingsController } from './settings';
import { createSignedImageController } from './signed-image';

export default {
  settings: createSettingsController,
  queue: createQueueController,
  runs: createRunsController,
  media: createMediaController,
  entries: createEntriesController,
  csv: createCsvController,
  decorative: createDecorativeController,
  'signed-image': createSignedImageController,
};
