// Channels (视频号) live on the mini-program: whether the shop's Channels account is live, opening
// its live room, its next live notice and booking it. These are WeChat's own client APIs
// (wx.getChannelsLiveInfo 2.15+, wx.openChannelsLive, wx.getChannelsLiveNoticeInfo and
// wx.reserveChannelsLive 2.19+); the account must share the mini-program's 主体 or be associated
// with it. The H5 build asks the emulator instead (channels.h5.ts). None of them fails loudly: a
// page shows no banner or no 预约 when the answer is null or false.
import { isBooked, isChannelsLiveStatus, noticeStartAt, type ChannelsLive, type ChannelsNotice } from '@core/channels';

export type { ChannelsLive, ChannelsNotice };

type Wx = WechatMiniprogram.Wx;
/** The base library's wx, when there is one (not in a test runner). An old base library lacks the APIs: null/false. */
const platform = (): Partial<Wx> => (typeof wx === 'undefined' ? {} : wx);

export function getLiveInfo(finderUserName: string): Promise<ChannelsLive | null> {
  const api = platform().getChannelsLiveInfo;
  if (typeof api !== 'function' || !finderUserName) return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      api({
        finderUserName,
        success: (res) => resolve(isChannelsLiveStatus(res.status) ? { status: res.status, feedId: res.feedId ?? '', nonceId: res.nonceId ?? '' } : null),
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}

/** Opens the live room (WeChat asks the viewer to confirm; call it from a tap). True when it opened. */
export function openLive(live: { finderUserName: string; feedId: string; nonceId: string }): Promise<boolean> {
  const api = platform().openChannelsLive;
  if (typeof api !== 'function') return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      api({ finderUserName: live.finderUserName, feedId: live.feedId, nonceId: live.nonceId, success: () => resolve(true), fail: () => resolve(false) });
    } catch {
      resolve(false);
    }
  });
}

export function getNoticeInfo(finderUserName: string): Promise<ChannelsNotice | null> {
  const api = platform().getChannelsLiveNoticeInfo;
  if (typeof api !== 'function' || !finderUserName) return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      api({
        finderUserName,
        success: (res) =>
          resolve(res.noticeId ? { noticeId: res.noticeId, startAt: noticeStartAt(res.startTime), reservable: Boolean(res.reservable), status: Number(res.status) } : null),
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}

/**
 * Books the live notice (WeChat shows its own sheet). True when the viewer has it booked afterwards:
 * `state` 6 (booked in the sheet) or 8 (had booked before and closed the sheet), see @core/channels.
 */
export function reserveLive(noticeId: string): Promise<boolean> {
  const api = platform().reserveChannelsLive;
  if (typeof api !== 'function' || !noticeId) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      api({
        noticeId,
        success: (res: unknown) => resolve(isBooked((res as { state?: unknown } | undefined)?.state)),
        fail: () => resolve(false),
      });
    } catch {
      resolve(false);
    }
  });
}
