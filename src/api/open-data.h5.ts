// Group open data on the local H5 build: the emulator plays wx.getShareInfo (POST
// /api/share-info) and, for the function, cloud.getOpenData, as WeChat does on weapp.
import { currentOpenId } from './identity.h5';

/** The CloudID of the group a card was opened from, or null when there is none. */
export async function groupCloudId(shareTicket: string | undefined): Promise<string | null> {
  if (!shareTicket) return null;
  try {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const openId = currentOpenId();
    if (openId) headers['X-Cactus-OpenId'] = openId;
    const response = await fetch(`${process.env.TARO_APP_GATEWAY}/api/share-info`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ shareTicket }),
    });
    if (!response.ok) return null;
    const { cloudID } = (await response.json()) as { cloudID?: string };
    return cloudID || null;
  } catch {
    return null;
  }
}
