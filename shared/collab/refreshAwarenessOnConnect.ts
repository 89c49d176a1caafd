import type { WebsocketProvider } from 'y-websocket';

/**
 * Makes presence reappear at once after a reconnect. Peers remember the awareness clock of a client that
 * left, and y-websocket resends the same clock on reconnect, which they ignore until the next renewal
 * (up to 15 s). Re-setting the local state on connect bumps the clock. Returns the unsubscribe function.
 */
export function refreshAwarenessOnConnect(provider: WebsocketProvider): () => void {
  const onStatus = ({ status }: { status: string }) => {
    const state = provider.awareness.getLocalState();
    if (status === 'connected' && state !== null) provider.awareness.setLocalState(state);
  };
  provider.on('status', onStatus);
  return () => provider.off('status', onStatus);
}
