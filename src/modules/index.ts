import type { TagObject } from '../http/openapi/document';
import type { RouteDefinition } from '../http/routes';
import type { AccessTokenVerifier } from '../http/authenticate';
import type { DeviceKeyAuthenticator } from '../http/device-auth';
import { attendanceRoutes, authenticateDeviceKey, subscribeAttendanceToEvents } from './attendance';
import { delegationRoutes } from './approvals';
import { auditRoutes } from './audit';
import { accessTokenVerifier, authRoutes, subscribeAuthToEvents, userRoutes } from './auth';
import { calendarRoutes } from './calendar';
import { employeeImportRoutes, employeeRoutes } from './employees';
import { leaveRoutes, subscribeLeaveToEvents } from './leave';
import { notificationRoutes, outboxAdminRoutes, subscribeNotificationsToEvents } from './notifications';
import { integrationRoutes, subscribeIntegrationsToEvents } from './integrations';
import { periodRoutes } from './periods';
import { privacyRoutes } from './privacy';
import { payrollExportRoutes, reportRoutes } from './reports';

/** Every module's routes, in mounting order. Each module exports its list from its index.ts. */
export function apiRoutes(): RouteDefinition[] {
  return [
    ...authRoutes,
    ...userRoutes,
    ...employeeRoutes,
    ...employeeImportRoutes,
    ...privacyRoutes,
    ...leaveRoutes,
    ...delegationRoutes,
    ...attendanceRoutes,
    ...reportRoutes,
    ...periodRoutes,
    ...payrollExportRoutes,
    ...notificationRoutes,
    ...outboxAdminRoutes,
    ...calendarRoutes,
    ...auditRoutes,
    ...integrationRoutes,
  ];
}

let subscribed = false;

/**
 * Every module's reactions to other modules' domain events, registered once per process (by
 * createApp and the job runner), in one visible place rather than as import side effects.
 */
export function subscribeModulesToEvents(): void {
  if (subscribed) return;
  subscribed = true;
  // First: the integrations outbox records a change before reactions that may fail (emails).
  subscribeIntegrationsToEvents();
  subscribeAuthToEvents();
  subscribeLeaveToEvents();
  subscribeAttendanceToEvents();
  subscribeNotificationsToEvents();
}

/** How callers prove who they are: the auth module's bearer tokens and the attendance module's device keys. */
export function apiAuthenticators(): { accessToken: AccessTokenVerifier; deviceKey: DeviceKeyAuthenticator } {
  return { accessToken: accessTokenVerifier, deviceKey: authenticateDeviceKey };
}

/** The document's tags in the order an HR admin meets them in Swagger UI, each described. */
export function apiTags(): TagObject[] {
  return [
    { name: 'Auth', description: 'Sign in, tokens, passwords and your own account.' },
    {
      name: 'Users',
      description: 'Logins: invitations, roles, disabling and re-enabling, reset links sent by an admin.',
    },
    {
      name: 'Employees',
      description: 'People, their reporting lines, contact data, schedules and privacy requests.',
    },
    { name: 'Departments', description: 'Departments and their heads.' },
    {
      name: 'Imports',
      description: 'Employees and holidays from CSV files: dry run, per-row errors, all or nothing.',
    },
    {
      name: 'Leave types',
      description: 'Kinds of leave: entitlement, accrual, carry-over, approval and notice rules.',
    },
    { name: 'Holidays', description: 'Public and company holidays per calendar (company-wide or regional).' },
    {
      name: 'Leave requests',
      description: 'Requesting, approving, rejecting and cancelling leave, and who is away when.',
    },
    {
      name: 'Leave balances',
      description: 'Balances per leave type and year, from the leave ledger, and adjustments.',
    },
    { name: 'Attendance', description: 'Check-in and check-out, daily records and manual corrections.' },
    {
      name: 'Devices',
      description: 'Biometric terminals and their JSON ingest (device key instead of a user token).',
    },
    {
      name: 'ZKTeco push (iclock)',
      description: 'The ADMS push protocol ZKTeco terminals speak, outside /api/v1.',
    },
    {
      name: 'Delegations',
      description:
        "A manager's stand-in for a date range: sees and decides the manager's approval steps and gets their approval notifications.",
    },
    {
      name: 'Reports',
      description:
        "Attendance, leave, absenteeism, overtime and compliance reports (JSON or CSV) and today's analytics.",
    },
    {
      name: 'Payroll periods',
      description:
        'Closing a payroll period freezes every date inside it until an admin reopens it; the per-employee payroll export.',
    },
    { name: 'Notifications', description: 'In-app notifications of the signed-in user.' },
    { name: 'Calendar', description: 'Secret iCalendar feeds of approved leave for calendar applications.' },
    { name: 'Audit', description: 'The audit trail of every change, sign-in and device batch.' },
    { name: 'Integrations', description: 'The events feed and signed webhooks for other systems.' },
    {
      name: 'Operations',
      description:
        'Health, readiness, metrics, this document, problem type pages, and the email outbox for operators.',
    },
  ];
}
