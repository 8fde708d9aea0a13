// Facts of WeChat's Channels (视频号) live client APIs, shared by the mini-program's client
// (src/api/channels.ts), the H5 client (src/api/channels.h5.ts) and the emulator that plays them.

/** wx.getChannelsLiveInfo `status`: 1 never went live, 2 live now, 3 ended, 4 preparing (not yet on air). */
export type ChannelsLiveStatus = 1 | 2 | 3 | 4;
export const CHANNELS_LIVE_STATUSES: readonly ChannelsLiveStatus[] = [1, 2, 3, 4];

export function isChannelsLiveStatus(value: unknown): value is ChannelsLiveStatus {
  return (CHANNELS_LIVE_STATUSES as readonly unknown[]).includes(value);
}

/** An account's latest live, as the client APIs answer it (src/api/channels*.ts). */
export interface ChannelsLive {
  status: ChannelsLiveStatus;
  feedId: string;
  nonceId: string;
}

/** An account's next live notice (预告): status 0 usable, 1 cancelled, 2 used. */
export interface ChannelsNotice {
  noticeId: string;
  /** epoch ms */
  startAt: number;
  reservable: boolean;
  status: number;
}

/** wx.getChannelsLiveNoticeInfo `status`: 0 usable, 1 cancelled, 2 used. */
export const NOTICE_USABLE = 0;

/** wx.getChannelsLiveNoticeInfo gives `startTime` as a string of epoch seconds; epoch ms, or 0 when it is not one. */
export function noticeStartAt(startTime: unknown): number {
  const seconds = Number(startTime);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** The other way: epoch ms as WeChat's `startTime`. */
export function noticeStartTime(at: number): string {
  return String(Math.floor(at / 1000));
}

/**
 * wx.reserveChannelsLive `state` (from WeChat's 视频号直播 guide): 6 booked in the sheet just now,
 * 8 booked before and the sheet closed; 5 not booked and the sheet closed, 7 booking cancelled,
 * 3 notice cancelled, 4 live ended, 10 notice expired, 1/2 the account is live (the sheet offered
 * the live room instead), 9 dismissed before the sheet showed.
 */
export const RESERVE_STATE = { bookedNow: 6, bookedBefore: 8, notBooked: 5, noticeCancelled: 3, liveEnded: 4, expired: 10 } as const;

/** The viewer has the notice booked after reserveChannelsLive answered with this state. */
export function isBooked(state: unknown): boolean {
  return state === RESERVE_STATE.bookedNow || state === RESERVE_STATE.bookedBefore;
}
