import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { setConfigForTests } from '../../src/config';
import { resetMailTransport } from '../../src/lib/mailer';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on a free local port; the app's mailer is pointed at it, so tests see the
 * message exactly as nodemailer sent it over the wire.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        waiters.splice(0).forEach((wake) => wake());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  setConfigForTests({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'HR <hr@example.com>' });
  resetMailTransport();

  return {
    received,
    /** Resolves with the first message to `address`, waiting up to `timeoutMs` for it to arrive. */
    async waitFor(address: string, timeoutMs = 5000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.to.includes(address));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No mail to ${address} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    async stop(): Promise<void> {
      resetMailTransport();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Quoted-printable soft line breaks and `=3D` escapes undone, enough to read a token from a body. */
export function decodeBody(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}
