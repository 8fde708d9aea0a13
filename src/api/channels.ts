// Channels (视频号) live on the mini-program: whether the shop's Channels account is live, opening
// its live room, its next live notice and booking it. These are WeChat's own client APIs
// (wx.getChannelsLiveInfo 2.15+, wx.openChannelsLive, wx.getChannelsLiveNoticeInfo and
// wx.reserveChannelsLive 2.19+); the account must share the mini-program's 主体 or be associated
// with it. The H5 build asks the emulator instead (channels.h5.ts). None of them fails loudly: a
// page shows no banner or no 预约 when the answer is null or false.
import { isBooked, isChannelsLiveStatus, noticeStartAt, type ChannelsLive, type ChannelsNotice } from '@core/channels';

export type { ChannelsLive, ChannelsNotice };

type ChannelsApi = 'getChannelsLiveInfo' | 'openChannelsLive' | 'getChannelsLiveNoticeInfo' | 'reserveChannelsLive';

/**
 * One callback-style call of a Channels API: what `done` makes of its success result, or `failed`
 * when it fails, throws, or is missing (a test runner, or a base library older than the API).
 */
function ask<R, T>(name: ChannelsApi, option: Record<string, string>, done: (res: R) => T, failed: T): Promise<T> {
  const platform = (typeof wx === 'undefined' ? {} : wx) as Partial<Record<ChannelsApi, (option: object) => void>>;
  const api = platform[name];
  if (typeof api !== 'function') return Promise.resolve(failed);
  return new Promise((resolve) => {
    try {
      api.call(platform, { ...option, success: (res: R) => resolve(done(res)), fail: () => resolve(failed) });
    } catch {
      resolve(failed);
    }
  });
}

export function getLiveInfo(finderUserName: string): Promise<ChannelsLive | null> {
  if (!finderUserName) return Promise.resolve(null);
  return ask<WechatMiniprogram.GetChannelsLiveInfoSuccessCallbackResult, ChannelsLive | null>(
    'getChannelsLiveInfo',
    { finderUserName },
    (res) => (isChannelsLiveStatus(res.status) ? { status: res.status, feedId: res.feedId ?? '', nonceId: res.nonceId ?? '' } : null),
    null,
  );
}

/** Opens the live room (WeChat asks the viewer to confirm; call it from a tap). True when it opened. */
export function openLive(live: { finderUserName: string; feedId: string; nonceId: string }): Promise<boolean> {
  return ask('openChannelsLive', { finderUserName: live.finderUserName, feedId: live.feedId, nonceId: live.nonceId }, () => true, false);
}

export function getNoticeInfo(finderUserName: string): Promise<ChannelsNotice | null> {
  if (!finderUserName) return Promise.resolve(null);
  return ask<WechatMiniprogram.GetChannelsLiveNoticeInfoSuccessCallbackResult, ChannelsNotice | null>(
    'getChannelsLiveNoticeInfo',
    { finderUserName },
    (res) => (res.noticeId ? { noticeId: res.noticeId, startAt: noticeStartAt(res.startTime), reservable: Boolean(res.reservable), status: Number(res.status) } : null),
    null,
  );
}

/**
 * Books the live notice (WeChat shows its own sheet). True when the viewer has it booked afterwards:
 * `state` 6 (booked in the sheet) or 8 (had booked before and closed the sheet), see @core/channels.
 */
export function reserveLive(noticeId: string): Promise<boolean> {
  if (!noticeId) return Promise.resolve(false);
  return ask<{ state?: unknown } | undefined, boolean>('reserveChannelsLive', { noticeId }, (res) => isBooked(res?.state), false);
}
