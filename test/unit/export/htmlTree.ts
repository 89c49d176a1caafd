import { parse, type DefaultTreeAdapterMap } from 'parse5';

export type Element = DefaultTreeAdapterMap['element'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

/** Every element of an HTML document in document order, as parse5 (the WHATWG parsing algorithm browsers use) builds it. */
export function elements(html: string): Element[] {
  const out: Element[] = [];
  const visit = (node: { childNodes?: ChildNode[] }) => {
    for (const child of node.childNodes ?? []) {
      if ('tagName' in child) {
        out.push(child);
        visit(child.tagName === 'template' ? (child as unknown as { content: { childNodes: ChildNode[] } }).content : child);
      }
    }
  };
  visit(parse(html));
  return out;
}

/** The text content of an element. */
export function textOf(node: Element): string {
  return node.childNodes
    .map((child) => ('value' in child && child.nodeName === '#text' ? child.value : 'tagName' in child ? textOf(child) : ''))
    .join('');
}

export const byTag = (html: string, tag: string): Element[] => elements(html).filter((e) => e.tagName === tag);
export const attr = (e: Element, name: string): string | undefined => e.attrs.find((a) => a.name === name)?.value;

/** The elements under `root` (not `root` itself) with tag `tag`, in document order. */
export function within(root: Element, tag: string): Element[] {
  const out: Element[] = [];
  const visit = (node: Element) => {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      if (child.tagName === tag) out.push(child);
      visit(child);
    }
  };
  visit(root);
  return out;
}
