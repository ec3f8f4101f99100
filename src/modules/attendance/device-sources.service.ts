import { now } from '../../lib/clock';
import type { Announcement } from '../audit';
import { recordThenAnnounce } from '../audit';
import { findEmployeesByCodes } from '../employees';
import type { AuthenticatedDevice } from './device.model';
import { addressAllowed } from './ip-ranges';

/** At most this many employees are named in the events of one refused request. */
const MAX_NAMED_EMPLOYEES = 100;

/**
 * Whether a request that names a registered device (by serial number or key) comes from an address
 * the device may send from. A refused one is announced as `device.source_refused`, once per employee
 * it carried punches for (the working-time rules turn those into `unknown_source` exceptions), or
 * once without an employee when it named none, and audited.
 */
export async function acceptDeviceSource(
  device: AuthenticatedDevice,
  ip: string | undefined,
  employeeCodes: readonly string[],
): Promise<boolean> {
  if (addressAllowed(device.allowedIps, ip)) return true;
  const at = now().toISOString();
  const codes = [...new Set(employeeCodes)].slice(0, MAX_NAMED_EMPLOYEES);
  const employees = [...(await findEmployeesByCodes(codes)).values()];
  const address = ip ?? 'unknown';
  const refusals: Announcement[] =
    employees.length === 0
      ? [['device.source_refused', { deviceId: device.id, ip: address, at }]]
      : employees.map((employee) => [
          'device.source_refused',
          { deviceId: device.id, employeeId: employee.id, ip: address, at },
        ]);
  await recordThenAnnounce(
    {
      action: 'device.source_refused',
      entityType: 'Device',
      entityId: device.id,
      actor: { kind: 'device', id: device.id },
      metadata: { ip: address, employees: employees.length },
    },
    ...refusals,
  );
  return false;
}

/** The employee codes of a JSON ingest batch (`{events: [{employeeCode}]}`), whatever else it holds. */
export function employeeCodesOfBatch(body: unknown): string[] {
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return [];
  return events.flatMap((e) => {
    const code = (e as { employeeCode?: unknown } | null)?.employeeCode;
    return typeof code === 'string' && code.trim() !== '' ? [code.trim()] : [];
  });
}
