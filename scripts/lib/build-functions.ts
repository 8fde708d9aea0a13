// Bundles each cloud function (cloudfunctions/<name>/index.ts) into a folder that WeChat DevTools
// can upload as it is: dist/cloudfunctions/<name>/{index.js, package.json, config.json}.
// wx-server-sdk stays external and pinned exactly: the cloud installs it from package.json.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Writes a file only when its bytes change, through a rename: a jest run (or `npm start`) using
 * the functions while another build runs always loads a whole file, old or new, never a half one.
 */
function writeIfChanged(file: string, content: string | Uint8Array): void {
  const bytes = Buffer.from(content);
  if (existsSync(file) && readFileSync(file).equals(bytes)) return;
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}

export async function buildFunctions(): Promise<string[]> {
  const names = functionNames();
  const version = sdkVersion();
  mkdirSync(functionsOutRoot, { recursive: true });
  for (const stale of readdirSync(functionsOutRoot).filter((name) => !names.includes(name))) {
    rmSync(join(functionsOutRoot, stale), { recursive: true, force: true });
  }
  for (const name of names) {
    const outDir = join(functionsOutRoot, name);
    mkdirSync(outDir, { recursive: true });
    const result = await build({
      entryPoints: [join(sourceRoot, name, 'index.ts')],
      outfile: join(outDir, 'index.js'),
      bundle: true,
      write: false,
      platform: 'node',
      // The cloud's Node 16 runtime is the oldest a function may meet.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
    });
    for (const output of result.outputFiles) writeIfChanged(output.path, output.contents);
    writeIfChanged(join(outDir, 'config.json'), readFileSync(join(sourceRoot, name, 'config.json')));
    const manifest = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': version } };
    writeIfChanged(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return names;
}
