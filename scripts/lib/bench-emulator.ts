// The emulator as its own process, as `npm start` runs it, for the benchmark and the kill -9
// test: `tsx scripts/lib/bench-emulator.ts <dataDir>` prints one line `{"url": ...}` once it
// listens. Timers stay off so that nothing but the caller moves stock.
import { startEmulator } from '../../emulator/server';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: bench-emulator <dataDir>');
  const emulator = await startEmulator({ port: 0, dataDir, seed: true, timers: false });
  process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
  process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
