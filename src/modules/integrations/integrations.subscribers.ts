import { onDomainEvent } from '../../lib/domain-events';
import { now } from '../../lib/clock';
import { dayClosedEvent, decisionEvent, eventsForChange, leaveEvent } from './event-mapping';
import { recordIntegrationEvent } from './events.service';

/**
 * The integrations outbox listens to what other modules announce and records the events
 * integrations see; every record has its own key, so an announcement heard twice is stored once.
 */
export function subscribeIntegrationsToEvents(): void {
  onDomainEvent('change.recorded', async (change) => {
    for (const event of eventsForChange(change)) await recordIntegrationEvent(event);
  });
  onDomainEvent('leave.submitted', async (payload) => {
    await recordIntegrationEvent(leaveEvent('leave.requested', payload, now()));
  });
  onDomainEvent('leave.decided', async (payload) => {
    const event = decisionEvent(payload, now());
    if (event) await recordIntegrationEvent(event);
  });
  onDomainEvent('leave.cancelled', async (payload) => {
    await recordIntegrationEvent(leaveEvent('leave.cancelled', payload, now()));
  });
  onDomainEvent('attendance.days_closed', async ({ days }) => {
    const at = now();
    for (const day of days) await recordIntegrationEvent(dayClosedEvent(day, at));
  });
}
