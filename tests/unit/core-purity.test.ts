// src/core is shared by the mini-program and the cloud functions, so it may not touch Taro,
// wx, Node's I/O or the network: only zod, dayjs and its own modules.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const coreDir = join(__dirname, '..', '..', 'src', 'core');
const ALLOWED_PACKAGES = ['zod', 'dayjs'];
const FORBIDDEN_GLOBALS = /\b(wx|Taro|process|require|fetch|XMLHttpRequest|localStorage|setTimeout)\s*[.(]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1] ?? match[2],
  );
}

describe('src/core purity', () => {
  const files = sourceFiles(coreDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files.map((file) => [relative(coreDir, file), file]))('%s imports only core modules, zod and dayjs', (_name, file) => {
    const offending = importsOf(readFileSync(file, 'utf8')).filter(
      (spec) => !spec.startsWith('./') && !spec.startsWith('../') && !ALLOWED_PACKAGES.some((pkg) => spec === pkg || spec.startsWith(`${pkg}/`)),
    );
    expect(offending).toEqual([]);
  });

  it.each(files.map((file) => [relative(coreDir, file), file]))('%s uses no platform or I/O globals', (_name, file) => {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(FORBIDDEN_GLOBALS);
  });

  it('catches a forbidden import when one is written', () => {
    expect(importsOf("import Taro from '@tarojs/taro';")).toEqual(['@tarojs/taro']);
    expect(FORBIDDEN_GLOBALS.test('wx.request({})')).toBe(true);
  });
});
