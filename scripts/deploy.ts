// `npm run deploy`: provisions a CloudBase environment from the repository — every collection and
// index of cloudfunctions/collections.json (unique ones included), every function built into
// dist/cloudfunctions with its config.json (timeout, timer triggers) and the subscribe-message
// template ids it reads (TMPL_* from this shell) — through @cloudbase/manager-node. Rerunning it
// changes only what differs (scripts/lib/deploy/apply.ts).
//
//   npm run deploy -- --dry-run      the plan; no credentials, no network
//   CLOUD_ENV=... TENCENTCLOUD_SECRETID=... TENCENTCLOUD_SECRETKEY=... npm run deploy -- --dry-run
//                                    the plan, then what would change in that environment (reads only)
//   CLOUD_ENV=... TENCENTCLOUD_SECRETID=... TENCENTCLOUD_SECRETKEY=... npm run deploy
import { resolve } from 'node:path';
import { buildFunctions, functionsOutRoot } from './lib/build-functions';
import { deploy, type CloudManager } from './lib/deploy/apply';
import { formatPlan, readPlan } from './lib/deploy/plan';

const root = resolve(__dirname, '..');

/** A manager that reads for real and only reports writes: the dry run against a live environment. */
function readOnly(manager: CloudManager): CloudManager {
  const skip = async () => ({ RequestId: 'dry-run' }) as never;
  return {
    database: {
      listCollections: (options) => manager.database.listCollections(options),
      describeCollection: (name) => manager.database.describeCollection(name),
      createCollectionIfNotExists: skip,
      updateCollection: skip,
    },
    functions: {
      listFunctions: (limit, offset) => manager.functions.listFunctions(limit, offset),
      getFunctionDetail: (name) => manager.functions.getFunctionDetail(name),
      createFunction: skip,
      updateFunctionCode: skip,
      updateFunctionConfig: skip,
      createFunctionTriggers: skip,
      deleteFunctionTrigger: skip,
      waitFunctionActive: async () => {},
    },
  };
}

async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  await buildFunctions();
  const plan = readPlan({ root, functionRoot: functionsOutRoot, environment: process.env });
  const envId = process.env.CLOUD_ENV;
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  const credentials = Boolean(envId && secretId && secretKey);
  console.log(`Plan${envId ? ` for ${envId}` : ''}:`);
  for (const line of formatPlan(plan)) console.log(line);
  if (dryRun && !credentials) {
    console.log('\nDry run: nothing was read from or sent to the cloud. Set CLOUD_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY to see what would change.');
    return;
  }
  if (!credentials) {
    console.error('\nSet CLOUD_ENV (the cloud environment id), TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (an API key of the Tencent Cloud account that owns it), or pass --dry-run.');
    process.exit(2);
  }
  // Loaded only here: a dry run needs neither the SDK nor credentials.
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const app = new CloudBase({ envId, secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined });
  const manager: CloudManager = { database: app.database, functions: app.functions };
  console.log(dryRun ? `\nWhat would change in ${envId} (dry run: nothing is written):` : `\nDeploying to ${envId}:`);
  await deploy(dryRun ? readOnly(manager) : manager, plan, (line) => console.log(line));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
