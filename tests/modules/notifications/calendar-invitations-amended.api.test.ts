import { setClockForTests } from '../../../src/lib/clock';
import { processOutbox } from '../../../src/modules/notifications';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { invitationsIn } from '../../support/invitations';
import { amendmentHelpers } from '../../support/leave-amendments';
import { startSmtpSink } from '../../support/smtp-sink';

/**
 * An amendment updates the invitation in people's calendars once it takes effect: the same UID, a
 * higher SEQUENCE, the new dates. An amendment still waiting for an approver changes nothing there.
 */
useTestDatabase();
const app = testApp();
const { setUp, amend, decideAmendment } = amendmentHelpers(app);
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
  setClockForTests(undefined);
});
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));

describe('calendar invitations for amended leave', () => {
  it('when approved leave is shortened then the employee gets an update with the same UID, a higher SEQUENCE and the new dates', async () => {
    const { org, id } = await setUp({ startDate: '2026-12-07', endDate: '2026-12-11' });
    await processOutbox();
    await amend(org.direct, id, {
      startDate: '2026-12-07',
      endDate: '2026-12-09',
      reason: 'Back early',
    }).expect(200);
    await processOutbox();
    const [approved, updated, ...more] = invitationsIn(sink, org.direct);
    expect(more).toHaveLength(0);
    expect(approved).toMatchObject({ method: 'REQUEST', start: '2026-12-07', end: '2026-12-12' });
    expect(updated).toMatchObject({
      method: 'REQUEST',
      uid: approved!.uid,
      start: '2026-12-07',
      end: '2026-12-10',
    });
    expect(updated!.sequence).toBeGreaterThan(approved!.sequence);
  });

  it('when an extension waits for an approver then no update is sent; once approved it is', async () => {
    const { org, id } = await setUp({ startDate: '2026-12-07', endDate: '2026-12-08' });
    await processOutbox();
    await amend(org.direct, id, {
      startDate: '2026-12-07',
      endDate: '2026-12-10',
      reason: 'Longer trip',
    }).expect(202);
    await processOutbox();
    expect(invitationsIn(sink, org.direct)).toHaveLength(1);
    await decideAmendment(org.manager, id, 'approve').expect(200);
    await processOutbox();
    const [approved, updated, ...more] = invitationsIn(sink, org.direct);
    expect(more).toHaveLength(0);
    expect(updated).toMatchObject({ uid: approved!.uid, end: '2026-12-11' });
    expect(updated!.sequence).toBeGreaterThan(approved!.sequence);
  });
});
