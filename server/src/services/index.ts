import { createGenerationService } from './generation';
import { createQueueService } from './queue';

export default {
  generation: createGenerationService,
  queue: createQueueService,
};
