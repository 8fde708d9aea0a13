// `npm start`: builds what is missing, then runs the local cloud with the demo shop and
// prints where the storefront is.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildFunctions } from './lib/build-functions';
import { startEmulator } from '../emulator/server';
import { DEMO_SHOP_ID } from '../emulator/seed/demo';

const root = resolve(__dirname, '..');
export const DEFAULT_PORT = 8787;

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'h5', 'index.html'))) {
    console.log('Building the H5 storefront (first start only, about 20 s)...');
    execSync('npx taro build --type h5', { cwd: root, stdio: 'inherit' });
  }
  // Functions build in about a second, so always rebuild: no stale function ever runs.
  await buildFunctions();

  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  const emulator = await startEmulator({
    port,
    host: process.env.HOST,
    dataDir: process.env.CACTUS_DATA ?? join(root, '.data'),
    seed: true,
    demoCampaign: true,
  });
  console.log(`\n仙人掌小店 is running locally.`);
  console.log(`  Storefront (H5):   ${emulator.url}/#/pages/index/index?shopId=${DEMO_SHOP_ID}`);
  console.log(`  Cloud admin (SDK): ${emulator.adminUrl}`);
  console.log(`  Functions:         ${emulator.functions.names().join(', ')}`);
  console.log('Press Ctrl+C to stop.');

  const stop = () => {
    emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
