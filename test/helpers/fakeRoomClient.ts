import type { RoomClient, RoomMember } from '../../server/rooms/RoomClient.js';

/** A draft room's client as a transport would hold it, without a socket: records how the room ended it. */
export class FakeClient implements RoomClient {
  readonly sync = { declared: new Map<number, number>(), answered: true };
  endedWith: number | null = null;

  constructor(
    readonly member: RoomMember,
    private readonly leave: (client: FakeClient) => void,
  ) {}

  speaksFor(): boolean {
    return false;
  }

  end(code: number): void {
    this.endedWith = code;
    this.leave(this);
  }
}
