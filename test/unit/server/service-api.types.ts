/**
 * Type-checked, never run (`npm run typecheck`): every call docs/service-api.md shows compiles
 * against the types the package exports. A renamed method or a changed argument fails the build.
 */
import type { Core } from '@strapi/strapi';
import type { AutoAltTextServices } from '../../../server/src';

export async function documentedCalls(strapi: Core.Strapi) {
  const service = <Name extends keyof AutoAltTextServices>(name: Name) => strapi.plugin('auto-alt-text').service(name) as AutoAltTextServices[Name];
  const runs = service('runs');
  const estimate = await runs.estimate({ scope: { kind: 'missing' }, mode: 'fill' });
  const run = await runs.create({ scope: { kind: 'missing' }, mode: 'fill', createdBy: 'console' });
  const view = await runs.get(run.id);
  await runs.list(5);
  const history = await runs.history({ page: 2, pageSize: 10 });
  history.rows.map((row) => [row.startedBy, row.credits, row.scopeNames]);
  await runs.pause(run.id);
  await runs.resume(run.id);
  await runs.cancel(run.id);
  await runs.retryFailed(run.id);
  const queue = service('queue');
  const stats = await queue.stats();
  await queue.pause('MANUAL', 'paused from a script');
  await queue.resume();
  await queue.idle();
  const media = service('media');
  await media.list({ filter: 'missing', search: 'cat', page: 1, pageSize: 20, locale: 'en' });
  await media.regenerate(1, null, 'en');
  await media.updateAltText(1, 'A cat asleep on a red sofa', 'en');
  const csv = service('csv');
  await csv.export({ scope: 'folder', folder: 3, locale: 'en' });
  await csv.import('fileId,fileName,locale,altText,source\r\n');
  await service('folders').list();
  await service('decorative').set(1, true, { kind: 'system' });
  return { estimate: estimate.credits + estimate.peopleTexts, progress: view?.progressPercent, countedAt: stats.countedAt };
}
