import { revisionName, type CompareSide } from '../../shared/api/versions.js';
import { FormattedDate } from '../common/components/FormattedDate.js';

/** One side of a comparison in words: "Rev.1 “label”, published 5 March 2026", "“label”, saved …", or "the live draft as of …". */
export function CompareSideLine({ side }: { side: CompareSide }) {
  if (side.kind === 'live') {
    return (
      <>
        the live draft as of <FormattedDate iso={side.at} withTime />
      </>
    );
  }
  const { version } = side;
  if (version.revision !== null) {
    return (
      <>
        <strong>{revisionName(version.revision)}</strong> “{version.label}”, published{' '}
        {version.publishedAt ? <FormattedDate iso={version.publishedAt} /> : null}
      </>
    );
  }
  return (
    <>
      <strong>“{version.label}”</strong>, saved <FormattedDate iso={version.createdAt} withTime />
    </>
  );
}
