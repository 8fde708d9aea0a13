// `npm run deploy` against a recorded stand-in of the CloudBase management SDK
// (tests/support/fake-cloud-manager.ts): a first run provisions everything the repository
// declares, a second run changes nothing, and a drifted environment gets back exactly what differs.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deploy } from '../../scripts/lib/deploy/apply';
import { codeDescription, readPlan, type DeployPlan } from '../../scripts/lib/deploy/plan';
import { functionNames, functionsOutRoot } from '../../scripts/lib/build-functions';
import { TEMPLATE_ENV_NAMES } from '../../src/core/notify';
import { fakeCloud, WRITES, type FakeCloud } from '../support/fake-cloud-manager';

const root = join(__dirname, '..', '..');
interface ManifestIndex {
  name: string;
  keys: Record<string, number>;
  unique?: boolean;
}
const manifest = JSON.parse(readFileSync(join(root, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: { name: string; indexes?: ManifestIndex[] }[] };
const configOf = (name: string) => JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as { timeout: number; triggers: { name: string; type: string; config: string }[] };
const TEMPLATE_VARS = Object.fromEntries(Object.values(TEMPLATE_ENV_NAMES).map((name) => [name, `real-${name.toLowerCase()}`]));

const planWith = (environment: Record<string, string | undefined>): DeployPlan => readPlan({ root, functionRoot: functionsOutRoot, environment });
const writes = (cloud: FakeCloud) => cloud.calls.filter((call) => WRITES.includes(call.method));
const callsTo = (cloud: FakeCloud, method: string) => cloud.calls.filter((call) => call.method === method);

describe('npm run deploy', () => {
  it('provisions an empty environment: every collection, every index with its unique flag, every function with its timeout, variables and triggers', async () => {
    const cloud = fakeCloud();
    const changes = await deploy(cloud.manager, planWith(TEMPLATE_VARS));

    expect(callsTo(cloud, 'createCollectionIfNotExists').map((call) => call.args[0])).toEqual(manifest.collections.map((collection) => collection.name));
    for (const collection of manifest.collections) {
      const created = callsTo(cloud, 'updateCollection').filter((call) => call.args[0] === collection.name).flatMap((call) => (call.args[1] as any).CreateIndexes ?? []);
      expect(created).toEqual(
        (collection.indexes ?? []).map((index) => ({
          IndexName: index.name,
          MgoKeySchema: { MgoIndexKeys: Object.entries(index.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })), MgoIsUnique: Boolean(index.unique) },
        })),
      );
    }
    // The index that makes placing an order idempotent reaches the cloud as unique.
    expect(cloud.collections.get('orders')).toContainEqual({ Name: 'buyer_request', Keys: [{ Name: 'buyerOpenId', Direction: '1' }, { Name: 'requestId', Direction: '1' }], Unique: true });

    const created = callsTo(cloud, 'createFunction').map((call) => call.args[0] as any);
    expect(created.map((param) => param.func.name)).toEqual(functionNames());
    for (const param of created) {
      const config = configOf(param.func.name);
      expect(param.functionRootPath).toBe(functionsOutRoot);
      expect(param.func).toMatchObject({ timeout: config.timeout, installDependency: true, handler: 'index.main', triggers: config.triggers });
    }
    const orders = created.find((param) => param.func.name === 'orders');
    expect(orders.func.triggers.map((trigger: any) => trigger.name)).toEqual(['expireUnpaid', 'autoComplete']);
    expect(orders.func.envVariables).toEqual(TEMPLATE_VARS);
    expect(created.find((param) => param.func.name === 'payNotify').func.envVariables).toEqual(TEMPLATE_VARS);
    expect(created.find((param) => param.func.name === 'shop').func.envVariables).toEqual({});
    expect(cloud.functions.get('orders')!.Triggers.map((trigger) => trigger.TriggerName)).toEqual(['expireUnpaid', 'autoComplete']);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('changes nothing when run again against the environment the first run left', async () => {
    const cloud = fakeCloud();
    await deploy(cloud.manager, planWith(TEMPLATE_VARS));
    cloud.calls.length = 0;
    const lines: string[] = [];

    const changes = await deploy(cloud.manager, planWith(TEMPLATE_VARS), (line) => lines.push(line));

    expect(changes).toEqual([]);
    expect(writes(cloud)).toEqual([]);
    expect(callsTo(cloud, 'getFunctionDetail')).toHaveLength(functionNames().length);
    expect(lines.at(-1)).toMatch(/Nothing to change/);
    // Nor when the template ids are not in this shell: the cloud keeps the ones it has.
    const again = await deploy(cloud.manager, planWith({}));
    expect(again).toEqual([]);
    expect(writes(cloud)).toEqual([]);
  });

  it('puts back exactly what drifted: a unique flag, a missing index and collection, a timeout, a variable, a trigger, the code', async () => {
    const cloud = fakeCloud();
    await deploy(cloud.manager, planWith(TEMPLATE_VARS));
    const orderIndexes = cloud.collections.get('orders')!;
    orderIndexes.find((index) => index.Name === 'buyer_request')!.Unique = false;
    orderIndexes.splice(orderIndexes.findIndex((index) => index.Name === 'state_expires'), 1);
    orderIndexes.push({ Name: 'made_by_hand', Keys: [{ Name: 'note', Direction: '1' }], Unique: false });
    cloud.collections.delete('addresses');
    const orders = cloud.functions.get('orders')!;
    orders.Timeout = 3;
    orders.Environment.Variables.push({ Key: 'SET_IN_CONSOLE', Value: 'kept' });
    orders.Triggers.find((trigger) => trigger.TriggerName === 'autoComplete')!.TriggerDesc = JSON.stringify({ cron: '0 0 * * * * *' });
    orders.Triggers.push({ TriggerName: 'retired', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 0 1 * * * *' }) });
    cloud.functions.get('goods')!.Description = codeDescription('older');
    cloud.calls.length = 0;
    const lines: string[] = [];

    const changes = await deploy(cloud.manager, planWith({ ...TEMPLATE_VARS, TMPL_ORDER_PAID: 'newer-paid' }), (line) => lines.push(line));

    // The new paid-notice template id reaches every function that reads it, and only those.
    const readingPaid = planWith({}).functions.filter((fn) => fn.env.some((variable) => variable.name === 'TMPL_ORDER_PAID')).map((fn) => `function ${fn.name}`);
    expect(readingPaid).toEqual(expect.arrayContaining(['function orders', 'function payNotify']));
    const expected = ['collection addresses', 'collection addresses', 'collection orders', 'collection orders', 'function goods', 'function orders', 'function orders', ...readingPaid];
    expect(changes.map((change) => change.target).sort()).toEqual(expected.sort());
    expect(callsTo(cloud, 'updateCollection').map((call) => call.args)).toEqual([
      ['orders', { DropIndexes: [{ IndexName: 'buyer_request' }] }],
      ['orders', { CreateIndexes: [expect.objectContaining({ IndexName: 'buyer_request', MgoKeySchema: expect.objectContaining({ MgoIsUnique: true }) }), expect.objectContaining({ IndexName: 'state_expires' })] }],
      ['addresses', { CreateIndexes: [expect.objectContaining({ IndexName: 'buyer_updated' })] }],
    ]);
    expect(cloud.collections.get('orders')!.find((index) => index.Name === 'buyer_request')!.Unique).toBe(true);
    expect(lines).toContain('  collection orders: index made_by_hand is not in collections.json (left alone)');
    expect(callsTo(cloud, 'updateFunctionCode').map((call) => (call.args[0] as any).func.name)).toEqual(['goods']);
    expect(callsTo(cloud, 'deleteFunctionTrigger').map((call) => call.args)).toEqual([
      ['orders', 'autoComplete'],
      ['orders', 'retired'],
    ]);
    expect(callsTo(cloud, 'createFunctionTriggers').map((call) => call.args)).toEqual([['orders', [{ name: 'autoComplete', type: 'timer', config: '30 * * * * * *' }]]]);
    const ordersVars = Object.fromEntries(cloud.functions.get('orders')!.Environment.Variables.map((variable) => [variable.Key, variable.Value]));
    expect(ordersVars).toEqual({ ...TEMPLATE_VARS, TMPL_ORDER_PAID: 'newer-paid', SET_IN_CONSOLE: 'kept' });
    expect(cloud.functions.get('orders')!.Timeout).toBe(configOf('orders').timeout);

    cloud.calls.length = 0;
    expect(await deploy(cloud.manager, planWith({ ...TEMPLATE_VARS, TMPL_ORDER_PAID: 'newer-paid' }))).toEqual([]);
    expect(writes(cloud)).toEqual([]);
  });

  it('--dry-run prints every collection, index with its unique flag, function, trigger and variable name, without credentials', async () => {
    const environment = { ...process.env };
    for (const name of ['CLOUD_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', ...Object.values(TEMPLATE_ENV_NAMES)]) delete environment[name];
    const { stdout } = await promisify(execFile)(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'deploy.ts'), '--dry-run'], { cwd: root, env: environment });
    const lines = stdout.split('\n');

    for (const collection of manifest.collections) {
      expect(lines).toContain(`  ${collection.name}`);
      for (const index of collection.indexes ?? []) {
        expect(lines.some((line) => line.startsWith(`    index ${index.name} ${index.unique ? 'UNIQUE' : 'non-unique'}: `))).toBe(true);
      }
    }
    expect(lines).toContain('    index buyer_request UNIQUE: buyerOpenId asc, requestId asc');
    for (const name of functionNames()) {
      const config = configOf(name);
      expect(lines.some((line) => line.startsWith(`  ${name}: timeout ${config.timeout}s`))).toBe(true);
      for (const trigger of config.triggers) expect(lines).toContain(`    trigger ${trigger.name} (${trigger.type}): ${trigger.config}`);
    }
    for (const name of Object.values(TEMPLATE_ENV_NAMES)) expect(stdout).toContain(`env ${name} (NOT set here`);
    expect(stdout).toMatch(/nothing was read from or sent to the cloud/);
  });
});
