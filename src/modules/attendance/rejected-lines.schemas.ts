import { s } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';

/** Lines a device pushed that could not be used, kept RAW_DEVICE_LINES_DAYS for review. */
export const RejectedLinesQuery = s.object({ ...PAGE_QUERY });

export const RejectedLineShape = s
  .object({
    id: s.id(),
    table: s.str().example('ATTLOG'),
    line: s.str().example('9999\t2026-11-23 08:57:12\t0\t1\t0'),
    reason: s.str().example('unknown PIN 9999'),
    at: s.dateTime().describe('When the device pushed it'),
  })
  .named('RejectedDeviceLine');

export const RejectedLinesPage = pageOf(RejectedLineShape);
