/**
 * The versions feature's public entry: the version tools of the draft page and the live draft's export
 * links. The history, version and compare pages are not exported here: only the router (App.tsx) names
 * page modules, so they stay in chunks of their own.
 */
export { DraftVersionTools } from './DraftVersionTools.js';
export { liveDraftExportUrl } from './exportLinks.js';
