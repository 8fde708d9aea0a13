import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';

const root = path.resolve(__dirname, '..');
const platform = process.env.TARO_ENV ?? 'weapp';

/**
 * `TARO_APP_*` values compiled into the app. A value in the shell wins over the default here;
 * a value in a `.env*` file wins over both (Taro applies those files after this config).
 */
const appEnv = {
  /** The shop the buyer pages open when the link names none: the seeded demo shop. */
  TARO_APP_SHOP_ID: process.env.TARO_APP_SHOP_ID ?? 'demo-shop',
  /** CloudBase environment id for `Taro.cloud.init` (weapp); empty means the default one. */
  TARO_APP_CLOUD_ENV: process.env.TARO_APP_CLOUD_ENV ?? '',
  /** Origin of the local gateway for the H5 build; empty means the page's own origin. */
  TARO_APP_GATEWAY: process.env.TARO_APP_GATEWAY ?? '',
  /** Subscribe-message template ids from the mini-program's console; empty keeps src/core/notify.ts's local ids. */
  TARO_APP_TMPL_ORDER_PAID: process.env.TARO_APP_TMPL_ORDER_PAID ?? '',
  TARO_APP_TMPL_ORDER_SHIPPED: process.env.TARO_APP_TMPL_ORDER_SHIPPED ?? '',
  TARO_APP_TMPL_ORDER_CANCELLED: process.env.TARO_APP_TMPL_ORDER_CANCELLED ?? '',
  TARO_APP_TMPL_ORDER_REFUNDED: process.env.TARO_APP_TMPL_ORDER_REFUNDED ?? '',
  TARO_APP_TMPL_GROUP_SUCCEEDED: process.env.TARO_APP_TMPL_GROUP_SUCCEEDED ?? '',
  TARO_APP_TMPL_GROUP_FAILED: process.env.TARO_APP_TMPL_GROUP_FAILED ?? '',
  TARO_APP_TMPL_PICKUP_REMINDER: process.env.TARO_APP_TMPL_PICKUP_REMINDER ?? '',
};

/** Every file under `dir`, sorted, so the same tree always hashes the same. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/**
 * Version of the persistent cache: the inlined values, the `.env*` files Taro reads and the source
 * tree. The cache is only safe for a build of exactly what it was made from, as measured here:
 * webpack's cache does not follow DefinePlugin values (a changed TARO_APP_SHOP_ID over a warm cache
 * emitted pages with empty component modules), and after a source change a warm weapp build kept a
 * subpackage's shared chunk (packages/<name>/sub-common) from the old source, so a page called an
 * export that chunk did not have. A new version starts a fresh cache; an unchanged tree (npm start
 * after npm test, say) still builds from it.
 */
function cacheVersion(mode: string): string {
  const envFiles = ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`].map((name) => path.join(root, name));
  const hash = createHash('sha256').update(JSON.stringify(appEnv));
  for (const file of [...envFiles.filter((name) => existsSync(name)), ...filesUnder(path.join(root, 'src'))]) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  // Taro hands this object to webpack's `cache` as it is; its type just lacks `version`.
  const cache = {
    enable: true,
    version: cacheVersion(mode),
    buildDependencies: {
      config: [path.join(__dirname, 'dev.ts'), path.join(root, 'babel.config.js')],
    },
  };
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cactus',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Each platform has its own folder, so the weapp and H5 builds never overwrite each other.
    outputRoot: `dist/${platform}`,
    framework: 'react',
    compiler: 'webpack5',
    // The `@/` and `@core/` imports of tsconfig.json's `paths`.
    alias: { '@': path.join(root, 'src'), '@core': path.join(root, 'src', 'core') },
    env: Object.fromEntries(Object.entries(appEnv).map(([key, value]) => [key, JSON.stringify(value)])),
    // Filesystem cache, one per NODE_ENV-TARO_ENV (Taro's default name), under node_modules/.cache.
    cache,
    // WeChat reads mini-program code as UTF-8: Chinese text kept as is takes 3 bytes a character
    // instead of the 6 of a \uXXXX escape, which counts against the main package's budget.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    // Taro writes one template per element per nesting level into base.wxml (~2.7 KB a level,
    // all in the main package); no page nests deeper than 12, and deeper would still render
    // through Taro's recursive comp component.
    baseLevel: 12,
    mini: {
      // Component styles are scoped by class name, so the order of their chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        // src/core is pure (tests/unit/layering.test.ts): a module whose exports no page uses can
        // be left out, so the barrel '@core/contracts' brings only the contracts a package calls.
        chain.module.rule('core-pure').test(/[\\/]src[\\/]core[\\/]/).set('sideEffects', false);
      },
    },
    h5: {
      publicPath: '/',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
    },
  };
  // Production builds (`taro build`) use Taro's defaults: minified, no stats.
  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : baseConfig;
});
