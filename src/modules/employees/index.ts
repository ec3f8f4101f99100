// Registers how employee commands finish their work after a crash (the sweeper needs it loaded).
import './employee-finishers';
export { employeeRoutes } from './employees.routes';
export { employeeImportRoutes } from './employee-import.routes';
export {
  activeEmployees,
  assertEmployeeExists,
  createEmployee,
  findEmployeeByEmail,
  findEmployeeProfile,
  findDepartmentMembers,
  findEmployeesByCodes,
  findEmployeesByIds,
} from './employees.service';
export type { EmployeeDto, NewEmployee, PuncherDto, ShiftSchedule } from './employees.service';
export { findPunchersByCodes } from './roster-cache.service';
export { EmployeeShape } from './employees.schemas';
export { createDepartment, findDepartment, findDepartmentByName } from './departments.service';
export type { DepartmentDto } from './departments.service';
export { ERASED_EMPLOYEE_FIELDS, eraseEmployeeIdentity } from './employee-lifecycle.service';
export { resolveEmployeeScope, isInScope, scopeFilter } from './scope.service';
export type { Actor, EmployeeScope, ScopeActor } from './scope.service';
