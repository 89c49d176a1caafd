import { POSITION_LABELS } from '../../shared/negotiation/positions.js';
import { Dialog } from '../common/components/Dialog.js';
import { useNegotiation } from './NegotiationContext.js';
import { PositionForm } from './PositionForm.js';

export interface PositionDialogProps {
  clauseId: string;
  /** "OP2" */
  name: string;
  delegation: { id: string; name: string };
  onClose: () => void;
  /** Called after a change was recorded, with words to announce. */
  onChanged: (announcement: string) => void;
}

/** "Our position…" on a clause, for a delegate: mounted only while open. */
export function PositionDialog({ clauseId, name, delegation, onClose, onChanged }: PositionDialogProps) {
  const negotiation = useNegotiation();
  if (!negotiation) return null;
  const current = negotiation.positionsOf(clauseId).find((p) => p.delegation.id === delegation.id) ?? null;
  return (
    <Dialog open title={`Our position on ${name}`} onClose={onClose}>
      <PositionForm
        name={name}
        delegationName={delegation.name}
        current={current}
        onCancel={onClose}
        onSave={async (body) => {
          const saved = await negotiation.actions.setPosition(clauseId, delegation.id, body);
          onClose();
          onChanged(`${delegation.name}’s position on ${name}: ${POSITION_LABELS[saved.position].toLowerCase()}.`);
        }}
        onWithdraw={async () => {
          await negotiation.actions.withdrawPosition(clauseId, delegation.id);
          onClose();
          onChanged(`${delegation.name}’s position on ${name} withdrawn.`);
        }}
      />
    </Dialog>
  );
}
