import * as Y from 'yjs';
import { encodeAnchorPosition } from '../../shared/comments/commentAnchor.js';
import { trackSaved } from '../../shared/collab/trackSaved.js';
import { addClause } from '../../shared/doc/addClause.js';
import { readClause } from '../../shared/doc/readClause.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, type CollabClient } from './collabClient.js';
import { ApiClient } from './http.js';
import { TEST_PASSWORD, type TestServer } from './testServer.js';
import { XSS_PAYLOADS } from './xssPayloads.js';

/** A workspace in which every place a user can type holds the XSS payloads (see seedHostileWorkspace). */
export interface HostileWorkspace {
  /** The draft titled with a payload, with a clause per payload, raw hostile structures, comments and versions. */
  draftId: string;
  /** A version saved before any payload went into the text. */
  cleanVersionId: string;
  /** A version with every payload in the text (headings, paragraphs, raw structures). */
  hostileVersionId: string;
  /** The clause (OP1) carrying a comment per payload. */
  commentClauseId: string;
  /** The clause holding the raw Yjs structures. */
  rawClauseId: string;
  /** A delegate named with a payload, of a delegation named with one, present in the draft with a caret in OP1. */
  hostileEditor: CollabClient;
  /** Payload values accepted per place (every one should be: they are valid text). */
  accepted: Record<string, number>;
}

/** The `__xss` payload a raw structure carries, so a trap can tell which one ran. */
const run = (id: string) => `window.__xss='raw-${id}'`;

/**
 * What a modified client can write into a clause through the sync protocol, bypassing the editor:
 * script, style, iframe, img, object and unknown elements, event-handler and style attributes, links with
 * javascript:, data: and vbscript: targets, an unknown mark carrying a handler, markup typed as text.
 */
export function writeRawHostileContent(doc: Y.Doc, clauseId: string): void {
  const clause = readClause(doc, clauseId)!;
  doc.transact(() => {
    const names = ['script', 'style', 'iframe', 'img', 'object', 'x-widget', 'a', 'svg', 'paragraph'];
    const elements = names.map((name) => new Y.XmlElement(name));
    clause.body.insert(clause.body.length, elements);
    const [script, style, iframe, img, object, unknown, anchor, svg, paragraph] = elements as [Y.XmlElement, ...Y.XmlElement[]];
    script.insert(0, [new Y.XmlText(run('script-text'))]);
    script.setAttribute('src', `data:text/javascript,${run('script-src')}`);
    style!.insert(0, [new Y.XmlText('body { background: url(javascript:alert(1)) }')]);
    iframe!.setAttribute('src', `javascript:${run('iframe')}`);
    iframe!.setAttribute('srcdoc', `<script>parent.__xss='raw-srcdoc'</script>`);
    img!.setAttribute('src', 'x');
    img!.setAttribute('onerror', run('img'));
    object!.setAttribute('data', `javascript:${run('object')}`);
    unknown!.setAttribute('onclick', run('unknown'));
    unknown!.insert(0, [new Y.XmlText('UNKNOWN ELEMENT TEXT')]);
    anchor!.setAttribute('href', `javascript:${run('anchor')}`);
    anchor!.insert(0, [new Y.XmlText('anchor element')]);
    svg!.setAttribute('onload', run('svg'));
    paragraph!.setAttribute('onclick', run('paragraph'));
    paragraph!.setAttribute('style', `background: url(javascript:${run('style-attr')})`);
    const text = new Y.XmlText();
    paragraph!.insert(0, [text]);
    const runs: Array<[string, Record<string, unknown>]> = [
      ['A link ', {}],
      ['to javascript', { link: { href: `javascript:${run('link')}`, onclick: run('link-onclick') } }],
      [', ', {}],
      ['in odd case', { link: { href: `  JaVaScRiPt:${run('link-case')}` } }],
      [', ', {}],
      ['to data', { link: { href: `data:text/html,<script>parent.__xss='raw-data'</script>` } }],
      [', ', {}],
      ['to vbscript', { link: { href: 'vbscript:msgbox(1)' } }],
      [', an unknown mark', { onmouseover: run('mark') }],
      [` and ${XSS_PAYLOADS[7]} typed as text.`, {}],
    ];
    for (const [content, attributes] of runs) text.insert(text.length, content, attributes);
  });
}

async function signIn(server: TestServer, email: string): Promise<ApiClient> {
  return new ApiClient(server.url).signIn(email, TEST_PASSWORD);
}

/**
 * Puts every payload of XSS_PAYLOADS into every place a user can type: delegation names, member names,
 * draft titles, version labels, comments (threads, replies, anchored quotes), clause headings and text,
 * status notes, reservation texts, and raw Yjs structures a modified client could send; a payload-named
 * delegation brackets text. Members named with payloads accept their
 * invitations, write the comments and stay present in the draft.
 */
export async function seedHostileWorkspace(server: TestServer): Promise<HostileWorkspace> {
  const accepted: Record<string, number> = {};
  const count = (place: string, ok: boolean) => (accepted[place] = (accepted[place] ?? 0) + (ok ? 1 : 0));
  const secretariat = await signIn(server, 'secretariat@example.org');
  const us = await signIn(server, 'us@example.org');

  const delegationIds: string[] = [];
  for (const name of XSS_PAYLOADS) {
    const res = await secretariat.post('/api/delegations', { name });
    count('delegation names', res.status === 201);
    if (res.status === 201) delegationIds.push(res.body.id);
  }
  const authors: ApiClient[] = [];
  for (const [i, name] of XSS_PAYLOADS.entries()) {
    const res = await secretariat.post('/api/members', {
      email: `xss${i}@example.org`,
      name,
      role: 'delegate',
      delegationId: delegationIds[i % delegationIds.length],
    });
    count('member names', res.status === 201);
    if (i < 3 && res.status === 201) {
      const author = new ApiClient(server.url);
      const token = (res.body.invitationUrl as string).split('/').at(-1)!;
      const acceptedInvitation = await author.post(`/api/invitations/${token}/accept`, { password: TEST_PASSWORD });
      if (acceptedInvitation.status !== 200) throw new Error(`accepting an invitation failed: ${JSON.stringify(acceptedInvitation.body)}`);
      authors.push(author);
    }
  }
  for (const title of XSS_PAYLOADS)
    count('draft titles', (await secretariat.post('/api/drafts', { title, template: 'blank' })).status === 201);

  const draftId = (await secretariat.post('/api/drafts', { title: XSS_PAYLOADS[0], template: 'starter' })).body.id as string;
  const cleanVersionId = (await us.post(`/api/drafts/${draftId}/versions`, { label: 'Clean text' })).body.id as string;

  const editor = await openCollabClient(server, { draftId, cookie: us.cookie! });
  const commentClauseId = readOrderedClauses(editor.doc).find((c) => c.kind === 'operative')!.id;
  const tracker = trackSaved(editor.provider, () => {});
  const payloadClauseIds = XSS_PAYLOADS.map((payload) =>
    addClause(editor.doc, { kind: 'operative', heading: payload, paragraphs: [payload] }),
  );
  const rawClauseId = addClause(editor.doc, { kind: 'operative', heading: 'Raw structures', paragraphs: ['Raw structures follow.'] });
  writeRawHostileContent(editor.doc, rawClauseId);
  await eventually(() => tracker.saved, 'the hostile text to be saved', 15_000);
  tracker.destroy();
  count('clause headings and text', true);

  // Negotiation: a status note per payload on OP1 (its history), a reservation per payload by the
  // payload-named delegations, one on each payload clause.
  for (const [i, note] of XSS_PAYLOADS.entries()) {
    const res = await secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${commentClauseId}/status`, {
      status: i % 2 === 0 ? 'agreed' : 'reopened',
      note,
    });
    count('status notes', res.status === 200);
  }
  for (const [i, reservation] of XSS_PAYLOADS.entries()) {
    const k = i % authors.length;
    const res = await authors[k]!.request('PUT', `/api/drafts/${draftId}/clauses/${payloadClauseIds[i]}/positions/${delegationIds[k]}`, {
      position: 'reservation',
      text: reservation,
    });
    count('reservation texts', res.status === 200);
  }

  // Agreed text is locked: OP1 is reopened (if the last note left it agreed) before it is bracketed below.
  if ((XSS_PAYLOADS.length - 1) % 2 === 0) {
    const reopened = await secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${commentClauseId}/status`, { status: 'reopened' });
    if (reopened.status !== 200) throw new Error(`reopening OP1 failed: ${JSON.stringify(reopened.body)}`);
  }

  // The payload-named delegation brackets the start of OP1's text, so its name is a bracket's tag.
  const bracketer = await openCollabClient(server, { draftId, cookie: authors[0]!.cookie! });
  const bracketSaved = trackSaved(bracketer.provider, () => {});
  ((readClause(bracketer.doc, commentClauseId)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 10, {
    bracket: { delegation: delegationIds[0] },
  });
  await eventually(() => bracketSaved.saved, 'the bracket to be saved', 15_000);
  bracketSaved.destroy();
  bracketer.destroy();

  const hostileVersionId = (await us.post(`/api/drafts/${draftId}/versions`, { label: XSS_PAYLOADS[1] })).body.id as string;
  for (const [i, label] of XSS_PAYLOADS.entries()) {
    if (i === 1) continue;
    count('version labels', (await (i % 2 ? us : secretariat).post(`/api/drafts/${draftId}/versions`, { label })).status === 201);
  }

  const text = (readClause(editor.doc, commentClauseId)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  let firstThread: string | null = null;
  for (const [i, body] of XSS_PAYLOADS.entries()) {
    const author = authors[i % authors.length]!;
    const anchor = {
      start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 5)),
      end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 25)),
      quote: body,
    };
    const request =
      i % 3 === 2 && firstThread
        ? { clauseId: commentClauseId, body, parentId: firstThread }
        : i % 5 === 0
          ? { clauseId: commentClauseId, body, anchor }
          : { clauseId: commentClauseId, body };
    const res = await author.post(`/api/drafts/${draftId}/comments`, request);
    count('comments', res.status === 201);
    firstThread ??= res.body.id;
  }
  const caretAt = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 3));
  editor.destroy();

  // A member named with a payload, of a delegation named with one, present in the draft with a caret in OP1.
  const hostileEditor = await openCollabClient(server, { draftId, cookie: authors[0]!.cookie! });
  hostileEditor.provider.awareness.setLocalStateField('cursor', { anchor: caretAt, head: caretAt });
  return { draftId, cleanVersionId, hostileVersionId, commentClauseId, rawClauseId, hostileEditor, accepted };
}
