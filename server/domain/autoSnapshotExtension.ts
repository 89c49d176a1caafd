import type { RoomExtension } from '../rooms/RoomExtension.js';
import type { AutoSnapshotScheduler } from './AutoSnapshotScheduler.js';

/** Automatic versions as a room extension: every change of a draft's document tells the scheduler. */
export function autoSnapshotExtension(scheduler: AutoSnapshotScheduler): RoomExtension {
  return {
    name: 'automatic versions',
    afterChange: ({ draftId }) => scheduler.changed(draftId),
  };
}
