/**
 * Approval delegations: a manager's stand-in for a date range. The leave module asks who stands in
 * for whom when it routes, shows and decides approval steps. Depends on lib, db, http, audit, auth
 * and employees (types).
 */
export { delegationRoutes } from './delegations.routes';
export { delegateOf, delegatorsOf } from './delegations.service';
