/** Tells a reviewer why nothing on the page can be typed into, and how to comment instead. */
export function ReviewerNote() {
  return (
    <p className="message message-info reviewer-note">
      <strong>You are reading as a reviewer.</strong> You see every change as it is made, but you cannot edit the text. To comment, use a
      clause’s comment button, or select a passage and choose Comment.
    </p>
  );
}
