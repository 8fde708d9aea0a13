// Channels (视频号) live on the local H5 build: the emulator plays wx.getChannelsLiveInfo,
// openChannelsLive, getChannelsLiveNoticeInfo and reserveChannelsLive (POST /api/channels/*, with
// the demo identity in a header); its state is set by tests and the demo identity chip through
// /admin/channels. Same interface as channels.ts; a failure is null or false, never an error.
import { isBooked, isChannelsLiveStatus, noticeStartAt, type ChannelsLive, type ChannelsNotice } from '@core/channels';
import { currentOpenId } from './identity.h5';

export type { ChannelsLive, ChannelsNotice };


/** The emulator's answer, as the wx API's success result, or null when it refused or could not be reached. */
async function post<T>(route: string, body: object): Promise<T | null> {
  try {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const openId = currentOpenId();
    if (openId) headers['X-Cactus-OpenId'] = openId;
    const response = await fetch(`${process.env.TARO_APP_GATEWAY}/api/channels/${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!response.ok) return null;
    return (await response.json()) as T;
  } catch {
    return null;
  }
}

export async function getLiveInfo(finderUserName: string): Promise<ChannelsLive | null> {
  if (!finderUserName) return null;
  const res = await post<{ status?: unknown; feedId?: string; nonceId?: string }>('live-info', { finderUserName });
  if (!res || !isChannelsLiveStatus(res.status)) return null;
  return { status: res.status, feedId: res.feedId ?? '', nonceId: res.nonceId ?? '' };
}

/** The emulator records the open (there is no live room to show); true when it accepted it. */
export async function openLive(live: { finderUserName: string; feedId: string; nonceId: string }): Promise<boolean> {
  const res = await post<{ errMsg?: string }>('open', live);
  return res !== null;
}

export async function getNoticeInfo(finderUserName: string): Promise<ChannelsNotice | null> {
  if (!finderUserName) return null;
  const res = await post<{ noticeId?: string; startTime?: string; reservable?: boolean; status?: number }>('notice-info', { finderUserName });
  if (!res?.noticeId) return null;
  return { noticeId: res.noticeId, startAt: noticeStartAt(res.startTime), reservable: Boolean(res.reservable), status: Number(res.status) };
}

export async function reserveLive(noticeId: string): Promise<boolean> {
  if (!noticeId) return false;
  const res = await post<{ state?: number }>('reserve', { noticeId });
  return isBooked(res?.state);
}
