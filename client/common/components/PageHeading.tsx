import { useEffect, useRef, type ReactNode } from 'react';
import { PRODUCT_NAME } from '../productName.js';

export interface PageHeadingProps {
  /** The page's title: the h1 text and the start of the browser tab's title. */
  title: string;
  /** Shown under the title. */
  children?: ReactNode;
  /** Move keyboard and screen-reader focus to the heading when the page opens. @default true */
  focusOnMount?: boolean;
}

/** Titles longer than this are set smaller, so a long draft title does not fill the screen. */
const LONG_TITLE = 90;

/**
 * The h1 of a page. After a client-side navigation nothing tells a screen reader that the page
 * changed, so the heading takes focus (and the tab title changes), as a full page load would do.
 */
export function PageHeading({ title, children, focusOnMount = true }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · ${PRODUCT_NAME}`;
  }, [title]);

  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);

  return (
    <div className="page-heading">
      <h1 ref={ref} tabIndex={-1} className={title.length > LONG_TITLE ? 'page-title-long' : undefined}>
        {title}
      </h1>
      {children ? <div className="page-intro">{children}</div> : null}
    </div>
  );
}
