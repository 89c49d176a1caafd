import { AlignmentType, LevelFormat, type INumberingOptions, type IStylesOptions } from 'docx';

/** Reference of the decimal numbering every ordered list uses (each list its own instance, so each starts at 1). */
export const ORDERED_LIST = 'ordered-list';

/** Twips (1/1440 inch) of indent per list level. */
export const LIST_INDENT = 720;

/** Deepest list level Word numbering has (levels 0-8); deeper DraftText lists are drawn at this level. */
export const MAX_WORD_LIST_LEVEL = 8;

/** Paragraph style of the line under a clause heading with its option label and status. */
export const CLAUSE_META_STYLE = 'ClauseMeta';
/** Paragraph style of the line after a clause body with the delegations' positions. */
export const POSITIONS_STYLE = 'ClausePositions';

/** Character style of a bracket's delegation tag (superscript, grey). */
export const BRACKET_TAG_STYLE = 'BracketTag';

/** Serif body text that covers Latin, Greek and Cyrillic on every Word installation. */
const BODY_FONT = 'Times New Roman';

export const DOCX_STYLES: IStylesOptions = {
  default: {
    document: { run: { font: BODY_FONT, size: 24 }, paragraph: { spacing: { after: 120 } } },
    title: {
      run: { font: BODY_FONT, size: 36, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } },
    },
    heading1: {
      run: { font: BODY_FONT, size: 28, bold: true, allCaps: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 240 }, keepNext: true },
    },
    heading2: {
      run: { font: BODY_FONT, size: 24, bold: true, color: '000000' },
      paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
    },
    hyperlink: { run: { color: '0B4A8B', underline: {} } },
  },
  paragraphStyles: [
    {
      id: 'VersionLine',
      name: 'Version line',
      basedOn: 'Normal',
      run: { italics: true },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 480 } },
    },
    // The negotiation lines of a clause: option and status under its heading, positions after its body.
    {
      id: CLAUSE_META_STYLE,
      name: 'Clause status',
      basedOn: 'Normal',
      next: 'Normal',
      run: { italics: true, size: 20, color: '333333' },
      paragraph: { spacing: { after: 80 }, keepNext: true },
    },
    {
      id: POSITIONS_STYLE,
      name: 'Clause positions',
      basedOn: 'Normal',
      run: { italics: true, size: 20, color: '333333' },
      paragraph: { spacing: { before: 40, after: 160 } },
    },
  ],
  characterStyles: [
    {
      id: BRACKET_TAG_STYLE,
      name: 'Bracket tag',
      run: { superScript: true, color: '444444' },
    },
  ],
};

export const DOCX_NUMBERING: INumberingOptions = {
  config: [
    {
      reference: ORDERED_LIST,
      levels: Array.from({ length: MAX_WORD_LIST_LEVEL + 1 }, (_, level) => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        alignment: AlignmentType.START,
        style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: 360 } } },
      })),
    },
  ],
};
