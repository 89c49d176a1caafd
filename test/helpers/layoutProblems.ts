import type { Page } from 'playwright-core';

/** The screen sizes every page is checked at: laptops, a large monitor, a tablet upright and a phone. */
export const SCREEN_SIZES = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
] as const;

/**
 * What is wrong with the layout of the page as it is shown now, in words (empty when nothing is):
 * - the page scrolls sideways (its width exceeds the viewport's);
 * - from 1280 px wide: two landmark regions (banner, navigation, complementary, main's own content, named
 *   regions) that are not nested overlap;
 * - a toolbar or dialog lies partly outside the viewport;
 * - text overlaps other text (line boxes of different text nodes, as clipped by scrolling ancestors);
 * - text is cut off without an ellipsis and a title that holds it in full.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const describe = (el: Element) => {
      const name = el.getAttribute('aria-label') ?? el.id ?? '';
      return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` .${el.className.split(' ')[0]}` : ''}${name ? ` "${name.slice(0, 30)}"` : ''}>`;
    };
    const shown = (el: Element) => {
      // checkVisibility also sees content-visibility: hidden, which hides a closed <details>' content.
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: false })) return false;
      const rect = el.getBoundingClientRect();
      return rect.width > 1 && rect.height > 1;
    };
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
      Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

    if (document.documentElement.scrollWidth > vw + 1) {
      // Name the outermost elements that stick out, to say where to look.
      const culprits = [...document.body.querySelectorAll('*')]
        .filter(
          (el) =>
            el.getBoundingClientRect().right > vw + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 1),
        )
        .slice(0, 3)
        .map(describe);
      problems.push(
        `the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${vw} px viewport (${culprits.join(', ')})`,
      );
    }

    for (const el of document.querySelectorAll('[role=toolbar], [role=dialog], [role=alertdialog], dialog[open]')) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      const dialog = el.matches('[role=dialog], [role=alertdialog], dialog');
      if (r.left < -1 || r.right > vw + 1)
        problems.push(`${describe(el)} sticks out sideways: ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
      if (dialog && (r.top < -1 || r.bottom > vh + 1))
        problems.push(`${describe(el)} sticks out vertically: ${Math.round(r.top)}..${Math.round(r.bottom)} of ${vh}`);
    }

    if (vw >= 1280) {
      const marks = [
        ...document.querySelectorAll(
          'header, nav, aside, [role=banner], [role=navigation], [role=complementary], [role=search], section[aria-label], section[aria-labelledby], [data-region]',
        ),
      ].filter(shown);
      for (let i = 0; i < marks.length; i += 1) {
        for (let j = i + 1; j < marks.length; j += 1) {
          const [a, b] = [marks[i]!, marks[j]!];
          if (a.contains(b) || b.contains(a)) continue;
          const area = overlap(a.getBoundingClientRect(), b.getBoundingClientRect());
          if (area > 4) problems.push(`landmarks overlap: ${describe(a)} and ${describe(b)} (${Math.round(area)} px²)`);
        }
      }
    }

    // Every visible line box of text, clipped by the ancestors that clip it.
    const boxes: Array<{ node: Text; rect: DOMRect }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    type Box = { left: number; top: number; right: number; bottom: number };
    const clipOf = new Map<Element, Box | null>();
    const clipFor = (el: Element): Box | null => {
      if (clipOf.has(el)) return clipOf.get(el)!;
      let clip: Box | null = null;
      for (let a: Element | null = el; a && a !== document.documentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible' && style.clipPath === 'none') continue;
        const r = a.getBoundingClientRect();
        clip = clip
          ? {
              left: Math.max(clip.left, r.left),
              top: Math.max(clip.top, r.top),
              right: Math.min(clip.right, r.right),
              bottom: Math.min(clip.bottom, r.bottom),
            }
          : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }
      clipOf.set(el, clip);
      return clip;
    };
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (!node.data.trim() || !node.parentElement || !shown(node.parentElement)) continue;
      if (node.parentElement.closest('[aria-hidden=true], .visually-hidden, .remote-caret')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const clip = clipFor(node.parentElement);
      for (const rect of range.getClientRects()) {
        let r = rect;
        if (clip) {
          const left = Math.max(r.left, clip.left);
          const top = Math.max(r.top, clip.top);
          const right = Math.min(r.right, clip.right);
          const bottom = Math.min(r.bottom, clip.bottom);
          if (right - left < 2 || bottom - top < 2) continue;
          r = new DOMRect(left, top, right - left, bottom - top);
        }
        if (r.width < 2 || r.height < 2) continue;
        // Text under something opaque drawn over it (a panel sliding over the page) is hidden, not overlapped.
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const top = x >= 0 && y >= 0 && x < vw && y < vh ? document.elementFromPoint(x, y) : null;
        if (top && !top.contains(node) && !node.parentElement.contains(top)) continue;
        boxes.push({ node, rect: r });
      }
    }
    let overlaps = 0;
    for (let i = 0; i < boxes.length && overlaps < 5; i += 1) {
      for (let j = i + 1; j < boxes.length && overlaps < 5; j += 1) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (a.node === b.node) continue;
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > 2 && y > 3) {
          overlaps += 1;
          problems.push(`text overlaps text: "${a.node.data.trim().slice(0, 30)}" and "${b.node.data.trim().slice(0, 30)}"`);
        }
      }
    }

    for (const el of document.body.querySelectorAll('*')) {
      if (!shown(el) || el.closest('.visually-hidden, [contenteditable=true]')) continue;
      const style = getComputedStyle(el);
      const clipsX = (style.overflowX === 'hidden' || style.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1;
      const clipsY =
        (style.overflowY === 'hidden' || style.overflowY === 'clip') &&
        el.scrollHeight > el.clientHeight + 1 &&
        style.webkitLineClamp !== 'none';
      if (!clipsX && !clipsY) continue;
      const text = (el.textContent ?? '').trim();
      if (!text) continue;
      const title = el.getAttribute('title') ?? el.closest('[title]')?.getAttribute('title') ?? '';
      const ellipsis = style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none';
      if (!ellipsis || !title.includes(text.slice(0, 40)))
        problems.push(`text cut without an ellipsis and a title holding it: ${describe(el)} "${text.slice(0, 40)}"`);
    }
    return problems;
  });
}
