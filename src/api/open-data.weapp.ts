// Group open data for share attribution (weapp): the card's shareTicket gives a CloudID
// through wx.getShareInfo, and `wx.cloud.CloudID(id)` marks it for the platform to swap for
// `{cloudID, data: {openGId}}` before the function runs. The H5 build asks the emulator instead.
import Taro from '@tarojs/taro';

/** The CloudID marker for the group a card was opened from, or null when there is none. */
export async function groupCloudId(shareTicket: string | undefined): Promise<unknown | null> {
  if (!shareTicket) return null;
  try {
    const info = (await Taro.getShareInfo({ shareTicket })) as { cloudID?: string };
    return info.cloudID ? Taro.cloud.CloudID(info.cloudID) : null;
  } catch {
    return null;
  }
}
