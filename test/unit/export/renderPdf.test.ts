import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../server/export/renderPdf.js';
import { fixtureDraft, hostileDraft, largeDraft } from './drafts.js';
import { COUNTRY_NAMES } from './fixtureDoc.js';
import { DROPPED_TEXT, FORBIDDEN_SUBSTRINGS, HOSTILE_TITLE, INERT_MARKUP } from './hostileFixture.js';
import { pdfInfo, pdfLinks, pdfPages } from './readers.js';
import { DELEGATIONS, HOSTILE_RESERVATION, negotiationDraft, STATUS_NOTE } from './negotiationFixture.js';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('renderPdf', async () => {
  const bytes = await renderPdf(fixtureDraft());
  const pages = await pdfPages(bytes);
  const text = oneLine(pages.join('\n'));

  it('is an A4 PDF whose title block, headings and clause numbers pdf.js extracts', () => {
    expect(latin1(bytes)).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toContain('Code of Conduct on Export Controls and Human Rights');
    expect(text).toContain('Rev.2, 1 March 2025');
    for (const heading of [
      'PP1. Recalling shared commitments',
      'PP2',
      'Commitments',
      'OP1. Human rights in licence reviews',
      'OP2. Stakeholders — Ελλάδα and Україна',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Participating States will consider:');
  });

  it('extracts the country names in Latin, Greek and Cyrillic intact', () => {
    for (const name of COUNTRY_NAMES) expect(text).toContain(name);
    expect(text).toContain("Recalling the commitments made by Türkiye, Ελλάδα, Україна and Côte d'Ivoire,");
  });

  it('embeds its font (DejaVu Serif subsets) and uses none of the standard PDF fonts', () => {
    const raw = latin1(bytes);
    const fonts = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[A-Za-z-]+)/g)].map((m) => m[1]);
    expect(new Set(fonts.map((f) => f!.slice(7)))).toEqual(
      new Set(['DejaVuSerif', 'DejaVuSerif-Bold', 'DejaVuSerif-Italic', 'DejaVuSerif-BoldItalic']),
    );
    expect((raw.match(/\/FontFile2 /g) ?? []).length).toBe(4);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('keeps its links to https and mailto targets', async () => {
    expect(await pdfLinks(bytes)).toEqual(['https://www.ohchr.org/en/business', 'mailto:secretariat@example.org']);
  });

  it('dates the file from the version and fixes its ID', async () => {
    expect(await pdfInfo(bytes)).toMatchObject({
      Title: 'Code of Conduct on Export Controls and Human Rights',
      Subject: 'Rev.2, 1 March 2025',
      CreationDate: 'D:20250301140509Z',
      ModDate: 'D:20250301140509Z',
    });
    expect(latin1(bytes)).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('numbers every page "Page N of M" on a long draft', async () => {
    const long = await pdfPages(await renderPdf(largeDraft(100)));
    expect(long.length).toBeGreaterThan(5);
    long.forEach((page, i) => expect(oneLine(page)).toContain(`Page ${i + 1} of ${long.length}`));
    expect(oneLine(long.join('\n'))).toContain('OP80. Heading of clause 100');
  });

  it('renders a hostile document as inert text only, with no script and no dangerous link', async () => {
    const hostile = await renderPdf(hostileDraft());
    const hostileText = oneLine((await pdfPages(hostile)).join('\n'));
    expect(hostileText).toContain(INERT_MARKUP);
    expect(hostileText).toContain(HOSTILE_TITLE);
    for (const dropped of DROPPED_TEXT) expect(hostileText).not.toContain(dropped);
    for (const bad of FORBIDDEN_SUBSTRINGS) expect(hostileText.toLowerCase()).not.toContain(bad);
    expect(await pdfLinks(hostile)).toEqual(['https://example.org/ok']);
    expect(latin1(hostile)).not.toMatch(/\/JavaScript|\/JS\b|\/Launch|\/OpenAction|\/AA\b/);
  });
});

describe('renderPdf of a draft in negotiation', async () => {
  const bytes = await renderPdf(negotiationDraft());
  const text = oneLine((await pdfPages(bytes)).join('\n'));

  it('sets each bracketed passage as "[text]" followed by its delegation', () => {
    expect(text).toMatch(/Recalling the \[firm commitments\] ?Norway ?of all States/);
    expect(text).toMatch(/Noting \[with concern\] ?United States ?the guidance,/);
    // The tag may start the next line (a line break reads as a space).
    expect(text.replace(`[and others] ${DELEGATIONS.hostile.name}`, `[and others]${DELEGATIONS.hostile.name}`)).toContain(
      `[and others]${DELEGATIONS.hostile.name} here,`,
    );
  });

  it('labels the options, sets a "no text" option as No text, and prints status and positions', () => {
    expect(text).toMatch(/PP2\. Noting Option 1 · Status: Open Noting the guidance,/);
    expect(text).toMatch(/PP2alt\. Noting Option 2 Noting/);
    expect(text).toMatch(/PP2alt2 Option 3 No text/);
    expect(text).toContain(`OP1. Licence reviews Status: Agreed ad ref — ${STATUS_NOTE}`);
    expect(text).toContain(`Norway — reservation: “${HOSTILE_RESERVATION}”; United States — supports`);
  });

  it('keeps delegation names and reservation texts inert: text only, no link, no script', async () => {
    expect(text).toContain(DELEGATIONS.hostile.name);
    expect(await pdfLinks(bytes)).toEqual([]);
    expect(latin1(bytes)).not.toMatch(/\/JavaScript|\/JS\b|\/Launch|\/OpenAction|\/AA\b/);
  });
});
