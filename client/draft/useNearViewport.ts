import { useEffect, useState, type RefObject } from 'react';

/**
 * How far outside the visible area an element still counts as near: one screen height above and
 * below, so editors are ready before they scroll into view and are not torn down by small scrolls.
 */
export const NEAR_VIEWPORT_MARGIN = '100% 0px 100% 0px';

type Callback = (near: boolean) => void;
let observer: IntersectionObserver | null = null;
const callbacks = new Map<Element, Callback>();

/** Elements seen far away, to be marked `data-far` together when the page is next idle. */
const toMark = new Set<Element>();

/**
 * Marks an element far once the page is idle: marking hundreds of clauses in the frame that mounts the
 * first editors would delay them (each marked clause changes how the browser lays it out).
 */
function markFarWhenIdle(element: Element): void {
  if (toMark.size === 0) {
    const mark = () => {
      for (const far of toMark) far.setAttribute('data-far', '');
      toMark.clear();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(mark, { timeout: 1000 });
    else setTimeout(mark, 100);
  }
  toMark.add(element);
}

/** One observer for every clause on the page: a hundred observers would each run their own layout checks. */
function sharedObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: NEAR_VIEWPORT_MARGIN },
  );
  return observer;
}

/**
 * True while the element is on screen or within NEAR_VIEWPORT_MARGIN of it. Starts false and becomes
 * true after the first observation (in the next frame), so a long draft's first paint stays light.
 * @param markFar also give the element a `data-far` attribute while it has been seen to be farther away,
 *   for CSS: removed at once when it comes near, set when the page is next idle. Set on the element itself,
 *   not through a render: on a long draft most clauses are far, and re-rendering them all on the first
 *   observation would delay the editors. @default false
 */
export function useNearViewport(ref: RefObject<Element | null>, markFar = false): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    callbacks.set(element, (isNear) => {
      setNear(isNear);
      if (!markFar) return;
      if (isNear) {
        toMark.delete(element);
        element.removeAttribute('data-far');
      } else {
        markFarWhenIdle(element);
      }
    });
    sharedObserver().observe(element);
    return () => {
      toMark.delete(element);
      callbacks.delete(element);
      observer?.unobserve(element);
    };
  }, [ref, markFar]);
  return near;
}
