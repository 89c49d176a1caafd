import { CLAUSE_KINDS, type ClauseKind } from '../../shared/doc/schema.js';
import { CLAUSE_KIND_LABEL } from '../common/draft/clauseName.js';

/** What a draft without clauses shows: for editors, a way to add the first one. */
export function EmptyDraft({ canEdit, onAdd }: { canEdit: boolean; onAdd: (kind: ClauseKind) => void }) {
  return (
    <div className="empty-state">
      <p>This draft has no clauses yet.</p>
      {canEdit ? (
        <p className="empty-draft-actions">
          {CLAUSE_KINDS.map((kind) => (
            <button key={kind} type="button" className="button button-secondary" onClick={() => onAdd(kind)}>
              Add {CLAUSE_KIND_LABEL[kind]}
            </button>
          ))}
        </p>
      ) : null}
    </div>
  );
}
