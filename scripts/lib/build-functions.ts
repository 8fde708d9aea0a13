// Bundles each cloud function (cloudfunctions/<name>/index.ts) into a folder that WeChat DevTools
// can upload as it is: dist/cloudfunctions/<name>/{index.js, package.json, config.json}.
// wx-server-sdk stays external and pinned exactly: the cloud installs it from package.json.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const sourceRoot = join(root, 'cloudfunctions');
export const functionsOutRoot = join(root, 'dist', 'cloudfunctions');

/** Function folders: every folder with an index.ts; `_shared` and the like are libraries. */
export function functionNames(): string[] {
  return readdirSync(sourceRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .filter((entry) => existsSync(join(sourceRoot, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

function sdkVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version: string = pkg.dependencies['wx-server-sdk'];
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`wx-server-sdk must be pinned exactly, got ${version}`);
  return version;
}

export async function buildFunctions(): Promise<string[]> {
  const names = functionNames();
  const version = sdkVersion();
  for (const name of names) {
    const outDir = join(functionsOutRoot, name);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    await build({
      entryPoints: [join(sourceRoot, name, 'index.ts')],
      outfile: join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      // The cloud's Node 16 runtime is the oldest a function may meet.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
    });
    copyFileSync(join(sourceRoot, name, 'config.json'), join(outDir, 'config.json'));
    const manifest = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': version } };
    writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return names;
}
