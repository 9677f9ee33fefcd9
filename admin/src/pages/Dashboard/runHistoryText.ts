import type { RunHistoryItem } from '../../../../shared/contracts/runs';
import type { Translate } from '../../hooks/useT';

/**
 * The run history's words, pure (a `t` in, text out) so they are checked without a browser:
 * what a run covered, how it wrote, who started it, and how long it took.
 */

/** "Missing alt text", "Folder Photos / 2024", "12 selected images", "3 entries of Article", "Flagged texts". */
export const scopeText = (run: Pick<RunHistoryItem, 'scope' | 'scopeNames'>, t: Translate): string => {
  const { scope, scopeNames } = run;
  switch (scope.kind) {
    case 'missing':
      return t('runs.history.scope.missing', 'Missing alt text');
    case 'all':
      return t('runs.history.scope.all', 'All images');
    case 'folder':
      return scopeNames.folderPath
        ? t('runs.history.scope.folder', 'Folder {path}', { path: scopeNames.folderPath })
        : t('runs.history.scope.folderGone', 'A deleted folder (#{id})', { id: scope.folderId });
    case 'ids':
      return t('runs.history.scope.ids', '{count, plural, one {# selected image} other {# selected images}}', { count: scope.ids.length });
    case 'entries':
      return t('runs.history.scope.entries', '{count, plural, one {# entry} other {# entries}} of {type}', { count: scope.documentIds.length, type: scopeNames.contentType ?? scope.model });
    case 'flagged':
      return t('runs.history.scope.flagged', 'Flagged texts');
  }
};

/** "Fill", "Overwrite · forced", with the one locale or language it wrote when it was told one. */
export const modeText = (run: Pick<RunHistoryItem, 'mode' | 'force' | 'locale' | 'lang'>, t: Translate): string => {
  const parts = [run.mode === 'overwrite' ? t('runs.history.mode.overwrite', 'Overwrite') : t('runs.history.mode.fill', 'Fill')];
  if (run.force) parts.push(t('runs.history.mode.forced', 'forced (no cache)'));
  if (run.locale) parts.push(t('runs.history.mode.locale', 'locale {locale}', { locale: run.locale }));
  if (run.lang) parts.push(t('runs.history.mode.lang', 'in {lang}', { lang: run.lang }));
  return parts.join(' · ');
};

/** The admin's name, or "By code" (with the label the code gave, if any). */
export const starterText = (run: Pick<RunHistoryItem, 'startedBy'>, t: Translate): string => {
  const { startedBy } = run;
  if (startedBy.kind === 'admin') return t('runs.history.by.admin', 'by {name}', { name: startedBy.name });
  return startedBy.label ? t('runs.history.by.codeLabel', 'by code ({label})', { label: startedBy.label }) : t('runs.history.by.code', 'by code');
};

/** "45 s", "3 min 20 s", "2 h 5 min"; null while the run has not ended. */
export const durationText = (run: Pick<RunHistoryItem, 'createdAt' | 'finishedAt'>, t: Translate): string | null => {
  if (!run.finishedAt) return null;
  const seconds = Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000));
  if (seconds < 60) return t('runs.history.duration.seconds', '{seconds} s', { seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('runs.history.duration.minutes', '{minutes} min {seconds} s', { minutes, seconds: seconds % 60 });
  return t('runs.history.duration.hours', '{hours} h {minutes} min', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
};
