import { Link } from 'react-router';
import { PageHeading } from './common/components/PageHeading.js';
import { PublicLayout } from './common/components/PublicLayout.js';

/** Any address the app does not know. */
export function NotFoundPage() {
  return (
    <PublicLayout>
      <PageHeading title="Page not found">
        <p>There is no page at this address. It may have been mistyped, or the link may be out of date.</p>
      </PageHeading>
      <p>
        <Link to="/drafts">Go to the drafts</Link>
      </p>
    </PublicLayout>
  );
}
