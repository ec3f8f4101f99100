import type { SchemaObject } from '../http/openapi/types';
import type { RouteDefinition } from '../http/routes';
import { ATTENDANCE_SCHEMAS, attendanceRoutes } from './attendance';
import { auditRoutes } from './audit';
import { AUTH_SCHEMAS, authRoutes } from './auth';
import { calendarRoutes } from './calendar';
import { employeeRoutes } from './employees';
import { LEAVE_SCHEMAS, leaveRoutes } from './leave';
import { NOTIFICATION_SCHEMAS, notificationRoutes } from './notifications';
import { privacyRoutes } from './privacy';
import { REPORT_SCHEMAS, reportRoutes } from './reports';

/** Every module's routes, in mounting order. Each module exports its list from its index.ts. */
export function apiRoutes(): RouteDefinition[] {
  return [
    ...authRoutes,
    ...employeeRoutes,
    ...privacyRoutes,
    ...leaveRoutes,
    ...attendanceRoutes,
    ...reportRoutes,
    ...notificationRoutes,
    ...calendarRoutes,
    ...auditRoutes,
  ];
}

/** Every module's OpenAPI component schemas. */
export function apiSchemas(): Record<string, SchemaObject> {
  return {
    ...AUTH_SCHEMAS,
    ...LEAVE_SCHEMAS,
    ...ATTENDANCE_SCHEMAS,
    ...REPORT_SCHEMAS,
    ...NOTIFICATION_SCHEMAS,
  };
}
