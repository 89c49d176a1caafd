/**
 * Styles the HTML redline adds to the clean export's (HTML_STYLES, which already underline and colour <ins>
 * and strike <del>): the legend, the labels of added, removed and moved clauses, a bar beside them, and
 * colours kept when printed (browsers drop backgrounds by default).
 */
export const REDLINE_STYLES = `
.legend { text-align: left; border: 1px solid #999; padding: 0.4em 0.8em; margin: 1.2em 0 0; font-size: 10.5pt; }
.legend p { text-align: left; margin: 0.25em 0; }
.legend-title { font-weight: bold; }
.summary { margin: 0.4em 0 0; text-align: center; }
.change-label { font: bold 9pt/1.3 "DejaVu Sans", Arial, sans-serif; text-transform: uppercase; letter-spacing: 0.03em; margin: 1.4em 0 0.2em; text-align: left; }
.change-label + h2, .change-label + h3 { margin-top: 0.2em; }
.label-added { color: #0a5d1e; }
.label-removed { color: #8b0000; }
.label-moved { color: #5b2a86; }
section.added, section.removed, section.moved { padding-left: 0.8em; border-left: 3px solid; }
section.added { border-color: #0a5d1e; }
section.removed { border-color: #8b0000; }
section.moved { border-left-style: double; border-color: #5b2a86; }
p.inserted { color: #0a5d1e; }
p.deleted { color: #8b0000; }
li:has(> p.inserted:first-child)::marker { color: #0a5d1e; }
li:has(> p.deleted:first-child)::marker { color: #8b0000; }
ins, del, .change-label, section.added, section.removed, section.moved { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.change-label { break-after: avoid; page-break-after: avoid; }
`.trim();
