import type { ReactNode } from 'react';
import { PRODUCT_NAME } from '../productName.js';
import { BrandMark } from './BrandMark.js';

/** The frame of the pages seen before signing in (sign-in, invitation): the product name over one card. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="centered-page" tabIndex={-1}>
      <div className="public-brand">
        <BrandMark size={32} />
        <span>{PRODUCT_NAME}</span>
      </div>
      <div className="card card-public">{children}</div>
    </main>
  );
}
