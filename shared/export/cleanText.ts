/**
 * Text as exports may carry it. Everything in a Y.Doc comes from clients, and several export formats reject
 * or misrender some characters: XML 1.0 forbids most C0 controls, lone UTF-16 surrogates cannot be encoded as
 * UTF-8, and a tab or line break inside a run would break Markdown and PDF line layout.
 *
 * - line breaks and tabs (\t \n \r U+2028 U+2029) become a space;
 * - other C0 and C1 controls, DEL and the noncharacters U+FFFE and U+FFFF are removed;
 * - lone surrogates become U+FFFD;
 * - the result is in Unicode NFC, so "Côte" typed with a combining accent and with a precomposed one export alike.
 */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(LINE_BREAK, ' ').replace(CONTROL, '').normalize('NFC');
}

/** cleanText for one-line text (titles, headings, labels): also trims and collapses runs of white space. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
