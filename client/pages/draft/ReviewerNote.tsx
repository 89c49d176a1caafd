/** Tells a reviewer why nothing on the page can be typed into. */
export function ReviewerNote() {
  return (
    <p className="message message-info reviewer-note">
      <strong>You are reading as a reviewer.</strong> You see every change as it is made, but you cannot edit the text.
    </p>
  );
}
