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
    dedupe: [
      'yjs',
      'y-protocols',
      'lib0',
      'prosemirror-model',
      'prosemirror-state',
      'prosemirror-view',
      'prosemirror-transform',
      '@tiptap/pm',
    ],
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Libraries that change only with their pinned versions get chunks of their own, so they stay
          // cached across releases of the app and no chunk passes 500 kB. Each group is closed under its
          // own imports (ProseMirror's packages import only each other; Yjs, its protocols and lib0 likewise),
          // so no chunk waits on another that waits on it.
          groups: [
            { name: 'yjs', test: /node_modules[\\/](yjs|y-protocols|y-websocket|lib0)[\\/]/ },
            { name: 'prosemirror', test: /node_modules[\\/](prosemirror-[a-z-]+|orderedmap|rope-sequence|w3c-keyname)[\\/]/ },
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
