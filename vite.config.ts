import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The client is built into dist/client and served by the Express app on the same origin,
 * so cookies, the REST API and the /collab websocket share one port.
 */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  resolve: {
    // One copy of each CRDT/editor core, or Yjs throws "Yjs was already imported" and
    // ProseMirror plugins stop recognising each other's keys.
    dedupe: ['yjs', 'y-protocols', 'lib0', 'prosemirror-model', 'prosemirror-state', 'prosemirror-view', 'prosemirror-transform', '@tiptap/pm'],
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Higher priority captures first: Yjs is in its own chunk before the editor's group would pull it in.
          groups: [
            // The editing engine (ProseMirror, TipTap and their Yjs binding) changes only with its pinned
            // versions: its chunks stay cached across releases of the app, and the draft page's chunk keeps
            // to the app's code.
            { name: 'prosemirror', priority: 2, test: /node_modules[\\/](prosemirror-|orderedmap|rope-sequence|w3c-keyname)/ },
            { name: 'tiptap', priority: 1, test: /node_modules[\\/](@tiptap[\\/]|y-prosemirror|linkifyjs)/ },
            // The CRDT and its protocols, shared by every page that syncs (draft, positions, history).
            { name: 'yjs', priority: 3, test: /node_modules[\\/](yjs|y-protocols|y-websocket|lib0)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/collab': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
