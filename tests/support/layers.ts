// The project's layers and what each may import, and a checker that reads imports with the
// TypeScript compiler (import and export declarations, import-equals, require() and import() with
// a literal name), resolves the @/ and @core/ aliases and relative paths, and names every import
// that leaves its layer. tests/unit/layering.test.ts runs it over the tree.
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import ts from 'typescript';

export const ROOT = join(__dirname, '..', '..');

/** Where an import leads: a package by name, or a path relative to the repository root (no extension). */
export type Target = { kind: 'package'; name: string } | { kind: 'builtin'; name: string } | { kind: 'file'; path: string };

export interface Import {
  specifier: string;
  line: number;
  target: Target;
}

interface Layer {
  name: string;
  /** The files of the layer: repository paths under these folders. */
  folders: string[];
  /** Packages it may import: exact names, a scope such as `@tarojs/`, or `*` for any. */
  packages: string[];
  builtins: boolean;
  /** Folders of the repository it may import from, besides `own` below (`*`: any). */
  paths: string[];
  /** The folder a file's own imports may reach anywhere inside: its function, its subpackage. */
  own: (file: string) => string;
  /** Folders it may never import from, even through a path allowed above. */
  never?: string[];
  rule: string;
}

const firstTwo = (file: string) => file.split('/').slice(0, 2).join('/');
const firstThree = (file: string) => file.split('/').slice(0, 3).join('/');

export const LAYERS: Layer[] = [
  {
    name: 'core',
    folders: ['src/core'],
    packages: ['zod', 'dayjs'],
    builtins: false,
    paths: [],
    own: () => 'src/core',
    rule: 'src/core imports only zod, dayjs and src/core',
  },
  {
    name: 'api',
    folders: ['src/api'],
    packages: ['@tarojs/'],
    builtins: false,
    paths: ['src/core'],
    own: () => 'src/api',
    rule: 'src/api imports only src/core, Taro and src/api',
  },
  {
    name: 'pages',
    folders: ['src/pages', 'src/packages', 'src/components'],
    packages: ['@tarojs/', 'react'],
    builtins: false,
    paths: ['src/api', 'src/core', 'src/components', 'src/utils'],
    // src/pages is the main package; each folder of src/packages is a subpackage of its own.
    own: (file) => (file.startsWith('src/packages/') ? firstThree(file) : firstTwo(file)),
    rule: 'pages import only Taro, React, src/api, src/core, src/components, src/utils and their own package',
  },
  {
    name: 'functions',
    folders: ['cloudfunctions'],
    // zod is the contracts' language: the handler factory validates with it and functions name
    // contract types with z.infer, as src/core does.
    // exceljs: the shipping function writes and reads .xlsx sheets (bundled in, not installed).
    packages: ['wx-server-sdk', 'zod', 'exceljs'],
    builtins: true,
    paths: ['cloudfunctions/_shared', 'src/core'],
    own: firstTwo,
    rule: 'a cloud function imports only _shared, src/core, wx-server-sdk, zod, Node builtins and its own folder',
  },
  {
    name: 'emulator',
    folders: ['emulator'],
    packages: ['*'],
    builtins: true,
    paths: ['*'],
    own: () => 'emulator',
    never: ['cloudfunctions'],
    rule: 'the emulator never imports the functions’ source (it runs the built ones from dist)',
  },
];

/** An import allowed across its layer's rule, with the reason; the test fails when one is no longer used. */
export interface Exception {
  from: string;
  specifier: string;
  why: string;
}

export const EXCEPTIONS: Exception[] = [
  {
    from: 'cloudfunctions/payNotify/index.ts',
    specifier: '../orders/payment-notices',
    why: 'payNotify is the orders function’s WeChat Pay callback, a function of its own only because WeChat Pay calls one by name; it applies notices with the orders store',
  },
  {
    from: 'cloudfunctions/campaigns/settle.ts',
    specifier: '../orders/campaign-settle',
    why: 'a campaign’s settlement moves orders’ money (refunds, 待退差价), which only the orders store may write; 截团 and 已退 run that same module the orders timer runs',
  },
  {
    from: 'cloudfunctions/shipping/import.ts',
    specifier: '../orders/store',
    why: 'batch shipping changes orders’ state, which only the orders store may write (one conditional write per order, with WeChat’s shipping record)',
  },
  {
    from: 'cloudfunctions/shipping/select.ts',
    specifier: '../orders/store',
    why: 'the workspace reads orders as the orders store does (its collection and the defaults of older orders)',
  },
  {
    from: 'cloudfunctions/shipping/workspace.ts',
    specifier: '../orders/store',
    why: 'the workspace checks the same permission as the orders function’s vendor actions',
  },
];

const BUILTINS = new Set(builtinModules);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Where `specifier`, imported by the repository file `file`, leads. */
export function resolveImport(file: string, specifier: string): Target {
  if (specifier.startsWith('.')) return { kind: 'file', path: posix.normalize(posix.join(posix.dirname(file), specifier)) };
  if (specifier.startsWith('@core/')) return { kind: 'file', path: posix.join('src/core', specifier.slice('@core/'.length)) };
  if (specifier.startsWith('@/')) return { kind: 'file', path: posix.join('src', specifier.slice(2)) };
  if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return { kind: 'builtin', name: specifier };
  return { kind: 'package', name: packageName(specifier) };
}

/** Every import of a source text, by the compiler's reading. */
export function importsOf(file: string, source: string): Import[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (literal: ts.Node) => {
    if (!ts.isStringLiteralLike(literal)) return;
    const line = sourceFile.getLineAndCharacterOfPosition(literal.getStart()).line + 1;
    found.push({ specifier: literal.text, line, target: resolveImport(file, literal.text) });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

const inside = (path: string, folder: string) => folder === '*' || path === folder || path.startsWith(`${folder}/`);

export function layerOf(file: string): Layer | undefined {
  return LAYERS.find((layer) => layer.folders.some((folder) => inside(file, folder)));
}

function allowed(layer: Layer, file: string, target: Target): boolean {
  switch (target.kind) {
    case 'builtin':
      return layer.builtins;
    case 'package':
      return layer.packages.some((name) => name === '*' || (name.endsWith('/') ? target.name.startsWith(name) : target.name === name));
    case 'file':
      if (layer.never?.some((folder) => inside(target.path, folder))) return false;
      return inside(target.path, layer.own(file)) || layer.paths.some((folder) => inside(target.path, folder));
  }
}

/** The imports of one file that leave its layer, as "file:line imports 'x' (rule)"; none for a file in no layer. */
export function violations(file: string, source: string, exceptions: readonly Exception[] = EXCEPTIONS): string[] {
  const layer = layerOf(file);
  if (!layer) return [];
  return importsOf(file, source)
    .filter(({ target }) => !allowed(layer, file, target))
    .filter(({ specifier }) => !exceptions.some((exception) => exception.from === file && exception.specifier === specifier))
    .map(({ specifier, line }) => `${file}:${line} imports '${specifier}' (${layer.rule})`);
}

const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

/** The repository's source files (paths from the root) under `folder`. */
export function sourceFiles(folder: string, readdir: (dir: string) => { name: string; isDirectory(): boolean }[]): string[] {
  return readdir(join(ROOT, folder)).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path, readdir);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
