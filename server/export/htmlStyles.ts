/**
 * The HTML export's only styles, inline in a <style> element so the file stands alone: readable on screen,
 * A4 with margins when printed, headings kept with the text after them, link targets printed after links;
 * bracket tags small and sans-serif, the negotiation lines (option, status, positions) smaller and in italics.
 */
export const HTML_STYLES = `
@page { size: A4; margin: 22mm 20mm; }
:root { color: #111; background: #fff; }
body { font-family: "Times New Roman", "DejaVu Serif", "Noto Serif", Georgia, serif; font-size: 12pt; line-height: 1.45;
  max-width: 44em; margin: 2em auto; padding: 0 1.5em; }
header.title-block { text-align: center; margin-bottom: 2.5em; border-bottom: 1px solid #999; padding-bottom: 1em; }
h1 { font-size: 20pt; margin: 0 0 0.4em; }
.version { font-style: italic; margin: 0; text-align: center; }
h2 { font-size: 14pt; margin: 2em 0 0.8em; text-align: center; }
h3 { font-size: 12pt; margin: 1.4em 0 0.4em; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
.num { font-weight: bold; }
p, li { orphans: 3; widows: 3; }
p { margin: 0 0 0.6em; text-align: justify; }
ul, ol { margin: 0 0 0.6em; padding-left: 2em; }
li > p { margin: 0.15em 0; }
a { color: #0b4a8b; }
ins { color: #0a5d1e; background: #e6f4ea; text-decoration: underline; }
del { color: #8b0000; background: #fbe9e9; text-decoration: line-through; }
.bracket-tag { font: 7.5pt/1 "DejaVu Sans", Arial, sans-serif; color: #444; margin-left: 0.1em; }
.clause-meta, .positions { font-size: 10.5pt; font-style: italic; color: #333; text-align: left; }
.clause-meta { margin: -0.2em 0 0.5em; }
.positions { margin: 0.2em 0 0.8em; }
.no-text { color: #333; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
  a[href]::after { content: " <" attr(href) ">"; font-size: 90%; }
}
`.trim();

/**
 * Styles added when the text holds proposals (amendments mode): the note explaining them, the tags after each
 * proposal (small, sans-serif, like bracket tags), the line naming a whole clause's proposal and its text (a
 * block <ins> or <del>, without the passages' background, which would cover the whole clause), and in a redline the proposals' own marks, dotted so they
 * never read as the redline's solid underline and strike-through; their fate is in the tag's words.
 */
export const PROPOSAL_STYLES = `
.proposals-note { font-size: 10.5pt; text-align: left; border: 1px solid #999; padding: 0.4em 0.8em; margin: 1.2em 0 0; }
.proposal-tag { font: 7.5pt/1 "DejaVu Sans", Arial, sans-serif; color: #444; margin-left: 0.1em; white-space: nowrap; }
.proposal { text-decoration-line: underline; text-decoration-style: dotted; }
.proposal-deletion.proposal-pending, .proposal-deletion.proposal-made { text-decoration-line: line-through; }
.proposal-accepted, .proposal-rejected { text-decoration-line: none; }
ins.proposal-insertion, del.proposal-deletion { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.clause-proposal { font: bold 9.5pt/1.3 "DejaVu Sans", Arial, sans-serif; color: #333; text-align: left; margin: -0.2em 0 0.5em; }
ins.clause-proposal-text, del.clause-proposal-text { background: none; }
section > ins.clause-proposal-text, section > del.clause-proposal-text { display: block; }
`.trim();
