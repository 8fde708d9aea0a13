/// <reference types="@tarojs/taro" />
/// <reference types="miniprogram-api-typings" />

// A module, so the `declare module` below augments Taro's types instead of replacing them.
export {};

declare global {
  namespace NodeJS {
    interface ProcessEnv {
      NODE_ENV: 'development' | 'production';
      /** The platform being built; inlined by Taro, so `process.env.TARO_ENV === 'h5'` is tree-shaken. */
      TARO_ENV: 'weapp' | 'h5';
      /** Inlined from config/index.ts or a `.env*` file. */
      TARO_APP_SHOP_ID: string;
      TARO_APP_CLOUD_ENV: string;
      TARO_APP_GATEWAY: string;
      TARO_APP_TMPL_ORDER_PAID: string;
      TARO_APP_TMPL_ORDER_SHIPPED: string;
      TARO_APP_TMPL_ORDER_CANCELLED: string;
      TARO_APP_TMPL_ORDER_REFUNDED: string;
      TARO_APP_TMPL_GROUP_SUCCEEDED: string;
      TARO_APP_TMPL_GROUP_FAILED: string;
      TARO_APP_TMPL_PICKUP_REMINDER: string;
    }
  }
}

declare module '@tarojs/taro' {
  interface AppConfig {
    /** app.json `cloud`: the mini-program uses WeChat Cloud Development. */
    cloud?: boolean;
  }
}
