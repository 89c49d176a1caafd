import type { EditRefusal } from '../common/collab/useDraftConnection.js';

export interface EditRefusedNoticeProps {
  refusal: EditRefusal;
  onDismiss: () => void;
}

/**
 * Says that the server refused this page's last change and the draft was reopened from the server's
 * text: the server's reason (e.g. the clause is agreed), then what happened. Announced at once; stays
 * until dismissed, since the person may not have been looking when their typing disappeared.
 */
export function EditRefusedNotice({ refusal, onDismiss }: EditRefusedNoticeProps) {
  return (
    <div className="message message-info edit-refused-notice" role="alert" data-testid="edit-refused">
      {refusal.reason ? <p className="edit-refused-reason">{refusal.reason}</p> : null}
      <p>{refusal.message}</p>
      <p className="edit-refused-actions">
        <button type="button" className="button button-small" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
    </div>
  );
}
