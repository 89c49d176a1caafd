/**
 * The members feature's public entry: the delegations API, which the editor uses to name the delegation
 * of a bracket, and the members API, from which the secretariat picks a draft's participants. The members
 * page itself is not exported here: only the router (App.tsx) names page modules.
 */
export { delegationsApi } from './delegationsApi.js';
export { membersApi } from './membersApi.js';
