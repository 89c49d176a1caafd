import { z } from 'zod';
import { DRAFT_TEMPLATES, EDITING_MODES } from '../../../shared/api/drafts.js';
import { CLAUSE_STATUSES } from '../../../shared/negotiation/clauseStatus.js';
import { NegotiationSnapshot } from '../../../shared/negotiation/NegotiationSnapshot.js';
import { POSITIONS } from '../../../shared/negotiation/positions.js';
import { ROLES } from '../../../shared/roles.js';
import type {
  AuditEntry,
  ClauseStatusRecord,
  CommentRecord,
  DelegationRecord,
  DraftRecord,
  InvitationRecord,
  PositionRecord,
  SessionRecord,
  UserRecord,
  VersionRecord,
} from '../../domain/records.js';

/** metadata.json: every record of the workspace besides document text, one array per kind. */
export interface MetadataFile {
  schemaVersion: 1;
  delegations: DelegationRecord[];
  users: UserRecord[];
  sessions: SessionRecord[];
  invitations: InvitationRecord[];
  drafts: DraftRecord[];
  comments: CommentRecord[];
  versions: VersionRecord[];
  /** Every status change of every clause, in the order they were made (a clause's history). */
  clauseStatuses: ClauseStatusRecord[];
  /** Current positions: at most one per (draft, clause, delegation). */
  positions: PositionRecord[];
  /** Append-only, in order of `seq`. */
  audit: AuditEntry[];
}

export type Table = Exclude<keyof MetadataFile, 'schemaVersion'>;
export const TABLES: readonly Table[] = [
  'delegations',
  'users',
  'sessions',
  'invitations',
  'drafts',
  'comments',
  'versions',
  'clauseStatuses',
  'positions',
  'audit',
];

export function emptyMetadataFile(): MetadataFile {
  return {
    schemaVersion: 1,
    delegations: [],
    users: [],
    sessions: [],
    invitations: [],
    drafts: [],
    comments: [],
    versions: [],
    clauseStatuses: [],
    positions: [],
    audit: [],
  };
}

const text = z.string();
const nullableText = z.string().nullable();
/** Times are ISO strings; a record whose time does not parse would sort and expire wrongly. */
const time = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date and time');
const nullableTime = time.nullable();

/**
 * What each record must hold. Used to check the file, never to rewrite it: unknown fields are kept as they
 * are (a newer server's additions survive an older one reading the file).
 */
const record = {
  delegations: z.looseObject({ id: text, name: text, createdAt: time }),
  users: z.looseObject({
    id: text,
    email: text,
    name: text,
    role: z.enum(ROLES),
    delegationId: nullableText,
    passwordHash: nullableText,
    active: z.boolean(),
    createdAt: time,
    updatedAt: time,
  }),
  sessions: z.looseObject({
    tokenHash: text,
    userId: text,
    createdAt: time,
    expiresAt: time,
    id: text.optional(),
    address: z.string().optional(),
    browser: z.string().optional(),
  }),
  invitations: z.looseObject({ tokenHash: text, userId: text, createdAt: time, expiresAt: time, usedAt: nullableTime }),
  drafts: z.looseObject({
    id: text,
    title: text,
    archived: z.boolean(),
    template: z.enum(DRAFT_TEMPLATES),
    createdBy: nullableText,
    createdAt: time,
    updatedAt: time,
    counts: z
      .object({
        brackets: z.number().int().nonnegative(),
        options: z.number().int().nonnegative(),
        proposals: z.number().int().nonnegative().optional(),
      })
      .optional(),
    editingMode: z.enum(EDITING_MODES).optional(),
    participants: z
      .object({ delegationIds: z.array(text), memberIds: z.array(text) })
      .nullable()
      .optional(),
  }),
  comments: z.looseObject({
    id: text,
    draftId: text,
    clauseId: text,
    threadId: text,
    parentId: nullableText,
    authorId: text,
    authorName: text,
    authorRole: z.enum(ROLES),
    authorDelegation: nullableText,
    body: nullableText,
    anchor: z.object({ start: text, end: text, quote: text }).nullable(),
    resolved: z.boolean(),
    resolvedById: nullableText,
    resolvedByName: nullableText,
    resolvedAt: nullableTime,
    createdAt: time,
    editedAt: nullableTime,
    deletedAt: nullableTime,
  }),
  versions: z.looseObject({
    id: text,
    draftId: text,
    label: text,
    kind: z.enum(['named', 'automatic']),
    authorId: nullableText,
    authorName: nullableText,
    authorDelegation: nullableText,
    createdAt: time,
    title: text,
    snapshotSha256: text,
    stateKey: text,
    fingerprint: text,
    revision: z.number().int().positive().nullable(),
    publishedAt: nullableTime,
    publishedById: nullableText,
    publishedByName: nullableText,
    numbering: z.record(text, text).optional(),
    negotiation: NegotiationSnapshot.optional(),
  }),
  clauseStatuses: z.looseObject({
    id: text,
    draftId: text,
    clauseId: text,
    status: z.enum(CLAUSE_STATUSES),
    note: text,
    byId: text,
    byName: text,
    at: time,
  }),
  positions: z.looseObject({
    draftId: text,
    clauseId: text,
    delegationId: text,
    position: z.enum(POSITIONS),
    text: nullableText,
    byId: text,
    byName: text,
    at: time,
  }),
  audit: z.looseObject({
    seq: z.number().int().positive().optional(),
    at: time,
    actorId: nullableText,
    action: text,
    target: text,
    draftId: text.optional(),
    clauseId: text.optional(),
    detail: text.optional(),
    actorName: text.optional(),
    delegation: nullableText.optional(),
    address: z.string().optional(),
  }),
} satisfies Record<Table, z.ZodType>;

const fileSchema = z.looseObject({
  schemaVersion: z.literal(1),
  ...Object.fromEntries(TABLES.map((table) => [table, z.array(record[table]).optional()])),
});

/** Thrown when metadata.json parses as JSON but does not hold what the server expects: start-up stops, nothing is overwritten. */
export class InvalidMetadataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `The metadata file ${file} does not hold what the server expects: ${problems.join('; ')}. ` +
        'The server will not start, so nothing is overwritten. Restore it from a backup or correct the entries named.',
    );
    this.name = 'InvalidMetadataError';
  }
}

/** How many problems the message names at most (a file wrong everywhere would otherwise print thousands). */
const PROBLEMS_SHOWN = 5;

/**
 * Checks what was read from metadata.json (null: no file yet) and returns it ready to use: collections
 * added since the file was written start empty, and audit entries written before they were numbered get
 * their place in the log as number. InvalidMetadataError names each problem by its path
 * (`users[3].role: ...`) and the record's id where it has one.
 */
export function checkMetadataFile(raw: unknown, file: string): MetadataFile {
  if (raw === null) return emptyMetadataFile();
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.slice(0, PROBLEMS_SHOWN).map((issue) => describeIssue(raw, issue));
    const more = result.error.issues.length - PROBLEMS_SHOWN;
    throw new InvalidMetadataError(file, more > 0 ? [...problems, `and ${more} more`] : problems);
  }
  const data = { ...emptyMetadataFile(), ...(raw as Partial<MetadataFile>) };
  let seq = 0;
  const outOfOrder: string[] = [];
  data.audit = data.audit.map((entry, index) => {
    if (entry.seq !== undefined && entry.seq <= seq) outOfOrder.push(`audit[${index}].seq: ${entry.seq} does not follow ${seq}`);
    seq = entry.seq ?? seq + 1;
    return entry.seq === undefined ? { ...entry, seq } : entry;
  });
  // Paging and appending rely on the numbers rising along the log.
  if (outOfOrder.length > 0) throw new InvalidMetadataError(file, outOfOrder.slice(0, PROBLEMS_SHOWN));
  return data;
}

function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  let where = '';
  let node: unknown = raw;
  let id: unknown;
  for (const key of issue.path) {
    where += typeof key === 'number' ? `[${key}]` : `${where ? '.' : ''}${String(key)}`;
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (node !== null && typeof node === 'object' && 'id' in node && typeof node.id === 'string') id = node.id;
  }
  return `${where || 'the file'}${typeof id === 'string' ? ` (id ${id})` : ''}: ${issue.message}`;
}
