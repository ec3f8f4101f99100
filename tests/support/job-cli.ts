import { spawn } from 'node:child_process';
import path from 'node:path';
import mongoose from 'mongoose';
import { testDatabaseUri } from './database';

/** `npm run job -- <name> --date <date>` as a child process against the test file's database; its stdout. */
export function runJobCli(name: string, date: string): Promise<string> {
  const root = path.resolve(__dirname, '..', '..');
  const dbName = mongoose.connection.db!.databaseName;
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['src/jobs/cli.ts', name, '--date', date],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'test',
          MONGODB_URI: `${testDatabaseUri()}/${dbName}`,
        },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
  });
}
