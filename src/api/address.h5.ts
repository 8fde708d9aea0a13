// A browser has no WeChat address book: the checkout shows its address form instead.
import type { Address } from '@core/contracts';

export const HAS_WECHAT_ADDRESS_BOOK = false;

export async function chooseWechatAddress(): Promise<Address> {
  throw { errMsg: 'chooseAddress:fail cancel' };
}
