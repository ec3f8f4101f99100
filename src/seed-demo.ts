import type { Config } from './config';
import { runWithContext } from './lib/request-context';
import { logger } from './lib/logger';
import type { Role } from './modules/auth';
import { createUser, findUserByEmail } from './modules/auth';
import {
  createDepartment,
  createEmployee,
  findDepartmentByName,
  findEmployeeByEmail,
} from './modules/employees';
import type { LeaveTypeInput } from './modules/leave';
import { createHoliday, createLeaveType, listHolidays, listLeaveTypes } from './modules/leave';

/** Demo logins for `npm run dev`; listed in the README. Never seeded in production. */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  password: string;
  role: Role;
  code: string;
  firstName: string;
  lastName: string;
  department: string;
  position: string;
  reportsTo?: string;
  timezone?: string;
}> = [
  {
    email: 'admin@demo.local',
    password: 'Admin-Demo-2026!',
    role: 'admin',
    code: 'D-001',
    firstName: 'Hana',
    lastName: 'Reyes',
    department: 'People Operations',
    position: 'HR Lead',
  },
  {
    email: 'manager@demo.local',
    password: 'Manager-Demo-2026!',
    role: 'manager',
    code: 'D-002',
    firstName: 'Marco',
    lastName: 'Silva',
    department: 'Engineering',
    position: 'Engineering Manager',
    reportsTo: 'admin@demo.local',
  },
  {
    email: 'ada@demo.local',
    password: 'Employee-Demo-2026!',
    role: 'employee',
    code: 'D-003',
    firstName: 'Ada',
    lastName: 'Lovelace',
    department: 'Engineering',
    position: 'Software Engineer',
    reportsTo: 'manager@demo.local',
    timezone: 'Europe/London',
  },
  {
    email: 'linus@demo.local',
    password: 'Employee-Demo-2026!',
    role: 'employee',
    code: 'D-004',
    firstName: 'Linus',
    lastName: 'Park',
    department: 'Engineering',
    position: 'Site Reliability Engineer',
    reportsTo: 'manager@demo.local',
    timezone: 'Asia/Seoul',
  },
  {
    email: 'grace@demo.local',
    password: 'Employee-Demo-2026!',
    role: 'employee',
    code: 'D-005',
    firstName: 'Grace',
    lastName: 'Okafor',
    department: 'People Operations',
    position: 'HR Generalist',
    reportsTo: 'admin@demo.local',
  },
];

const DEMO_LEAVE_TYPES: LeaveTypeInput[] = [
  {
    code: 'ANNUAL',
    name: 'Annual leave',
    annualEntitlement: 25,
    accrual: 'monthly',
    carryOverMax: 5,
    carryOverExpiryMonths: 3,
    noticeDays: 7,
  },
  {
    code: 'SICK',
    name: 'Sick leave',
    annualEntitlement: 10,
    accrual: 'yearly',
    requiresApproval: false,
    allowNegative: true,
  },
  {
    code: 'UNPAID',
    name: 'Unpaid leave',
    annualEntitlement: 0,
    accrual: 'none',
    paid: false,
    allowNegative: true,
  },
];

const DEMO_HOLIDAYS = [
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-26', name: 'Boxing Day' },
  { date: '2027-01-01', name: "New Year's Day" },
];

async function seedLeaveSetup(): Promise<void> {
  const existing = new Set((await listLeaveTypes(true)).map((t) => t.code));
  for (const type of DEMO_LEAVE_TYPES) if (!existing.has(type.code ?? '')) await createLeaveType(type);
  for (const holiday of DEMO_HOLIDAYS) {
    const taken = await listHolidays({ year: Number(holiday.date.slice(0, 4)), calendar: 'default' });
    if (!taken.some((h) => h.date === holiday.date)) await createHoliday(holiday);
  }
}

/** Creates whatever of the demo data is missing; running it again changes nothing. */
/** Demo accounts exist only in development with seeding on (`npm run dev`), never in production. */
export function demoAccountsEnabled(config: Pick<Config, 'DB_SEED_DEMO' | 'isProduction'>): boolean {
  return config.DB_SEED_DEMO && !config.isProduction;
}

/** The demo admin's sign-in, for the OpenAPI example where the demo accounts exist. */
export function demoSignInExample(): { email: string; password: string } {
  const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin') ?? DEMO_ACCOUNTS[0]!;
  return { email: admin.email, password: admin.password };
}

export async function seedDemoData(): Promise<void> {
  await runWithContext({ requestId: 'demo-seed', actor: { kind: 'system', id: 'demo-seed' } }, async () => {
    await seedLeaveSetup();
    const employeeIds = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const departmentId =
        (await findDepartmentByName(account.department)) ??
        (await createDepartment({ name: account.department })).id;
      const existing = await findEmployeeByEmail(account.email);
      const managerId = account.reportsTo ? employeeIds.get(account.reportsTo) : undefined;
      const employeeId =
        existing ??
        (
          await createEmployee({
            employeeCode: account.code,
            firstName: account.firstName,
            lastName: account.lastName,
            email: account.email,
            hireDate: '2024-01-08',
            departmentId,
            position: account.position,
            ...(managerId ? { managerId } : {}),
            ...(account.timezone ? { timezone: account.timezone } : {}),
          })
        ).id;
      employeeIds.set(account.email, employeeId);
      if (!(await findUserByEmail(account.email))) {
        await createUser({
          email: account.email,
          password: account.password,
          role: account.role,
          employeeId,
        });
      }
    }
  });
  logger.info(
    `Demo data ready. Sign in at /docs with:\n${DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(8)} ${a.email} / ${a.password}`).join('\n')}`,
  );
}
