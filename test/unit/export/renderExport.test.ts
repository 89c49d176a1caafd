import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportFileName, MAX_TITLE_SLUG, slugify } from '../../../server/export/exportFileName.js';
import { renderExport } from '../../../server/export/renderExport.js';
import { EXPORT_FORMATS, isExportFormat } from '../../../shared/export/exportFormats.js';
import { fixtureDraft, hostileDraft } from './drafts.js';
import { negotiationDraft } from './negotiationFixture.js';

describe('renderExport', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it.each(EXPORT_FORMATS)('exports %s to byte-identical files, even when the clock and random numbers differ', async (format) => {
    const draft = fixtureDraft();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const first = await renderExport(draft, format);
    vi.setSystemTime(new Date('2031-07-15T12:34:56Z'));
    let seed = 42;
    vi.spyOn(Math, 'random').mockImplementation(() => (seed = (seed * 16807) % 2147483647) / 2147483647);
    const second = await renderExport(fixtureDraft(), format);
    expect(first.bytes.length).toBeGreaterThan(0);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(second.fileName).toBe(first.fileName);
  });

  it.each(EXPORT_FORMATS)('exports %s of a draft in negotiation to byte-identical files', async (format) => {
    const first = await renderExport(negotiationDraft(), format);
    const second = await renderExport(negotiationDraft(), format);
    expect(first.bytes.length).toBeGreaterThan(0);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it.each([
    ['md', 'code-of-conduct-on-export-controls-and-human-rights-Rev.2.md', 'text/markdown; charset=utf-8'],
    ['html', 'code-of-conduct-on-export-controls-and-human-rights-Rev.2.html', 'text/html; charset=utf-8'],
    [
      'docx',
      'code-of-conduct-on-export-controls-and-human-rights-Rev.2.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['pdf', 'code-of-conduct-on-export-controls-and-human-rights-Rev.2.pdf', 'application/pdf'],
    ['akn', 'code-of-conduct-on-export-controls-and-human-rights-Rev.2.akn.xml', 'application/akn+xml; charset=utf-8'],
    ['json', 'code-of-conduct-on-export-controls-and-human-rights-Rev.2.json', 'application/json; charset=utf-8'],
  ] as const)('names a %s export %s and serves it as %s', async (format, fileName, contentType) => {
    const file = await renderExport(fixtureDraft(), format);
    expect(file.fileName).toBe(fileName);
    expect(file.contentType).toBe(contentType);
  });

  it('starts each file with the signature of its format', async () => {
    const start = async (format: (typeof EXPORT_FORMATS)[number], n: number) =>
      Buffer.from((await renderExport(hostileDraft(), format)).bytes.subarray(0, n)).toString('latin1');
    expect(await start('pdf', 5)).toBe('%PDF-');
    expect(await start('docx', 2)).toBe('PK');
    expect(await start('html', 15)).toBe('<!DOCTYPE html>');
    expect(await start('akn', 5)).toBe('<?xml');
    expect(await start('json', 1)).toBe('{');
    expect(await start('md', 2)).toBe('# ');
  });

  it('knows exactly the six export formats', () => {
    expect(EXPORT_FORMATS).toEqual(['md', 'html', 'docx', 'pdf', 'akn', 'json']);
    expect(isExportFormat('pdf')).toBe(true);
    expect(isExportFormat('exe')).toBe(false);
    expect(isExportFormat(undefined)).toBe(false);
  });
});

describe('exportFileName', () => {
  const draft = { ...fixtureDraft(), title: 'Code of Conduct' };

  it('names a published revision by title and revision', () => {
    expect(exportFileName({ ...draft, revision: 'Rev.2' }, 'docx')).toBe('code-of-conduct-Rev.2.docx');
  });

  it('names an unpublished version by title, label and UTC date and time', () => {
    expect(exportFileName({ ...draft, revision: null, versionLabel: 'Before the plenary!' }, 'pdf')).toBe(
      'code-of-conduct-before-the-plenary-2025-03-01-1405.pdf',
    );
    expect(exportFileName({ ...draft, revision: null, versionLabel: null }, 'md')).toBe('code-of-conduct-2025-03-01-1405.md');
  });

  it('keeps file names ASCII and short, whatever the title', () => {
    expect(exportFileName({ ...draft, title: 'Κώδικας δεοντολογίας', revision: 'Rev.1' }, 'md')).toBe('draft-Rev.1.md');
    expect(exportFileName({ ...draft, title: "Côte d'Ivoire / Türkiye: ../../etc/passwd", revision: 'Rev.1' }, 'md')).toBe(
      'cote-d-ivoire-turkiye-etc-passwd-Rev.1.md',
    );
    const name = exportFileName({ ...draft, title: 'word '.repeat(40), revision: '../Rev 3' }, 'docx');
    expect(name).toMatch(/^[a-z0-9-]+-Rev-3\.docx$/);
    expect(name.length).toBeLessThanOrEqual(MAX_TITLE_SLUG + '-Rev-3.docx'.length);
  });

  it('slugifies at word boundaries', () => {
    expect(slugify('Code of Conduct on Export Controls', 20)).toBe('code-of-conduct-on');
    expect(slugify('Supercalifragilisticexpialidocious', 10)).toBe('supercalif');
  });
});
