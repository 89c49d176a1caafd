import { useParams, useSearchParams } from 'react-router';
import { LIVE } from '../../shared/api/versions.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { CompareChooser } from './CompareChooser.js';
import { ComparisonView } from './ComparisonView.js';
import { useDraftVersions } from './useDraftVersions.js';
import { VersionBackLinks } from './VersionBackLinks.js';
import { versionsApi } from './versionsApi.js';
import '../styles/draft.css';
import '../styles/versions.css';

/**
 * Compares two versions, or a version and the live draft, clause by clause: a chooser for both sides, a
 * summary, then the clauses in reading order with what happened to each and a word-level redline. Without
 * a `from`, it starts from the latest revision (or the latest version) against the live draft.
 */
export function ComparePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { versions } = useDraftVersions(id);
  const list = versions.data ?? [];
  const fallback = list.find((v) => v.revision !== null) ?? list[0];
  const from = params.get('from') ?? fallback?.id ?? null;
  const to = params.get('to') ?? LIVE;
  const result = useApiResource(() => (from ? versionsApi.compare(id, from, to) : Promise.resolve(null)), `${id}:${from}:${to}`);
  const live = from === LIVE || to === LIVE;

  return (
    <div className="draft-page compare-page">
      <VersionBackLinks draftId={id} />
      <PageHeading title="Compare versions">
        <p>Clauses are matched by identity, so a clause keeps its history when it is renumbered or moved.</p>
      </PageHeading>
      {from ? (
        <CompareChooser versions={list} from={from} to={to} onCompare={(f, t) => setParams({ from: f, to: t })} />
      ) : versions.data ? (
        <p className="empty-state">There is nothing to compare yet: no version of this draft has been saved.</p>
      ) : null}
      <ErrorMessage error={result.error ?? versions.error} />
      {result.loading && from ? <LoadingMessage label="Comparing…" /> : null}
      {result.data && from && !result.loading ? (
        <ComparisonView draftId={id} from={from} to={to} result={result.data} onRefresh={live ? result.reload : null} />
      ) : null}
    </div>
  );
}
