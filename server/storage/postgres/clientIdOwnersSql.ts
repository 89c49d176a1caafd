import type pg from 'pg';
import type { ClientIdOwner } from '../DocumentStore.js';
import { withTransaction } from './withTransaction.js';

/** Thrown when a client id is claimed for a member while the database records another owner for it: first claim wins. */
export class ClientIdTakenError extends Error {
  constructor(draftId: string, clientId: number) {
    super(`Client id ${clientId} of draft ${draftId} already belongs to another member.`);
    this.name = 'ClientIdTakenError';
  }
}

/** Every recorded owner of the draft's client ids, oldest first; rejects on a row this store could not have written. */
export async function loadOwners(pool: pg.Pool, draftId: string): Promise<ClientIdOwner[]> {
  const { rows } = await pool.query<{ client_id: string; member_id: string }>(
    'SELECT client_id, member_id FROM client_id_owners WHERE draft_id = $1 ORDER BY position',
    [draftId],
  );
  return rows.map((row) => {
    const clientId = Number(row.client_id);
    if (!Number.isSafeInteger(clientId) || clientId < 0 || row.member_id === '') {
      throw new Error(
        `A client id owner of draft ${draftId} is unreadable (${row.client_id}, ${JSON.stringify(row.member_id)}); the draft is not loaded.`,
      );
    }
    return { clientId, memberId: row.member_id };
  });
}

/**
 * Records owners, in order, in one transaction. Recording a pair again changes nothing; claiming an id
 * another member owns (say, claimed a moment ago by another process) rejects with ClientIdTakenError and
 * records none of this call's owners, so the caller never believes it owns an id it does not.
 */
export async function addOwners(pool: pg.Pool, draftId: string, owners: readonly ClientIdOwner[]): Promise<void> {
  if (owners.length === 0) return;
  const clientIds = owners.map((owner) => owner.clientId);
  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO client_id_owners (draft_id, client_id, member_id)
       SELECT $1, client_id, member_id FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS o(client_id, member_id, n) ORDER BY n
       ON CONFLICT (draft_id, client_id) DO NOTHING`,
      [draftId, clientIds, owners.map((owner) => owner.memberId)],
    );
    // A statement of its own: under READ COMMITTED it sees a rival claim that committed while the insert waited for it.
    const { rows } = await client.query<{ client_id: string; member_id: string }>(
      'SELECT client_id, member_id FROM client_id_owners WHERE draft_id = $1 AND client_id = ANY($2::bigint[])',
      [draftId, clientIds],
    );
    const recorded = new Map(rows.map((row) => [Number(row.client_id), row.member_id]));
    for (const { clientId, memberId } of owners) {
      if (recorded.get(clientId) !== memberId) throw new ClientIdTakenError(draftId, clientId);
    }
  });
}
