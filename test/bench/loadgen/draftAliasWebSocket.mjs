/**
 * The generator's `ws` default export, subclassed: every socket to `/collab/<name>` dials
 * `/collab/<draft id>` instead, the first distinct name getting the first id of BENCH_DRAFT_IDS, and so
 * on. Throws when the generator opens more documents than there are drafts (the harness creates enough).
 * When BENCH_COOKIES holds several session cookies (one per line), sockets take them in turn as their
 * Cookie header: the server limits how many sockets one member may open.
 */
const realUrl = new URL(import.meta.url).searchParams.get('real');
const { default: RealWebSocket } = await import(realUrl);

const draftIds = (process.env.BENCH_DRAFT_IDS ?? '').split(',').filter(Boolean);
const cookies = (process.env.BENCH_COOKIES ?? '').split('\n').filter(Boolean);
const assigned = new Map();
let sockets = 0;

function draftFor(name) {
  let id = assigned.get(name);
  if (id === undefined) {
    id = draftIds[assigned.size];
    if (id === undefined) throw new Error(`draft aliases: more than ${draftIds.length} documents opened`);
    assigned.set(name, id);
  }
  return id;
}

function rewrite(address) {
  const url = new URL(String(address));
  const match = /^\/collab\/([^/]+)$/.exec(url.pathname);
  if (!match) return address;
  url.pathname = `/collab/${draftFor(decodeURIComponent(match[1]))}`;
  return url.href;
}

function withNextCookie(options) {
  if (cookies.length === 0) return options;
  const cookie = cookies[sockets % cookies.length];
  sockets += 1;
  return { ...options, headers: { ...options?.headers, Cookie: cookie } };
}

export default class DraftAliasWebSocket extends RealWebSocket {
  constructor(address, protocols, options) {
    super(rewrite(address), protocols, withNextCookie(options));
  }
}
