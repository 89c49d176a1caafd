import { useEffect, useRef } from 'react';
import type { InvitationIssued } from '../../shared/api/members.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { CopyableLink } from './CopyableLink.js';

export interface InvitationLinkPanelProps {
  issued: InvitationIssued;
  /** True for a member just added, false for a replacement link. */
  isNewMember: boolean;
  onDone: () => void;
}

/**
 * The one-time invitation link, shown right after it was issued. The server keeps only its hash,
 * so this is the only moment anyone can see it. The heading takes focus so the link is found at once.
 */
export function InvitationLinkPanel({ issued, isNewMember, onDone }: InvitationLinkPanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { member } = issued;

  useEffect(() => {
    // Next frame: a confirm dialog that led here closes first and hands focus back; then take it.
    const frame = requestAnimationFrame(() => {
      heading.current?.focus();
      heading.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    });
    return () => cancelAnimationFrame(frame);
  }, [issued]);

  return (
    <section className="invitation-panel" aria-labelledby="invitation-panel-title">
      <h2 id="invitation-panel-title" ref={heading} tabIndex={-1}>
        {isNewMember ? `${member.name} has been added` : `New invitation link for ${member.name}`}
      </h2>
      <p>
        Send this link to <strong>{member.email}</strong> through a channel you trust. With it, {member.name} sets a password and signs in
        {isNewMember ? '' : '; any earlier link no longer works'}.
      </p>
      <CopyableLink label={`Invitation link for ${member.name}`} url={issued.invitationUrl} />
      <p className="invitation-warning">
        This link is shown only once and expires on <FormattedDate iso={issued.expiresAt} withTime />. If it is lost or expires, issue a new
        link from the members table.
      </p>
      <button type="button" className="button button-secondary" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
