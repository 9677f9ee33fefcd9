import type { RunScope } from '../../../../shared/contracts/runs';

/** The scopes the dashboard offers (an `entries` run starts from the content manager's entry list). */
export type ScopeKind = Exclude<RunScope['kind'], 'entries'>;

export interface ScopeDraft {
  kind: ScopeKind;
  folderId: number | null;
}

/** The run's scope, or null while it is incomplete (no folder id, nothing selected). */
export const scopeOf = (draft: ScopeDraft, selectedIds: number[]): RunScope | null => {
  switch (draft.kind) {
    case 'folder':
      return draft.folderId === null ? null : { kind: 'folder', folderId: draft.folderId };
    case 'ids':
      return selectedIds.length === 0 ? null : { kind: 'ids', ids: selectedIds };
    default:
      return { kind: draft.kind };
  }
};
