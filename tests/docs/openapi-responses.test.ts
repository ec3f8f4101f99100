import { buildApp } from '../../src/app';
import { OpenApiResponseValidator } from '../support/openapi-responses';

/** The checker every supertest response goes through (tests/support/validate-responses.ts) must catch drift. */
const validator = new OpenApiResponseValidator(buildApp().document);
const employeeUrl = '/api/v1/employees/665f1c2e9b1e8a0012345678';
const json = 'application/json; charset=utf-8';
const employee = {
  id: '665f1c2e9b1e8a0012345678',
  employeeCode: 'E-1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  fullName: 'Ada Lovelace',
  hireDate: '2024-02-01',
  timezone: 'Europe/London',
  status: 'active',
  phone: null,
  address: null,
  emergencyContact: null,
  departmentId: null,
  position: null,
  managerId: null,
  workWeek: [1, 2, 3, 4, 5],
  holidayCalendar: null,
  schedule: { start: '09:00', end: '17:00', graceMinutes: 10, breakMinutes: 0 },
  deactivatedAt: null,
  createdAt: '2024-02-01T09:00:00.000Z',
  updatedAt: '2024-02-01T09:00:00.000Z',
};
const notFound = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Employee not found' };

function check(status: number, body: unknown, contentType = json, method = 'GET', url = employeeUrl) {
  return validator.check({ method, url, status, contentType, body, text: JSON.stringify(body) });
}

describe('checking responses against the OpenAPI document', () => {
  it('when a response matches its operation then there is nothing to report', () => {
    expect(check(200, employee)).toBeUndefined();
    expect(check(404, notFound, 'application/problem+json')).toBeUndefined();
  });

  it('when a field has the wrong type then the message names the operation and the field', () => {
    expect(check(200, { ...employee, hireDate: 20240201 })).toMatch(
      /GET \/api\/v1\/employees\/\{id\} -> 200: body does not match the schema: .*hireDate/,
    );
  });

  it('when a required field is missing then it is reported', () => {
    const { detail: _detail, ...withoutDetail } = notFound;
    expect(check(404, withoutDetail, 'application/problem+json')).toMatch(/required property 'detail'/);
  });

  it('when the status or the content type is not documented then it is reported', () => {
    expect(check(418, {})).toMatch(/-> 418: status not documented/);
    expect(check(200, 'name,id', 'text/csv')).toMatch(/content type text\/csv not documented/);
  });

  it('when the path is not in the document then it is left to the inventory test', () => {
    expect(check(404, {}, json, 'GET', '/api/v1/no-such-thing')).toBeUndefined();
  });
});
