// Group open data for share attribution (weapp): the card's shareTicket gives a CloudID through
// wx.getShareInfo. It travels as a plain string in the payload, and the function has the platform
// decode it (cloud.getOpenData): open data swapped in for wx.cloud.CloudID(id) would look just
// like data anyone could send. The H5 build asks the emulator instead.
import Taro from '@tarojs/taro';

/** The CloudID of the group a card was opened from, or null when there is none. */
export async function groupCloudId(shareTicket: string | undefined): Promise<string | null> {
  if (!shareTicket) return null;
  try {
    const info = (await Taro.getShareInfo({ shareTicket })) as { cloudID?: string };
    return info.cloudID || null;
  } catch {
    return null;
  }
}
