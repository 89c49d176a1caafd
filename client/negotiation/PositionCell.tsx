import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import type { PositionView } from '../../shared/api/negotiation.js';
import { POSITION_LABELS } from '../../shared/negotiation/positions.js';
import { FormattedDate } from '../common/components/FormattedDate.js';

/** Gap between a reservation chip and its text, in px. */
const TOOLTIP_GAP = 6;

/**
 * One cell of the positions matrix: the position in words, or a dash for none. A reservation's text shows
 * on hover and keyboard focus, stays open when clicked (Escape closes it), and is read out with the cell
 * (aria-describedby). The text is placed fixed to the viewport, so the matrix's scroll box never clips it.
 */
export function PositionCell({ position }: { position: PositionView | null }) {
  if (!position) {
    return (
      <span className="position-none">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">No position</span>
      </span>
    );
  }
  const label = POSITION_LABELS[position.position];
  if (position.position !== 'reservation') {
    return (
      <span className={`position-chip position-${position.position}`} title={`${label}: ${position.by.name}`}>
        {label}
      </span>
    );
  }
  return <ReservationCell position={position} />;
}

function ReservationCell({ position }: { position: PositionView }) {
  const tipId = useId();
  const chip = useRef<HTMLButtonElement>(null);
  const [pinned, setPinned] = useState(false);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [place, setPlace] = useState<CSSProperties | null>(null);
  const shown = pinned || hovered || focused;

  useEffect(() => {
    if (!shown) return;
    const measure = () => {
      const rect = chip.current?.getBoundingClientRect();
      if (rect) setPlace({ top: rect.bottom + TOOLTIP_GAP, left: rect.left + rect.width / 2 });
    };
    measure();
    // Scrolling the page or the matrix moves the chip: follow it.
    window.addEventListener('scroll', measure, true);
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure, true);
      window.removeEventListener('resize', measure);
    };
  }, [shown]);

  return (
    <span className="position-reservation-cell" onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
      <button
        ref={chip}
        type="button"
        className="position-chip position-reservation"
        aria-describedby={tipId}
        aria-expanded={pinned}
        onClick={() => setPinned((p) => !p)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          setPinned(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && shown) {
            event.stopPropagation();
            setPinned(false);
            setFocused(false);
          }
        }}
      >
        {POSITION_LABELS.reservation}
      </button>
      <span
        role="tooltip"
        id={tipId}
        className={shown && place ? 'position-tooltip position-tooltip-shown' : 'position-tooltip'}
        style={place ?? undefined}
      >
        <span className="position-tooltip-text">{position.text}</span>
        <span className="position-tooltip-by">
          {position.by.name}, <FormattedDate iso={position.at} withTime />
        </span>
      </span>
    </span>
  );
}
