import { onDomainEvent } from '../../lib/domain-events';
import { anonymiseUserOfEmployee, disableUserOfEmployee, enableUserOfEmployee } from './users.service';

/** What the auth module does when other modules announce something. */
export function subscribeAuthToEvents(): void {
  // A deactivated employee can no longer sign in; reactivation restores the login.
  onDomainEvent('employee.deactivated', ({ employeeId }) => disableUserOfEmployee(employeeId));
  onDomainEvent('employee.reactivated', ({ employeeId }) => enableUserOfEmployee(employeeId));
  onDomainEvent('employee.anonymised', ({ employeeId }) => anonymiseUserOfEmployee(employeeId));
}
