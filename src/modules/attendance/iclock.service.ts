import { DateTime } from 'luxon';
import { Types } from 'mongoose';
import type { AuthenticatedDevice } from './devices.service';
import { markDeviceSeen } from './devices.service';
import type { RawDeviceEvent } from './ingest.service';
import { ingestDeviceEvents } from './ingest.service';
import { RawDeviceLine } from './raw-device-line.model';

/**
 * ZKTeco "ADMS" push protocol (firmware push v2/v3): terminals call these paths over plain HTTP,
 * identify themselves by `SN`, and send local times without an offset in their own time zone.
 */

/** Reply to the handshake `GET /iclock/cdata?SN=...`: the options the terminal applies. */
export async function handshakeOptions(device: AuthenticatedDevice, serialNumber: string): Promise<string> {
  await markDeviceSeen(device.id);
  const offsetHours = DateTime.now().setZone(device.timezone).offset / 60;
  return [
    `GET OPTION FROM: ${serialNumber}`,
    'ATTLOGStamp=None',
    'OPERLOGStamp=9999',
    'ATTPHOTOStamp=None',
    'ErrorDelay=30',
    'Delay=10',
    'TransTimes=00:00;14:05',
    'TransInterval=1',
    'TransFlag=TransData AttLog',
    `TimeZone=${offsetHours}`,
    'Realtime=1',
    'Encrypt=None',
    '',
  ].join('\r\n');
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** ATTLOG status: 0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 overtime-in, 5 overtime-out. */
function directionOf(status: string | undefined): 'in' | 'out' | undefined {
  if (status === '0' || status === '3' || status === '4') return 'in';
  if (status === '1' || status === '2' || status === '5') return 'out';
  return undefined;
}

interface ParsedLine {
  line: string;
  event?: RawDeviceEvent;
  problem?: string;
}

/** `PIN \t YYYY-MM-DD HH:MM:SS \t status \t verify \t workcode \t ...` */
function parseAttlogLine(line: string): ParsedLine {
  const [pin, time, status] = line.split('\t').map((f) => f.trim());
  if (!pin || !time || !LOCAL_TIME.test(time)) return { line, problem: 'unparseable ATTLOG line' };
  const direction = directionOf(status);
  return { line, event: { employeeCode: pin, timestamp: time, ...(direction ? { direction } : {}) } };
}

async function keepRaw(
  deviceId: string,
  table: string,
  entries: Array<{ line: string; reason: string }>,
): Promise<void> {
  if (entries.length === 0) return;
  await RawDeviceLine.insertMany(
    entries.map((e) => ({
      deviceId: new Types.ObjectId(deviceId),
      table,
      line: e.line.slice(0, 2000),
      reason: e.reason,
    })),
  );
}

/** The employee codes (PINs) of an ATTLOG push, for naming whom a refused push concerned. */
export function employeeCodesOfPush(table: string, body: string): string[] {
  if (table.toUpperCase() !== 'ATTLOG') return [];
  return body
    .split(/\r?\n/)
    .map((line) => line.split('\t')[0]?.trim() ?? '')
    .filter((pin) => pin !== '');
}

/**
 * `POST /iclock/cdata?SN=...&table=ATTLOG`. Every line is acknowledged (`OK: <lines>`), so the
 * terminal never re-sends forever; lines that cannot be used are kept raw with the reason.
 * Other tables (OPERLOG, ATTPHOTO, ...) are acknowledged and not stored.
 */
export async function receiveDeviceData(
  device: AuthenticatedDevice,
  table: string,
  body: string,
): Promise<string> {
  const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (table.toUpperCase() !== 'ATTLOG') {
    await markDeviceSeen(device.id);
    return `OK: ${lines.length}`;
  }
  const parsed = lines.map(parseAttlogLine);
  const usable = parsed.filter((p) => p.event);
  const result = await ingestDeviceEvents(
    device,
    usable.map((p) => p.event),
    'iclock',
  );
  await keepRaw(device.id, 'ATTLOG', [
    ...parsed.filter((p) => p.problem).map((p) => ({ line: p.line, reason: p.problem ?? '' })),
    ...result.rejected.map((r) => ({ line: usable[r.index]?.line ?? '', reason: r.reason })),
  ]);
  return `OK: ${lines.length}`;
}
