import type { UserConfigExport } from '@tarojs/cli';

/** `taro build --watch` (NODE_ENV=development): unminified output, with webpack stats. */
export default {
  logger: { quiet: false, stats: true },
} satisfies UserConfigExport<'webpack5'>;
