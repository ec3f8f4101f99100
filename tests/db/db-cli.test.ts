import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run db', () => {
  it('when started then its first stdout line is the URI, Mongoose can use it, and SIGTERM stops it', async () => {
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/db/cli.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DB_BACKEND: 'standin' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const firstLine = await new Promise<string>((resolve) => {
      createInterface({ input: child.stdout }).once('line', resolve);
    });
    expect(firstLine).toMatch(/^MONGODB_URI=mongodb:\/\/127\.0\.0\.1:\d+$/);

    const connection = await mongoose
      .createConnection(firstLine.slice('MONGODB_URI='.length), { dbName: 'cli_probe' })
      .asPromise();
    const Probe = connection.model('Probe', new mongoose.Schema({ n: Number }));
    await Probe.create({ n: 7 });
    expect((await Probe.findOne().lean())?.n).toBe(7);
    await connection.close();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
