import { Outlet } from 'react-router';
import { AppHeader } from './AppHeader.js';

/** The frame of every signed-in page: a skip link, the header and the page in <main>. */
export function AppLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader />
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
