import { createMediaController } from './admin-media';
import { createQueueController } from './admin-queue';
import { createSettingsController } from './admin-settings';
import { createSignedImageController } from './signed-image';

export default {
  'admin-settings': createSettingsController,
  'admin-queue': createQueueController,
  'admin-media': createMediaController,
  'signed-image': createSignedImageController,
};
