import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/modules/auth';
import { createUser } from '../../src/modules/auth';
import { signAccessToken } from '../../src/modules/auth/tokens';
import type { EmployeeDto, NewEmployee } from '../../src/modules/employees';
import { createDepartment, createEmployee } from '../../src/modules/employees';
import { createDevice } from '../../src/modules/attendance/devices.service';

/** Small builders: each test makes exactly the people it talks about. */

export const PASSWORD = 'Correct-Horse-Battery-1';

function unique(): string {
  return randomBytes(4).toString('hex');
}

export async function makeDepartment(name = `Dept ${unique()}`) {
  return createDepartment({ name });
}

export async function makeEmployee(overrides: Partial<NewEmployee> = {}): Promise<EmployeeDto> {
  const tag = unique();
  return createEmployee({
    employeeCode: `E-${tag}`,
    firstName: 'Test',
    lastName: `Person ${tag}`,
    email: `person-${tag}@example.com`,
    hireDate: '2024-02-01',
    ...overrides,
  });
}

/** A registered device's key (`X-Device-Key`), for tests that post device events. */
export async function makeDeviceKey(name = `Gate ${unique()}`, timezone?: string): Promise<string> {
  return (await createDevice({ name, ...(timezone ? { timezone } : {}) })).apiKey;
}

export interface Person {
  userId: string;
  employee: EmployeeDto | undefined;
  email: string;
  role: Role;
  token: string;
  auth: { Authorization: string };
}

/** A login (and, unless `withoutEmployee`, an employee record) with a real signed access token. */
export async function makePerson(
  role: Role,
  options: { employee?: Partial<NewEmployee>; withoutEmployee?: boolean } = {},
): Promise<Person> {
  const employee = options.withoutEmployee ? undefined : await makeEmployee(options.employee);
  const email = employee?.email ?? `${role}-${unique()}@example.com`;
  const user = await createUser({ email, password: PASSWORD, role, employeeId: employee?.id });
  const token = signAccessToken({ id: user.id, role, sessionVersion: 0 }).token;
  return { userId: user.id, employee, email, role, token, auth: { Authorization: `Bearer ${token}` } };
}

/**
 * A small organisation: admin; manager with a direct report and a sub-manager who has a report
 * of their own (an indirect report of the manager); and an outsider under another manager.
 */
export async function makeOrganisation() {
  const admin = await makePerson('admin');
  const manager = await makePerson('manager');
  const direct = await makePerson('employee', { employee: { managerId: manager.employee!.id } });
  const subManager = await makePerson('manager', { employee: { managerId: manager.employee!.id } });
  const indirect = await makePerson('employee', { employee: { managerId: subManager.employee!.id } });
  const otherManager = await makePerson('manager');
  const outsider = await makePerson('employee', { employee: { managerId: otherManager.employee!.id } });
  return { admin, manager, direct, subManager, indirect, otherManager, outsider };
}
