import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ShopPublic } from '@core/contracts';
import './index.css';

/**
 * Copies the shop's WeChat ID. The shop home and product page are in the main package, which has no
 * room for the privacy gate (src/utils/privacy.ts): WeChat's own privacy popup asks there, and a
 * failure is told in Chinese with a way around it.
 */
export function copyWechatId(wechatId: string): void {
  void Taro.setClipboardData({ data: wechatId }).then(
    () => void Taro.showToast({ title: '微信号已复制，去微信添加好友', icon: 'none', duration: 2500 }),
    (err: { errMsg?: string }) => {
      if (!/cancel/.test(err?.errMsg ?? '')) void Taro.showModal({ title: '没能复制', content: `请记下微信号 ${wechatId}，到微信里搜索添加。`, showCancel: false, confirmText: '知道了' });
    },
  );
}

export function callPhone(phone: string): void {
  void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
}

/** The shop's contact as big rows: the WeChat ID with 复制, the phone with 打电话. */
export function ShopContact({ contact }: { contact: ShopPublic['contact'] }) {
  if (!contact.wechatId && !contact.phone) return null;
  return (
    <View className='shop-contact'>
      {contact.wechatId && (
        <View className='contact-row contact-wechat'>
          <Text className='contact-label'>微信</Text>
          <Text className='contact-value'>{contact.wechatId}</Text>
          <Button className='contact-action copy-wechat' onClick={() => copyWechatId(contact.wechatId)}>
            复制
          </Button>
        </View>
      )}
      {contact.phone && (
        <View className='contact-row contact-phone'>
          <Text className='contact-label'>电话</Text>
          <Text className='contact-value'>{contact.phone}</Text>
          <Button className='contact-action call-phone' onClick={() => callPhone(contact.phone)}>
            打电话
          </Button>
        </View>
      )}
    </View>
  );
}
