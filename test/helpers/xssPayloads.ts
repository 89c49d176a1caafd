/**
 * Script-injection payloads for content-safety tests: markup, URLs and template syntax that would run
 * script if any place that shows user text ever interpreted it. Each one, if it ran, would set
 * `window.__xss` (or open a dialog), so a test can tell that none did. All are at most 120 characters and
 * free of control characters, so every text field (names, titles, labels, comments) accepts them and the
 * test reaches the renderer instead of stopping at validation.
 *
 * Sources of the techniques: the OWASP XSS filter evasion cheat sheet, PortSwigger's XSS cheat sheet,
 * and mutation-XSS write-ups (namespace confusion, noscript/template parsing differences).
 */
export const XSS_PAYLOADS: readonly string[] = [
  // Script elements
  `<script>window.__xss='script'</script>`,
  `<script src="data:text/javascript,window.__xss='script-src'"></script>`,
  `<svg><script>window.__xss='svg-script'</script></svg>`,
  `<scr<script>ipt>window.__xss='nested'</scr</script>ipt>`,
  `<<script>window.__xss='double-lt'//<</script>`,
  `<script type=module>window.__xss='module'</script>`,
  `<SCRIPT>window.__xss='upper'</SCRIPT>`,
  // Event handlers
  `<img src=x onerror="window.__xss='img'">`,
  `<img src=x onerror=alert('img-alert')>`,
  `<img src=x:x onerror=window['__x'+'ss']='concat'>`,
  `<img src=x onerror=eval(atob('d2luZG93Ll9feHNzPSdiNjQn'))>`,
  `<svg onload="window.__xss='svg'">`,
  `"><svg/onload=window.__xss='svg-slash'>`,
  `'><img src=x onerror=window.__xss='single-quote'>`,
  `<body onload=window.__xss='body'>`,
  `<details open ontoggle=window.__xss='details'>`,
  `<input autofocus onfocus=window.__xss='input'>`,
  `<select autofocus onfocus=window.__xss='select'></select>`,
  `<textarea autofocus onfocus=window.__xss='textarea'></textarea>`,
  `<keygen autofocus onfocus=window.__xss='keygen'>`,
  `<video><source onerror=window.__xss='video'></video>`,
  `<audio src=x onerror=window.__xss='audio'>`,
  `<marquee onstart=window.__xss='marquee'>scroll</marquee>`,
  `<x onclick=window.__xss='custom-tag' style=display:block>click me</x>`,
  `<div onmouseover="window.__xss='mouseover'">hover me</div>`,
  `<svg><animate onbegin=window.__xss='animate' attributeName=x dur=1s>`,
  `<svg><set attributeName=onmouseover to=window.__xss='svg-set'>`,
  `<frameset onload=window.__xss='frameset'>`,
  `<isindex type=image src=1 onerror=window.__xss='isindex'>`,
  `<img src=x onerror=window.__xss='zero-width'\u200b>`,
  `<img src="x\`onerror=window.__xss='backtick'">`,
  // Breaking out of attributes and elements
  `" onmouseover="window.__xss='attr-dq'" x="`,
  `' autofocus onfocus='window.__xss="attr-sq"' x='`,
  `</textarea><img src=x onerror=window.__xss='end-textarea'>`,
  `</title><img src=x onerror=window.__xss='end-title'>`,
  `</style><img src=x onerror=window.__xss='end-style'>`,
  `</script><img src=x onerror=window.__xss='end-script'>`,
  `--><img src=x onerror=window.__xss='end-comment'>`,
  `]]><img src=x onerror=window.__xss='end-cdata'>`,
  // Dangerous URLs
  `<a href="javascript:window.__xss='href'">link</a>`,
  `<a href="JaVaScRiPt:window.__xss='href-case'">link</a>`,
  `<a href="&#106;avascript:window.__xss='href-entity'">link</a>`,
  `<a href=" javascript:window.__xss='href-space'">link</a>`,
  `<a href="data:text/html,<script>parent.__xss='data-url'</script>">link</a>`,
  `javascript:window.__xss='bare-javascript'`,
  `[click](javascript:window.__xss='markdown-link')`,
  `![x](x" onerror="window.__xss='markdown-image')`,
  `https://example.org/"><img src=x onerror=window.__xss='url-break'>`,
  `<a href=https://example.org/ onclick=window.__xss='onclick-link'>site</a>`,
  `<svg><a xlink:href="javascript:window.__xss='xlink'"><text y=20>x</text></a></svg>`,
  `<form action="javascript:window.__xss='form-action'"><button>go</button></form>`,
  `<button formaction="javascript:window.__xss='formaction'">go</button>`,
  `<table background="javascript:window.__xss='table-bg'">`,
  // Embedding and document-level tags
  `<iframe src="javascript:parent.__xss='iframe'"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss='srcdoc'</script>"></iframe>`,
  `<object data="javascript:window.__xss='object'"></object>`,
  `<embed src="javascript:window.__xss='embed'">`,
  `<portal src="javascript:window.__xss='portal'"></portal>`,
  `<base href="javascript:window.__xss='base'//">`,
  `<meta http-equiv=refresh content="0;url=javascript:window.__xss='meta'">`,
  `<link rel=stylesheet href="javascript:window.__xss='link'">`,
  `<style>@import "javascript:window.__xss='style-import'";</style>`,
  `<div style="background:url(javascript:window.__xss='css-url')">styled</div>`,
  // Parser differentials (mutation XSS)
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss='mxss'>`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss='noscript'>">`,
  `<template><img src=x onerror=window.__xss='template'></template>`,
  `<!--<img src="--><img src=x onerror=window.__xss='comment'//">`,
  `<svg><style><img src=x onerror=window.__xss='svg-style'></style></svg>`,
  // Template and encoding tricks
  `{{constructor.constructor('window.__xss="angular"')()}}`,
  '${window.__xss="template-literal"}',
  `<%= window.__xss='erb' %>`,
  `\\u003cscript\\u003ewindow.__xss='unicode-escape'\\u003c/script\\u003e`,
  `&lt;script&gt;window.__xss='entities'&lt;/script&gt;`,
  `＜script＞window.__xss='fullwidth'＜/script＞`,
  `\u202e<img src=x onerror=window.__xss='rtl-override'>`,
];

/** The marker every payload sets when it runs: tests define a trap for it and check nothing sprang. */
export const XSS_FLAG = '__xss';
