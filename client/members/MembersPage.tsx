import { useRef, useState } from 'react';
import type { DelegationView } from '../../shared/api/delegations.js';
import type { InvitationIssued, MemberView } from '../../shared/api/members.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { Notice } from '../common/components/Notice.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { useSession } from '../session/index.js';
import { AddMemberForm } from './AddMemberForm.js';
import { delegationsApi } from './delegationsApi.js';
import { DelegationsSection } from './DelegationsSection.js';
import { InvitationLinkPanel } from './InvitationLinkPanel.js';
import { membersApi } from './membersApi.js';
import { MemberTable } from './MemberTable.js';

interface Workspace {
  members: MemberView[];
  delegations: DelegationView[];
}

async function loadWorkspace(): Promise<Workspace> {
  const [members, delegations] = await Promise.all([membersApi.list(), delegationsApi.list()]);
  return { members, delegations };
}

/** The secretariat's administration of members and delegations. */
export function MembersPage() {
  const { me } = useSession();
  const workspace = useApiResource(loadWorkspace, 'members');
  const [issued, setIssued] = useState<{ value: InvitationIssued; isNewMember: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const membersHeading = useRef<HTMLHeadingElement>(null);

  const update = (change: (w: Workspace) => Workspace) => workspace.setData((w) => (w ? change(w) : w));
  const replaceMember = (member: MemberView) => update((w) => ({ ...w, members: w.members.map((m) => (m.id === member.id ? member : m)) }));

  function added(value: InvitationIssued) {
    update((w) => ({ ...w, members: [...w.members, value.member] }));
    setNotice(null);
    setIssued({ value, isNewMember: true });
  }

  return (
    <>
      <PageHeading title="Members">
        <p>
          Who takes part in the drafting, and in which role. New members join through a one-time invitation link that you send them.
          Changing a member’s role or delegation, or deactivating them, ends their open sessions at once.
        </p>
      </PageHeading>
      <Notice text={notice} />
      {issued ? (
        <InvitationLinkPanel
          issued={issued.value}
          isNewMember={issued.isNewMember}
          onDone={() => {
            setIssued(null);
            requestAnimationFrame(() => membersHeading.current?.focus());
          }}
        />
      ) : null}
      {workspace.loading && !workspace.data ? <LoadingMessage label="Loading the members…" /> : null}
      <ErrorMessage error={workspace.error} />
      {workspace.data ? (
        <>
          <section className="section" aria-labelledby="members-title">
            <h2 id="members-title" ref={membersHeading} tabIndex={-1}>
              All members ({workspace.data.members.length})
            </h2>
            <MemberTable
              members={workspace.data.members}
              delegations={workspace.data.delegations}
              selfId={me?.id ?? null}
              onChanged={replaceMember}
              onIssued={(value) => {
                replaceMember(value.member);
                setNotice(null);
                setIssued({ value, isNewMember: false });
              }}
              onNotice={setNotice}
            />
          </section>
          <section className="section card" aria-labelledby="add-member-title">
            <h2 id="add-member-title">Add a member</h2>
            <p className="section-intro">The new member receives no email from this system: you send them the invitation link yourself.</p>
            <AddMemberForm delegations={workspace.data.delegations} onAdded={added} />
          </section>
          <DelegationsSection
            delegations={workspace.data.delegations}
            members={workspace.data.members}
            onAdded={(delegation) => {
              update((w) => ({ ...w, delegations: [...w.delegations, delegation] }));
              setNotice(`The delegation “${delegation.name}” has been added.`);
            }}
          />
        </>
      ) : null}
    </>
  );
}
