import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { RANGE_PATTERN } from './ip-ranges';

export const DeviceUpdateBody = s
  .object({
    name: s.text({ max: 100 }).optional(),
    location: s.text({ max: 200 }).nullable().optional().describe('null clears it'),
    timezone: s.timeZone().optional(),
    allowedIps: s
      .array(
        s
          .string({ max: 49, pattern: RANGE_PATTERN, hint: 'must be an IP address or CIDR range' })
          .example('10.20.0.0/24'),
        { max: 100 },
      )
      .optional()
      .describe(
        'Addresses the device may send from (CIDR ranges or single addresses, IPv4 or IPv6). A ZKTeco push or a device-key request from elsewhere is refused and raises an unknown_source exception. Empty: any address.',
      )
      .example(['10.20.0.0/24', '2001:db8:20::/48']),
  })
  .nonEmpty()
  .named('DeviceUpdate');
export type DeviceUpdateInput = Infer<typeof DeviceUpdateBody>;
