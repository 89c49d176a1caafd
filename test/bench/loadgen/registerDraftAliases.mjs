/**
 * Preloaded into the reference load generator (`node --import <this file> loadgen.mjs ...`): the
 * generator names its documents `<prefix>-<runId>-<n>` with a random run id, while our server only serves
 * drafts that exist. This registers a module hook that hands loadgen.mjs a `ws` WebSocket subclass which
 * rewrites `/collab/<generator doc name>` to `/collab/<draft id>`, one draft per distinct doc name, from
 * BENCH_DRAFT_IDS (comma-separated, created by the harness beforehand). The generator's own code,
 * measurements and protocol handling stay exactly as shipped.
 */
import { register } from 'node:module';

register('./draftAliasHooks.mjs', import.meta.url);
