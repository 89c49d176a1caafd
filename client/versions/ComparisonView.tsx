import type { CompareResult } from '../../shared/api/versions.js';
import { ComparedClause } from './ComparedClause.js';
import { CompareProposals } from './CompareProposals.js';
import { CompareSideLine } from './CompareSideLine.js';
import { CompareSummary } from './CompareSummary.js';
import { groupComparedClauses } from './groupComparedClauses.js';
import { RedlineExportLinks } from './RedlineExportLinks.js';
import { UnchangedClauses } from './UnchangedClauses.js';

export interface ComparisonViewProps {
  draftId: string;
  /** The sides as the address names them (version ids or 'live'), for the export links. */
  from: string;
  to: string;
  result: CompareResult;
  /** Compares again, when a side is the live draft (which keeps changing); null otherwise. */
  onRefresh: (() => void) | null;
}

/** A comparison's result: which sides, the summary, the redline exports, then the clauses in reading order. */
export function ComparisonView({ draftId, from, to, result, onRefresh }: ComparisonViewProps) {
  const { comparison } = result;
  return (
    <div className="comparison">
      <div className="comparison-head">
        <p className="comparison-sides">
          From <CompareSideLine side={result.from} /> to <CompareSideLine side={result.to} />.
          {onRefresh ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={onRefresh}>
                Compare again with the latest text
              </button>
            </>
          ) : null}
        </p>
        <RedlineExportLinks draftId={draftId} from={from} to={to} />
      </div>
      {comparison.title.from !== comparison.title.to ? (
        <p className="comparison-title-change">
          Title: <del className="redline-del">{comparison.title.from}</del> <ins className="redline-ins">{comparison.title.to}</ins>
        </p>
      ) : null}
      <CompareSummary summary={comparison.summary} />
      <CompareProposals comparison={comparison} />
      <div className="clause-list compared-clauses">
        {groupComparedClauses(comparison.clauses).map((entry) =>
          entry.type === 'clause' ? (
            <ComparedClause key={entry.clause.id} clause={entry.clause} />
          ) : (
            <UnchangedClauses key={`unchanged-${entry.clauses[0]!.id}`} clauses={entry.clauses} />
          ),
        )}
      </div>
    </div>
  );
}
