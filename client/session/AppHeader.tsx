import { useState } from 'react';
import { Link, NavLink } from 'react-router';
import { ROLE_LABELS } from '../../shared/roles.js';
import { BrandMark } from '../common/components/BrandMark.js';
import { PRODUCT_NAME } from '../common/productName.js';
import { useSession } from './useSession.js';

/**
 * The bar on every signed-in page: product name, main navigation (Members and the Security log for the
 * secretariat only), who is signed in with role and delegation, Your sessions, and Sign out.
 */
export function AppHeader() {
  const { me, signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  if (!me) return null;
  const roleLine = me.delegation ? `${ROLE_LABELS[me.role]}, ${me.delegation.name}` : ROLE_LABELS[me.role];

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // The session is forgotten here either way; the server ends it at expiry at the latest.
    }
  }

  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link to="/drafts" className="brand">
          <BrandMark />
          <span>{PRODUCT_NAME}</span>
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            <li>
              <NavLink to="/drafts">Drafts</NavLink>
            </li>
            {me.role === 'secretariat' ? (
              <li>
                <NavLink to="/members">Members</NavLink>
              </li>
            ) : null}
            {me.role === 'secretariat' ? (
              <li>
                <NavLink to="/security-log">Security log</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="account" aria-label="Signed in as" role="group">
          <div className="account-identity">
            <span className="account-name">{me.name}</span>
            <span className="account-role">{roleLine}</span>
          </div>
          <Link to="/sessions" className="button button-on-dark">
            Your sessions
          </Link>
          <button type="button" className="button button-on-dark" onClick={() => void handleSignOut()} disabled={signingOut}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
