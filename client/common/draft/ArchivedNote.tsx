/** Tells everyone on an archived draft's pages why nothing can be changed, and who can change that. */
export function ArchivedNote() {
  return (
    <p className="message message-info archived-note" data-testid="archived-note">
      <strong>This draft is archived.</strong> It can be read, exported and compared, but not changed. The secretariat can restore it from
      the Drafts page.
    </p>
  );
}
