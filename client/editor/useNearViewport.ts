import { useEffect, useState, type RefObject } from 'react';

/**
 * How far outside the visible area an element still counts as near: one screen height above and
 * below, so editors are ready before they scroll into view and are not torn down by small scrolls.
 */
export const NEAR_VIEWPORT_MARGIN = '100% 0px 100% 0px';

type Callback = (near: boolean) => void;
let observer: IntersectionObserver | null = null;
const callbacks = new Map<Element, Callback>();

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
 */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    callbacks.set(element, setNear);
    sharedObserver().observe(element);
    return () => {
      callbacks.delete(element);
      observer?.unobserve(element);
    };
  }, [ref]);
  return near;
}
