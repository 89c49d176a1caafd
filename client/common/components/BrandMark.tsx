/** The product's small emblem: a folded sheet with lines of text. Decorative, so hidden from screen readers. */
export function BrandMark({ size = 28 }: { /** Width and height in pixels. @default 28 */ size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 28 28" aria-hidden="true" focusable="false" className="brand-mark">
      <rect x="4" y="2.5" width="20" height="23" rx="2.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8.5 9h11M8.5 13h11M8.5 17h7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
