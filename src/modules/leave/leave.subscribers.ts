import { onDomainEvent } from '../../lib/domain-events';
import { deleteAttachmentsOfEmployee } from './attachment-storage';
import { recountForEmployee, recountForHoliday } from './leave-recount.service';
import { scrubLeaveText } from './leave-request-queries.service';
import { scrubAmendmentText } from './leave-amendment-steps';

/** What the leave module does when other modules announce something. */
export function subscribeLeaveToEvents(): void {
  // A former employee's free text goes with their personal data.
  onDomainEvent('employee.anonymised', ({ employeeId }) => scrubLeaveText(employeeId));
  onDomainEvent('employee.anonymised', ({ employeeId }) => scrubAmendmentText(employeeId));
  // Sick notes are health data: deleting (deactivating) or anonymising an employee removes their files.
  onDomainEvent('employee.deactivated', async ({ employeeId }) => {
    await deleteAttachmentsOfEmployee(employeeId);
  });
  onDomainEvent('employee.anonymised', async ({ employeeId }) => {
    await deleteAttachmentsOfEmployee(employeeId);
  });
  // Day counts follow the calendar and the employee's schedule: a change recounts the leave it touches.
  onDomainEvent('holiday.changed', async ({ date }) => {
    await recountForHoliday(date);
  });
  onDomainEvent('employee.schedule_changed', async ({ employeeId, fields }) => {
    await recountForEmployee(employeeId, fields);
  });
}
