import type { DelegationRepository, MemberRepository, SessionRepository } from '../../domain/repositories.js';
import type { DelegationRecord, InvitationRecord, SessionRecord, UserRecord } from '../../domain/records.js';
import { firstRecord, json, records, replaced, type RecordRow, type SqlAccess } from './SqlAccess.js';

/** The member's columns besides the record, in the order of the INSERT and UPDATE below ($2..$5). */
const memberColumns = (user: UserRecord) => [user.email, user.role, user.active, user.passwordHash !== null];

/** Members and their invitations over metadata.members and metadata.invitations. */
export function pgMemberRepository({ read, write }: SqlAccess): MemberRepository {
  return {
    list: async () => records(await read<RecordRow<UserRecord>>('SELECT record FROM metadata.members ORDER BY ord')),
    get: async (id) => firstRecord(await read<RecordRow<UserRecord>>('SELECT record FROM metadata.members WHERE id = $1', [id])),
    findByEmail: async (email) =>
      firstRecord(await read<RecordRow<UserRecord>>('SELECT record FROM metadata.members WHERE email = $1', [email])),
    hasOtherActive: async (role, exceptId) => {
      const { rows } = await read<{ found: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM metadata.members WHERE id <> $1 AND role = $2 AND active AND has_password) AS found',
        [exceptId, role],
      );
      return rows[0]!.found;
    },
    add: (user) =>
      write(async (query) => {
        await query('INSERT INTO metadata.members (id, email, role, active, has_password, record) VALUES ($1, $2, $3, $4, $5, $6)', [
          user.id,
          ...memberColumns(user),
          json(user),
        ]);
      }),
    put: (user) =>
      write(async (query) =>
        replaced(
          await query('UPDATE metadata.members SET email = $2, role = $3, active = $4, has_password = $5, record = $6 WHERE id = $1', [
            user.id,
            ...memberColumns(user),
            json(user),
          ]),
        ),
      ),
    findInvitation: async (tokenHash) =>
      firstRecord(await read<RecordRow<InvitationRecord>>('SELECT record FROM metadata.invitations WHERE token_hash = $1', [tokenHash])),
    replaceInvitation: (invitation) =>
      write(async (query) => {
        await query('DELETE FROM metadata.invitations WHERE user_id = $1', [invitation.userId]);
        await query('INSERT INTO metadata.invitations (token_hash, user_id, record) VALUES ($1, $2, $3)', [
          invitation.tokenHash,
          invitation.userId,
          json(invitation),
        ]);
      }),
    markInvitationUsed: (tokenHash, at) =>
      write(async (query) => {
        // Changed here rather than in SQL: the record is json text, kept exactly as the server wrote it.
        const found = firstRecord(
          await query<RecordRow<InvitationRecord>>('SELECT record FROM metadata.invitations WHERE token_hash = $1 FOR UPDATE', [tokenHash]),
        );
        if (!found) return;
        await query('UPDATE metadata.invitations SET record = $2 WHERE token_hash = $1', [tokenHash, json({ ...found, usedAt: at })]);
      }),
  };
}

/** Signed-in sessions over metadata.sessions. */
export function pgSessionRepository({ read, write }: SqlAccess): SessionRepository {
  return {
    find: async (tokenHash) =>
      firstRecord(await read<RecordRow<SessionRecord>>('SELECT record FROM metadata.sessions WHERE token_hash = $1', [tokenHash])),
    add: (session, now) =>
      write(async (query) => {
        await query('DELETE FROM metadata.sessions WHERE expires_at <= $1::timestamptz', [now]);
        await query('INSERT INTO metadata.sessions (token_hash, user_id, expires_at, record) VALUES ($1, $2, $3::timestamptz, $4)', [
          session.tokenHash,
          session.userId,
          session.expiresAt,
          json(session),
        ]);
      }),
    remove: (tokenHash) =>
      write(async (query) => {
        await query('DELETE FROM metadata.sessions WHERE token_hash = $1', [tokenHash]);
      }),
    removeAllFor: (userId) =>
      write(async (query) => {
        await query('DELETE FROM metadata.sessions WHERE user_id = $1', [userId]);
      }),
    listFor: async (userId, now) =>
      records(
        await read<RecordRow<SessionRecord>>(
          // createdAt lives in the record (json): ordered by the server, as lowdb does, whatever the text's collation.
          'SELECT record FROM metadata.sessions WHERE user_id = $1 AND expires_at > $2::timestamptz',
          [userId, now],
        ),
      ).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
  };
}

/** The key a delegation's name is found by: lower-cased by the server, as lowdb compares, whatever the database's locale. */
const nameKey = (name: string) => name.toLocaleLowerCase();

/** Delegations over metadata.delegations. */
export function pgDelegationRepository({ read, write }: SqlAccess): DelegationRepository {
  return {
    list: async () => records(await read<RecordRow<DelegationRecord>>('SELECT record FROM metadata.delegations ORDER BY ord')),
    get: async (id) => firstRecord(await read<RecordRow<DelegationRecord>>('SELECT record FROM metadata.delegations WHERE id = $1', [id])),
    findByName: async (name) =>
      firstRecord(
        await read<RecordRow<DelegationRecord>>('SELECT record FROM metadata.delegations WHERE name_key = $1 ORDER BY ord LIMIT 1', [
          nameKey(name),
        ]),
      ),
    add: (delegation) =>
      write(async (query) => {
        await query('INSERT INTO metadata.delegations (id, name_key, record) VALUES ($1, $2, $3)', [
          delegation.id,
          nameKey(delegation.name),
          json(delegation),
        ]);
      }),
  };
}
