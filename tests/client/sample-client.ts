/**
 * A small client written against the generated types (`npm run client`), the way a front end
 * would: if the document renames a path, a field or a status, this stops compiling and the test
 * in client-types.test.ts fails. It is compiled by that test, not by the project's tsc run.
 */
import type { components, paths } from './api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Employee = components['schemas']['Employee'];
export type NewEmployee = Json<paths['/api/v1/employees']['post']['requestBody']>;
export type EmployeePage = Json<paths['/api/v1/employees']['get']['responses'][200]>;
export type Problem = components['schemas']['Problem'];
export type Holiday = components['schemas']['Holiday'];

export class AttendanceLeaveClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) {
      const problem = (await res.json()) as Problem;
      throw new Error(`${problem.status} ${problem.title}: ${problem.detail}`);
    }
    return (await res.json()) as T;
  }

  createEmployee(input: NewEmployee): Promise<Employee> {
    return this.call('POST', '/api/v1/employees', input);
  }

  async employeeNames(): Promise<string[]> {
    const page = await this.call<EmployeePage>('GET', '/api/v1/employees?limit=100');
    return page.data.map((e) => `${e.fullName} (${e.employeeCode}, ${e.timezone})`);
  }

  holidaysOf(year: number): Promise<Holiday[]> {
    return this.call('GET', `/api/v1/holidays?year=${year}`);
  }
}

export function hire(client: AttendanceLeaveClient): Promise<Employee> {
  return client.createEmployee({
    employeeCode: 'E-1001',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    hireDate: '2024-03-01',
    timezone: 'Europe/London',
  });
}
