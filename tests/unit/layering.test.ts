// Each layer imports only what it may (tests/support/layers.ts holds the rules): src/core stays
// pure and shared, pages reach the cloud only through src/api, each cloud function only through
// _shared and src/core, and the emulator runs the built functions, never their source.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXCEPTIONS, LAYERS, ROOT, importsOf, resolveImport, sourceFiles, violations } from '../support/layers';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const listDir = (dir: string) => readdirSync(dir, { withFileTypes: true });

describe('layering', () => {
  it.each(LAYERS.map((layer) => [layer.name, layer] as const))('%s: every import stays in its layer', (_name, layer) => {
    const files = layer.folders.flatMap((folder) => sourceFiles(folder, listDir));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((file) => violations(file, read(file)))).toEqual([]);
  });

  it.each(EXCEPTIONS.map((exception) => [`${exception.from} → ${exception.specifier}`, exception] as const))('the exception %s is still needed', (_name, exception) => {
    expect(violations(exception.from, read(exception.from), [])).toEqual([expect.stringContaining(`imports '${exception.specifier}'`)]);
  });

  describe('the checker', () => {
    it('reads imports, re-exports, import-equals, require() and import() with the compiler, not comments or strings', () => {
      const source = [
        "import Taro from '@tarojs/taro';",
        "import type { Reply } from '@core/contracts/define';",
        "export { formatFen } from '../core/money';",
        "import fs = require('fs');",
        "const sdk = require('wx-server-sdk');",
        "const later = () => import('./later');",
        "// import nothing from 'commented-out';",
        "const text = \"import x from 'in-a-string'\";",
      ].join('\n');
      expect(importsOf('src/api/x.ts', source).map(({ specifier, line }) => [specifier, line])).toEqual([
        ['@tarojs/taro', 1],
        ['@core/contracts/define', 2],
        ['../core/money', 3],
        ['fs', 4],
        ['wx-server-sdk', 5],
        ['./later', 6],
      ]);
    });

    it('resolves the @/ and @core/ aliases and relative paths to repository paths', () => {
      expect(resolveImport('src/pages/index/index.tsx', '@/packages/seller/goods')).toEqual({ kind: 'file', path: 'src/packages/seller/goods' });
      expect(resolveImport('src/pages/index/index.tsx', '@core/money')).toEqual({ kind: 'file', path: 'src/core/money' });
      expect(resolveImport('src/pages/index/index.tsx', '../../api/call')).toEqual({ kind: 'file', path: 'src/api/call' });
      expect(resolveImport('cloudfunctions/shop/index.ts', 'node:crypto')).toEqual({ kind: 'builtin', name: 'node:crypto' });
      expect(resolveImport('src/api/call.ts', '@tarojs/taro/types')).toEqual({ kind: 'package', name: '@tarojs/taro' });
    });

    it('names each import that leaves its layer, with its line and the rule', () => {
      expect(violations('src/core/x.ts', "import { z } from 'zod';\nimport Taro from '@tarojs/taro';\nimport { call } from '@/api/call';")).toEqual([
        "src/core/x.ts:2 imports '@tarojs/taro' (src/core imports only zod, dayjs and src/core)",
        "src/core/x.ts:3 imports '@/api/call' (src/core imports only zod, dayjs and src/core)",
      ]);
      expect(violations('src/api/x.ts', "import { useState } from 'react';\nimport { database } from '../../cloudfunctions/_shared/db';")).toHaveLength(2);
      expect(violations('cloudfunctions/payNotify/x.ts', "import { findOrder } from '../orders/store';\nimport { database } from '../_shared/db';\nimport cloud from 'wx-server-sdk';")).toEqual([
        "cloudfunctions/payNotify/x.ts:1 imports '../orders/store' (a cloud function imports only _shared, src/core, wx-server-sdk, zod, Node builtins and its own folder)",
      ]);
      expect(violations('emulator/functions/x.ts', "import { main } from '../../cloudfunctions/orders';\nimport { join } from 'node:path';")).toEqual([
        "emulator/functions/x.ts:1 imports '../../cloudfunctions/orders' (the emulator never imports the functions’ source (it runs the built ones from dist))",
      ]);
    });

    it('keeps each subpackage to itself and the main package out of subpackages', () => {
      const page = "import { OrderCard } from '../../../components/order';\nimport { Row } from '../goods/row';\nimport { Cart } from '../../buyer/cart/list';";
      expect(violations('src/packages/seller/orders/index.tsx', page)).toEqual([expect.stringContaining("imports '../../buyer/cart/list'")]);
      expect(violations('src/pages/index/index.tsx', "import { Banner } from '../product/banner';\nimport { Quick } from '@/packages/seller/quick';")).toEqual([
        expect.stringContaining("imports '@/packages/seller/quick'"),
      ]);
    });
  });
});

// src/core runs in the mini-program and in the functions alike, so besides its imports it may not
// reach for platform or I/O globals.
describe('src/core purity', () => {
  const FORBIDDEN_GLOBALS = /\b(wx|Taro|process|require|fetch|XMLHttpRequest|localStorage|setTimeout)\s*[.(]/;
  const files = sourceFiles('src/core', listDir);

  it.each(files)('%s uses no platform or I/O globals', (file) => {
    const code = read(file)
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(FORBIDDEN_GLOBALS);
  });

  it('catches a platform global when one is used', () => {
    expect(FORBIDDEN_GLOBALS.test('wx.request({})')).toBe(true);
  });
});
