// Starts scripts/lib/bench-emulator.ts as a child process and waits for its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the signal that ended the process (null after a clean exit). */
  exited: Promise<NodeJS.Signals | null>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

export function spawnEmulator(dataDir: string): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'bench-emulator.ts'), dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  return new Promise((resolveStart, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      child.stdout?.off('data', onData);
      const { url } = JSON.parse(buffered.slice(0, newline)) as { url: string };
      resolveStart({
        url,
        child,
        exited,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    void exited.then((signal) => reject(new Error(`emulator exited before listening (${signal ?? child.exitCode})`)));
  });
}
