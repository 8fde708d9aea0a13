// Asking the buyer to be told how their order goes (one subscribe message per consent): at
// checkout its course (paid, shipped, cancelled; for pickup paid, ready and the pickup reminder; in
// a 拼团 paid and how the group ends), when asking for a refund its outcome. Template
// ids are src/core/notify.ts's, with the TARO_APP_TMPL_ORDER_* values in their place when set.
// The H5 build never asks (subscribe.h5.ts).
import Taro from '@tarojs/taro';
import { CHECKOUT_NOTICES, GROUP_NOTICES, PICKUP_CHECKOUT_NOTICES, REFUND_NOTICES, templateIds, type NoticeKind } from '@core/notify';
import { DEFAULT_PICKUP_REMINDER_TEMPLATE } from '@core/pickup';

// Each is read as written: the build inlines exactly these expressions (config/index.ts).
const IDS = templateIds({
  paid: process.env.TARO_APP_TMPL_ORDER_PAID,
  shipped: process.env.TARO_APP_TMPL_ORDER_SHIPPED,
  cancelled: process.env.TARO_APP_TMPL_ORDER_CANCELLED,
  refunded: process.env.TARO_APP_TMPL_ORDER_REFUNDED,
  group_succeeded: process.env.TARO_APP_TMPL_GROUP_SUCCEEDED,
  group_failed: process.env.TARO_APP_TMPL_GROUP_FAILED,
});

/** 取货提醒, which the vendor sends from 自提核销 (orders.remindPickup). */
const PICKUP_REMINDER = process.env.TARO_APP_TMPL_PICKUP_REMINDER || DEFAULT_PICKUP_REMINDER_TEMPLATE;

/** Never blocks the buyer: a refusal or a failure only means no messages. */
async function askIds(tmplIds: string[]): Promise<void> {
  try {
    await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] });
  } catch {
    // ignored on purpose
  }
}

const ask = (kinds: readonly NoticeKind[]) => askIds(kinds.map((kind) => IDS[kind]));

export const askForOrderNotices = () => ask(CHECKOUT_NOTICES);
/** A checkout for pickup: payment, 可以取货了, and the vendor's pickup reminder. */
export const askForPickupNotices = () => askIds([...PICKUP_CHECKOUT_NOTICES.map((kind) => IDS[kind]), PICKUP_REMINDER]);
/** A 拼团 checkout: payment, then whether the group succeeded or failed (and the money went back). */
export const askForGroupNotices = () => ask(GROUP_NOTICES);
export const askForRefundNotice = () => ask(REFUND_NOTICES);
