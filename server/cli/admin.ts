import { parseArgs } from 'node:util';
import { CreateDelegationBody } from '../../shared/api/delegations.js';
import { CreateDraftBody, UpdateDraftBody } from '../../shared/api/drafts.js';
import { CreateMemberBody, UpdateMemberBody } from '../../shared/api/members.js';
import pg from 'pg';
import { loadConfig, type Config } from '../config.js';
import { AppError } from '../domain/AppError.js';
import { systemClock } from '../domain/Clock.js';
import { createServices, type Services } from '../domain/Services.js';
import { validate } from '../http/validate.js';
import { lockDataDir } from '../storage/DataDirLock.js';
import { LowdbMetadata } from '../storage/metadata/LowdbMetadata.js';
import type { MetadataRepositories } from '../domain/repositories.js';
import { migrate } from '../storage/postgres/migrations.js';
import { PgMetadata } from '../storage/postgres/PgMetadata.js';
import { describeMigration, migrateFromPostgres, migrateToPostgres } from '../storage/migrate/migrateStore.js';

const USAGE = `Workspace administration without the browser. With DATA_DIR the server must be stopped (it holds the data
folder); with DATABASE_URL it works on the database while servers run.

Usage: npm run admin -- <command> [options]

  members list
  members add --email E --name N --role secretariat|delegate|reviewer [--delegation NAME]
  members update --email E [--name N] [--role R] [--delegation NAME|none]
  members deactivate --email E
  members reactivate --email E
  members invite --email E              new one-time invitation link (lost link, forgotten password)
  delegations list
  delegations add --name NAME
  drafts list
  drafts create --title T [--template starter|blank]
  drafts rename --id ID --title T
  drafts archive --id ID
  drafts unarchive --id ID
  store migrate --to URL                copy this DATA_DIR's workspace into an empty PostgreSQL database, then check it
  store migrate --from URL              copy a PostgreSQL workspace into DATA_DIR (new or empty: a backup), then check it

Reads DATA_DIR or DATABASE_URL (and PUBLIC_URL, HOST, PORT for invitation links) like the server does.`;

type Options = Partial<Record<'email' | 'name' | 'role' | 'delegation' | 'title' | 'template' | 'id' | 'to' | 'from', string>>;

async function delegationId(services: Services, name: string | undefined): Promise<string | null | undefined> {
  if (name === undefined) return undefined;
  if (name === 'none') return null;
  const found = (await services.delegations.list()).find((d) => d.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  if (!found) throw new AppError('DELEGATION_NOT_FOUND', `No delegation named "${name}". Add it first: delegations add --name "${name}"`);
  return found.id;
}

async function memberIdByEmail(services: Services, email: string | undefined): Promise<string> {
  const member = (await services.members.list()).find((m) => m.email === email?.trim().toLowerCase());
  if (!member) throw new AppError('MEMBER_NOT_FOUND', `No member with email "${email ?? ''}".`);
  return member.id;
}

async function run(services: Services, words: string[], o: Options, linkBase: string): Promise<void> {
  const link = (token: string) => `${linkBase}/invitation/${token}`;
  switch (words.join(' ')) {
    case 'members list': {
      const delegations = await services.delegations.list();
      for (const m of await services.members.list()) {
        const delegation = delegations.find((d) => d.id === m.delegationId)?.name ?? '';
        const state = !m.active ? 'deactivated' : m.hasPassword ? 'active' : 'invited';
        console.log([m.email, m.name, m.role, delegation, state].join('\t'));
      }
      return;
    }
    case 'members add': {
      const body = validate(CreateMemberBody, {
        email: o.email,
        name: o.name,
        role: o.role,
        delegationId: await delegationId(services, o.delegation),
      });
      const r = await services.members.create(body, null);
      console.log(`Added ${r.member.email}. One-time invitation link (valid until ${r.expiresAt.toISOString()}):\n${link(r.token)}`);
      return;
    }
    case 'members update': {
      const id = await memberIdByEmail(services, o.email);
      const body = validate(UpdateMemberBody, { name: o.name, role: o.role, delegationId: await delegationId(services, o.delegation) });
      const m = await services.members.update(id, body, null);
      console.log(`Updated ${m.email}: ${m.role}.`);
      return;
    }
    case 'members deactivate':
    case 'members reactivate': {
      const active = words[1] === 'reactivate';
      const m = await services.members.update(await memberIdByEmail(services, o.email), { active }, null);
      console.log(`${m.email} is now ${active ? 'active' : 'deactivated; their sessions have ended'}.`);
      return;
    }
    case 'members invite': {
      const r = await services.members.reissueInvitation(await memberIdByEmail(services, o.email), null);
      console.log(`New one-time invitation link for ${r.member.email}:\n${link(r.token)}`);
      return;
    }
    case 'delegations list':
      for (const d of await services.delegations.list()) console.log(d.name);
      return;
    case 'delegations add': {
      const d = await services.delegations.create(validate(CreateDelegationBody, { name: o.name }).name, null);
      console.log(`Added delegation ${d.name}.`);
      return;
    }
    case 'drafts list':
      for (const d of await services.drafts.listAll()) console.log([d.id, d.title, d.archived ? 'archived' : ''].join('\t'));
      return;
    case 'drafts create': {
      const d = await services.drafts.create(validate(CreateDraftBody, { title: o.title, template: o.template }), null);
      console.log(`Created draft ${d.id}: ${d.title}`);
      return;
    }
    case 'drafts rename':
    case 'drafts archive':
    case 'drafts unarchive': {
      const patch = words[1] === 'rename' ? { title: o.title } : { archived: words[1] === 'archive' };
      const d = await services.drafts.update(o.id ?? '', validate(UpdateDraftBody, patch), null);
      console.log(`Draft ${d.id}: ${d.title}${d.archived ? ' (archived)' : ''}`);
      return;
    }
    default:
      throw new AppError('VALIDATION_FAILED', `Unknown command "${words.join(' ')}".\n\n${USAGE}`);
  }
}

/** `store migrate --to URL | --from URL`: moves the workspace between DATA_DIR and PostgreSQL (migrateStore), which takes the folder's lock itself. */
async function store(words: string[], o: Options, dataDir: string): Promise<void> {
  if (words.join(' ') !== 'store migrate' || (o.to === undefined) === (o.from === undefined)) {
    throw new AppError('VALIDATION_FAILED', `Say which way: store migrate --to URL, or store migrate --from URL.\n\n${USAGE}`);
  }
  const report = o.to !== undefined ? await migrateToPostgres(dataDir, o.to) : await migrateFromPostgres(o.from!, dataDir);
  console.log(describeMigration(report));
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(
      ['email', 'name', 'role', 'delegation', 'title', 'template', 'id', 'to', 'from'].map((k) => [k, { type: 'string' as const }]),
    ),
  });
  if (positionals.length === 0 || positionals[0] === 'help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  if (positionals[0] === 'store') {
    await store(positionals, values, config.dataDir);
    return 0;
  }
  const opened = await openMetadata(config);
  const { metadata } = opened;
  try {
    const unavailable = () => Promise.reject(new Error('Draft documents are not available from the command line'));
    const noDocuments = { read: unavailable, change: unavailable, hold: unavailable };
    const services = createServices(metadata, config, systemClock, noDocuments);
    await run(services, positionals, values, config.publicUrl ?? `http://${config.host}:${config.port}`);
    await metadata.close();
    return 0;
  } finally {
    await opened.release();
  }
}

/**
 * The workspace's metadata as the server keeps it: in PostgreSQL with DATABASE_URL (while servers run: the
 * database orders the writes), else under DATA_DIR, which a running server holds (stop it first).
 */
async function openMetadata(config: Config): Promise<{ metadata: MetadataRepositories; release: () => Promise<void> }> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { metadata: new PgMetadata(pool), release: () => pool.end() };
  }
  const unlock = await lockDataDir(config.dataDir);
  try {
    return { metadata: await LowdbMetadata.open(config.dataDir), release: unlock };
  } catch (error) {
    await unlock();
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `Error: ${error instanceof AppError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
