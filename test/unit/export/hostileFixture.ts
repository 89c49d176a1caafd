import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { getClauses, getMeta, getOrder, META_FIELD } from '../../../shared/doc/schema.js';
import { element, fillBody, paragraph } from './fixtureDoc.js';

/** Text that must reach every format as visible, inert text. */
export const INERT_MARKUP = '<img src=x onerror=alert(1)>';
export const HOSTILE_TITLE = '<script>alert("title")</script> & Co';

/** Text inside nodes that must be dropped: none of it may appear in any export. */
export const DROPPED_TEXT = [
  'SCRIPT-BODY-TEXT',
  'UNKNOWN-BLOCK-TEXT',
  'STYLE-BODY-TEXT',
  'LIST-JUNK',
  'CODE-TEXT',
  'STRAY-TEXT',
  'INLINE-UNKNOWN',
  'BAD-ID-CLAUSE',
] as const;

/** Link targets that must be dropped (their link text stays). */
export const HOSTILE_HREFS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(2)',
  ' javascript:alert(3)',
  'java\nscript:alert(4)',
  'data:text/html,<script>alert(5)</script>',
  'vbscript:msgbox(6)',
  '//evil.example/protocol-relative',
  '/relative/path',
  'file:///etc/passwd',
];

/** Substrings (lower case) no export may contain anywhere, in text or markup. */
export const FORBIDDEN_SUBSTRINGS = ['javascript:', 'vbscript:', 'data:text', 'evil.example', '/relative/path', 'file:', 'alert(5)'];

export const HOSTILE_IDS = { clause: 'hostileClause001', section: 'hostileSection01' } as const;

/**
 * A document a malicious client could have written: script, style and unknown elements, style and on*
 * attributes, dangerous links, markup typed as text, control characters, a clause with an id of the wrong
 * shape and junk in the reading order.
 */
export function buildHostileDoc(): Y.Doc {
  const doc = new Y.Doc();
  getMeta(doc).set(META_FIELD.title, HOSTILE_TITLE);
  addClause(doc, { kind: 'section', id: HOSTILE_IDS.section, heading: 'Section <i>one</i>' });
  addClause(doc, { kind: 'operative', id: HOSTILE_IDS.clause, heading: 'Evil\u0007 heading <b>x</b>\u0000', paragraphs: [] });

  const styled = paragraph(INERT_MARKUP, ' styled text', ['struck', { strike: {} }], ['coloured', { textStyle: { color: 'red' } }]);
  styled.setAttribute('style', 'color:red;background:url(javascript:alert(7))');
  styled.setAttribute('onclick', 'alert(8)');
  const links = paragraph(...HOSTILE_HREFS.map((href, i): [string, Record<string, unknown>] => [`bad link ${i} `, { link: { href } }]), [
    'good link',
    { link: { href: 'https://example.org/ok', onclick: 'alert(9)' } },
  ]);
  const inlineJunk = paragraph('before', element('mention', 'INLINE-UNKNOWN'), element('hardBreak'), 'after');
  const image = element('image');
  image.setAttribute('src', 'x');
  image.setAttribute('onerror', 'alert(10)');
  const list = element(
    'bulletList',
    element('div', paragraph('LIST-JUNK')),
    element('listItem', element('codeBlock', 'CODE-TEXT'), paragraph('kept item')),
  );
  fillBody(doc, HOSTILE_IDS.clause, [
    styled,
    links,
    element('script', 'SCRIPT-BODY-TEXT'),
    element('style', 'STYLE-BODY-TEXT'),
    element('heading', paragraph('UNKNOWN-BLOCK-TEXT')),
    image,
    inlineJunk,
    list,
  ]);
  const clauses = getClauses(doc);
  doc.transact(() => {
    const body = (clauses.get(HOSTILE_IDS.clause) as Y.Map<unknown>).get('body') as Y.XmlFragment;
    body.insert(body.length, [new Y.XmlText('STRAY-TEXT')]);
    const bad = new Y.Map<unknown>();
    clauses.set('bad id <x>', bad);
    bad.set('kind', 'operative');
    bad.set('heading', new Y.Text('BAD-ID-CLAUSE'));
    bad.set('body', new Y.XmlFragment());
    getOrder(doc).push(['bad id <x>', 42, HOSTILE_IDS.clause]);
  });
  return doc;
}
