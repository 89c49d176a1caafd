import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { DraftSummary } from '../../shared/api/drafts.js';
import { LIMITS } from '../../shared/limits.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { TextField } from '../common/components/TextField.js';
import { describeCounts, describeProposalCount } from '../common/draft/describeCounts.js';

export interface DraftRowProps {
  draft: DraftSummary;
  manage: boolean;
  focusLink: boolean;
  onChanged: (draft: DraftSummary) => void;
  onNotice: (text: string, moved?: boolean) => void;
}

/**
 * One draft in the list, tagged when it is in amendments mode; the secretariat can rename it in place and
 * archive or restore it.
 */
export function DraftRow({ draft, manage, focusLink, onChanged, onNotice }: DraftRowProps) {
  const [renaming, setRenaming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusLink) link.current?.focus();
  }, [focusLink]);

  async function change(body: { title?: string; archived?: boolean }, notice: (d: DraftSummary) => string) {
    const moved = body.archived !== undefined;
    setBusy(true);
    setError(null);
    try {
      const updated = await draftsApi.update(draft.id, body);
      onChanged(updated);
      onNotice(notice(updated), moved);
      return true;
    } catch (reason) {
      setError(toApiError(reason));
      return false;
    } finally {
      setBusy(false);
    }
  }

  function stopRenaming() {
    setRenaming(false);
    setError(null);
    // The rename button comes back on the next render; focus it then.
    requestAnimationFrame(() => renameButton.current?.focus());
  }

  return (
    <tr className={draft.archived ? 'row-muted' : undefined}>
      <td>
        {renaming ? (
          <RenameForm
            draft={draft}
            busy={busy}
            error={error}
            onSave={async (title) => {
              if (await change({ title }, (d) => `The draft has been renamed “${d.title}”.`)) stopRenaming();
            }}
            onCancel={stopRenaming}
          />
        ) : (
          <>
            <Link ref={link} to={`/drafts/${draft.id}`} className="draft-link">
              {draft.title}
            </Link>
            {draft.editingMode === 'amendments' ? (
              <>
                {' '}
                <span className="draft-mode-tag" title="Amendments mode: delegations propose, the secretariat decides">
                  Amendments
                </span>
              </>
            ) : null}
            {!renaming ? <ErrorMessage error={error} /> : null}
          </>
        )}
      </td>
      <td className="col-counts" data-label="Left to agree" data-proposals={draft.counts.proposals}>
        {describeCounts(draft.counts)}
        {draft.counts.proposals > 0 || draft.editingMode === 'amendments' ? (
          <span className="draft-proposal-count">
            <span className="visually-hidden">, </span>
            {describeProposalCount(draft.counts.proposals)}
          </span>
        ) : null}
      </td>
      <td className="col-date" data-label="Created">
        <FormattedDate iso={draft.createdAt} />
      </td>
      {manage ? (
        <td className="col-actions">
          {renaming ? null : (
            <div className="row-actions">
              <button ref={renameButton} type="button" className="button button-small button-secondary" onClick={() => setRenaming(true)}>
                Rename<span className="visually-hidden"> “{draft.title}”</span>
              </button>
              <button
                type="button"
                className="button button-small button-secondary"
                disabled={busy}
                onClick={() =>
                  void change({ archived: !draft.archived }, (d) =>
                    d.archived
                      ? `“${d.title}” has been archived: it can be read but no longer changed. It is listed under Archived drafts.`
                      : `“${d.title}” has been restored.`,
                  )
                }
              >
                {draft.archived ? 'Restore' : 'Archive'}
                <span className="visually-hidden"> “{draft.title}”</span>
              </button>
            </div>
          )}
        </td>
      ) : null}
    </tr>
  );
}

interface RenameFormProps {
  draft: DraftSummary;
  busy: boolean;
  error: ApiError | null;
  onSave: (title: string) => Promise<void>;
  onCancel: () => void;
}

function RenameForm({ draft, busy, error, onSave, onCancel }: RenameFormProps) {
  const [title, setTitle] = useState(draft.title);
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setMissing(true);
    if (title.trim() === draft.title) return onCancel();
    void onSave(title.trim());
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <TextField
        label={`New title for “${draft.title}”`}
        hideLabel
        value={title}
        maxLength={LIMITS.draftTitleLength}
        onChange={(event) => setTitle(event.target.value)}
        error={missing ? 'Enter a title.' : error?.fieldErrors().title}
        autoFocus
      />
      {error && !error.fieldErrors().title ? <ErrorMessage error={error} /> : null}
      <div className="row-actions">
        <button type="submit" className="button button-small" disabled={busy}>
          Save
        </button>
        <button type="button" className="button button-small button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
