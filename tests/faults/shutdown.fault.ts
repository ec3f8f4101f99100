import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { queueEmails } from '../../src/modules/notifications/outbox.service';
import { OutboxEmail } from '../../src/modules/notifications/outbox-email.model';
import { useTestDatabase } from '../support/database';
import { startApi, waitFor } from './support/api-process';

/** SIGTERM stops the scheduler and the email pump, and waits for the email being sent. */
useTestDatabase();

describe('graceful shutdown', () => {
  it('when SIGTERM arrives mid mail send then the process waits for that email, records it sent, and exits 0', async () => {
    let acknowledge: (() => void) | undefined;
    let accepted = 0;
    const sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          // Held until the test lets it through, so the send is in progress during shutdown.
          acknowledge = () => {
            accepted++;
            callback();
          };
        });
      },
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    try {
      const key = `shutdown-${randomBytes(3).toString('hex')}`;
      await queueEmails([{ key, to: 'a@example.com', subject: 'S', text: 'T' }]);
      const api = await startApi({
        JOBS_ENABLED: 'true',
        LOG_LEVEL: 'info',
        LEASE_SECONDS: '60',
        SMTP_URL: `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`,
      });
      await waitFor('the mail to be in flight', () => acknowledge);
      const exit = api.stop();
      await waitFor('shutdown to begin', () => api.output.some((line) => line.includes('Shutting down')));
      expect(await OutboxEmail.findOne({ key }).lean()).toMatchObject({ status: 'pending' });
      acknowledge!();
      expect(await exit).toBe(0);
      expect(accepted).toBe(1);
      const email = await OutboxEmail.findOne({ key }).lean();
      expect(email).toMatchObject({ status: 'sent', sendCount: 1 });
      expect(email!.leaseUntil).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  });
});
