// Where a new delivery address comes from on the mini-program: WeChat's own address book
// (Taro.chooseAddress). The H5 build has none (address.h5.ts), so the checkout shows a form.
import Taro from '@tarojs/taro';
import type { Address } from '@core/contracts';

export const HAS_WECHAT_ADDRESS_BOOK = true;

/** The address the buyer picked in WeChat; rejects with WeChat's error (cancel, privacy) for the privacy gate to tell. */
export async function chooseWechatAddress(): Promise<Address> {
  const picked = await Taro.chooseAddress();
  return {
    name: picked.userName,
    phone: picked.telNumber,
    province: picked.provinceName,
    city: picked.cityName,
    district: picked.countyName,
    detail: picked.detailInfo,
  };
}
