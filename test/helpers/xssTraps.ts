import type { BrowserContext, Page } from 'playwright-core';
import { XSS_FLAG } from './xssPayloads.js';

/** What a page shows of injected script: nothing of it may be non-empty, except the informative CSP count. */
export interface XssTraces {
  /** Values payloads assigned to window.__xss: each one is a payload that ran. */
  ran: string[];
  /** Dialogs (alert, confirm, prompt) any page opened. */
  dialogs: string[];
  /** Elements that no page of the app makes, or attributes that run or load script: markup made from a payload. */
  injected: string[];
  /** Content-Security-Policy violations the browser reported (script it blocked). Informative: the CSP is the second line. */
  cspViolations: string[];
}

/**
 * Arms every page of `context` before any of its scripts run: a trap on window.__xss that records each
 * payload that runs (in frames too), a listener for CSP violation reports, and a dialog recorder.
 */
export async function armXssTraps(context: BrowserContext): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  await context.addInitScript((flag: string) => {
    const ran: string[] = [];
    const csp: string[] = [];
    Object.defineProperty(window, '__xssRan', { value: ran });
    Object.defineProperty(window, '__cspViolations', { value: csp });
    Object.defineProperty(window, flag, {
      configurable: false,
      get: () => undefined,
      set: (value: unknown) => {
        // A payload in a frame reports to the top page too.
        ran.push(String(value));
        try {
          if (window.top && window.top !== window) (window.top as unknown as Record<string, unknown>)[flag] = value;
        } catch {
          // cross-origin frame: its own record is enough
        }
      },
    });
    document.addEventListener('securitypolicyviolation', (e) => csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  }, XSS_FLAG);
  const watch = (page: Page) =>
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return { dialogs };
}

/**
 * Reads the traps of one page and scans its document for markup a payload would have made: elements the
 * app never renders (script, frames, objects, media, img ...), any on* attribute, any javascript:,
 * vbscript: or data: URL in an attribute that loads or navigates, and script URLs in style attributes.
 */
export async function readXssTraces(page: Page, dialogs: string[]): Promise<XssTraces> {
  const found = await page.evaluate(() => {
    const foreign = new Set([
      'script',
      'iframe',
      'frame',
      'frameset',
      'object',
      'embed',
      'applet',
      'portal',
      'base',
      'meta',
      'link',
      'style',
      'template',
      'math',
      'audio',
      'video',
      'source',
      'track',
      'img',
      'image',
      'picture',
      'marquee',
      'isindex',
      'keygen',
      'x',
      'x-widget',
      'animate',
      'set',
      'foreignobject',
      'body',
      'html',
      'head',
      'title',
    ]);
    const urlAttributes = /^(href|src|action|formaction|data|xlink:href|background|poster|srcdoc|to|from|values|codebase|lowsrc|dynsrc)$/i;
    const injected: string[] = [];
    const describe = (el: Element) => el.outerHTML.slice(0, 160);
    for (const el of document.body.querySelectorAll('*')) {
      // The page's own <noscript> notice (index.html) is the only foreign tag outside the app's root.
      if (el.parentElement === document.body && el.localName === 'noscript') continue;
      // The draft page's own stylesheet of proposal colours, built from well-formed delegation ids only:
      // nothing but selectors, ids and custom properties (a payload would bring angle brackets, backslashes or other marks).
      if (el.matches('style[data-proposal-colours]') && /^[\w\s.,:;()\-[\]="{}]*$/.test(el.textContent ?? '')) continue;
      const tag = el.localName.toLowerCase();
      if (foreign.has(tag)) injected.push(describe(el));
      for (const attribute of el.attributes) {
        if (/^on/i.test(attribute.name)) injected.push(`${tag}[${attribute.name}]: ${describe(el)}`);
        else if (urlAttributes.test(attribute.name) && /^\s*(javascript|vbscript|data):/i.test(attribute.value))
          injected.push(`${tag}[${attribute.name}=${attribute.value.slice(0, 60)}]`);
        else if (attribute.name === 'style' && /(javascript|vbscript|expression)\s*[:(]/i.test(attribute.value))
          injected.push(`${tag}[style=${attribute.value.slice(0, 60)}]`);
      }
    }
    const w = window as unknown as { __xssRan?: string[]; __cspViolations?: string[] };
    return { ran: [...(w.__xssRan ?? [])], cspViolations: [...(w.__cspViolations ?? [])], injected };
  });
  return { ...found, dialogs: [...dialogs] };
}

/** Scrolls a page to its end in steps, waiting at each, so lazily mounted parts (clause editors) render and run whatever they would run. */
export async function scrollThrough(page: Page, stepPx = 600): Promise<void> {
  for (let y = 0; ; y += stepPx) {
    const height = await page.evaluate((top) => {
      window.scrollTo(0, top);
      return document.documentElement.scrollHeight;
    }, y);
    await page.waitForTimeout(60);
    if (y > height) break;
  }
}
