import request from 'supertest';
import { seedCompany } from '../../bench/seed';
import { setConfigForTests } from '../../src/config';
import { queriesIn, startCountingCommands } from '../../src/db/command-monitor';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import type { Person } from '../support/factories';
import { makePerson } from '../support/factories';

/**
 * The N+1 guard: each list and report endpoint sends the same number of database commands (not
 * counting getMore, which follows result size) whether the company has 6 people or 18. A loop that
 * queries once per row makes the second count larger and fails here.
 */
useTestDatabase({ monitorCommands: true });
// The signed-in user is remembered for AUTH_USER_CACHE_SECONDS (5 s by default); on a loaded machine a
// warm-up and its counted request can straddle that expiry and count one more user read. Remember it
// for the whole file, so the counts depend on the code and not on the clock.
setConfigForTests({ AUTH_USER_CACHE_SECONDS: 300 });
const app = testApp();

let admin: Person;
let firstEmployeeId = '';
const year = new Date().getUTCFullYear();

const ENDPOINTS = (): Array<[string, string]> => [
  ['employees list', '/api/v1/employees?limit=100'],
  ['employee', `/api/v1/employees/${firstEmployeeId}`],
  ['leave requests list', '/api/v1/leave-requests?limit=100'],
  ['leave balances', `/api/v1/leave-balances?employeeId=${firstEmployeeId}&year=${year}`],
  ['attendance list', '/api/v1/attendance?limit=100'],
  ['leave calendar', `/api/v1/leave-calendar?from=${year}-01-01&to=${year}-12-31`],
  ['attendance summary', '/api/v1/reports/attendance-summary'],
  ['leave utilization', `/api/v1/reports/leave-utilization?year=${year}`],
  ['absenteeism', '/api/v1/reports/absenteeism'],
  ['overtime', '/api/v1/reports/overtime'],
  ['compliance', '/api/v1/reports/compliance'],
  ['today', '/api/v1/analytics/today'],
];

async function commandsPerEndpoint(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, url] of ENDPOINTS()) {
    await request(app).get(url).set(admin.auth).expect(200); // warm-up: caches fill on the first read
    const stop = startCountingCommands();
    await request(app).get(url).set(admin.auth).expect(200);
    counts[name] = queriesIn(stop());
  }
  return counts;
}

describe('database commands per request', () => {
  beforeAll(async () => {
    admin = await makePerson('admin');
    const company = await seedCompany({ employees: 6, days: 14, prefix: 'S' });
    firstEmployeeId = company.employeeIds[1]!.toHexString();
  });

  it('when the company triples then every list and report sends the same number of commands', async () => {
    const small = await commandsPerEndpoint();
    await seedCompany({ employees: 12, days: 14, prefix: 'L' });
    const large = await commandsPerEndpoint();
    process.stdout.write(`commands per request: ${JSON.stringify(small)}\n`);
    expect(large).toEqual(small);
    for (const count of Object.values(small)) expect(count).toBeLessThan(15);
  });
});
