import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningDatabase } from './types';

/**
 * The offline stand-in: mongo-java-server launched by tools/mongo-standin/StandIn.java.
 * Maven resolves its jars once (cached in ~/.m2, classpath in target/), javac compiles the
 * launcher once; later starts only pay JVM start-up.
 */
export const STANDIN_DIR = path.resolve(__dirname, '..', '..', 'tools', 'mongo-standin');
const TARGET = path.join(STANDIN_DIR, 'target');
const CLASSPATH_FILE = path.join(TARGET, 'classpath.txt');
const CLASSES = path.join(TARGET, 'classes');
const START_TIMEOUT_MS = 60_000;

function isStale(output: string, input: string): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < statSync(input).mtimeMs;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: STANDIN_DIR, encoding: 'utf8' });
  if (result.error) throw new Error(`Cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
}

/** Fetches the jars (first time only, needs Maven Central) and compiles the launcher. Idempotent. */
export function prepareStandIn(): void {
  mkdirSync(CLASSES, { recursive: true });
  if (isStale(CLASSPATH_FILE, path.join(STANDIN_DIR, 'pom.xml'))) {
    run('mvn', ['-q', '-B', 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`]);
  }
  const source = path.join(STANDIN_DIR, 'StandIn.java');
  if (isStale(path.join(CLASSES, 'StandIn.class'), source)) {
    run('javac', ['-d', CLASSES, '-cp', readClasspath(), source]);
  }
}

function readClasspath(): string {
  return readFileSync(CLASSPATH_FILE, 'utf8').trim();
}

/**
 * Starts the stand-in on `port` (0: the system picks a free port). It keeps everything in the JVM
 * heap, so big data sets (the 10,000-employee benchmark) need `maxHeapMb` above the JVM default.
 */
export async function startStandIn(port = 0, options: { maxHeapMb?: number } = {}): Promise<RunningDatabase> {
  prepareStandIn();
  const classpath = [CLASSES, readClasspath()].join(path.delimiter);
  const child = spawn(
    'java',
    [
      '-XX:+UseSerialGC',
      ...(options.maxHeapMb ? [`-Xmx${options.maxHeapMb}m`] : []),
      '-cp',
      classpath,
      'StandIn',
      '127.0.0.1',
      String(port),
      '--exit-on-stdin-eof',
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The stand-in did not start within 60 s')),
      START_TIMEOUT_MS,
    );
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^MONGODB_URI=(\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The stand-in exited with code ${String(code)}: ${stderr.join('').trim()}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    uri,
    backend: 'standin',
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
