/**
 * Channels (视频号) live, as the H5 build's stand-in for WeChat's client APIs: per Channels account
 * (finderUserName) its latest live and its next notice (预告), who booked which notice, and who
 * opened which live room. Answers are shaped like the wx APIs' success results:
 *   wx.getChannelsLiveInfo        {feedId, nonceId, description, status, headUrl, nickname, replayStatus, otherInfos}
 *                                 status 1 never live, 2 live, 3 ended, 4 preparing
 *   wx.getChannelsLiveNoticeInfo  {noticeId, status, startTime, headUrl, nickname, reservable, otherInfos}
 *                                 status 0 usable, 1 cancelled, 2 used; startTime epoch seconds as a string
 *   wx.reserveChannelsLive        {state}: 6 booked now, 8 booked before, 3 notice cancelled,
 *                                 4 live ended, 10 notice expired (src/core/channels.ts)
 *   wx.openChannelsLive           recorded; there is no live room to show
 * and fail as `{errMsg: '<api>:fail …'}`. Tests and the demo set an account with setAccount (HTTP:
 * POST /admin/channels) and read it back with report (GET /admin/channels). In memory: lost on restart.
 */
import { randomBytes } from 'node:crypto';
import { NOTICE_USABLE, RESERVE_STATE, noticeStartTime, isChannelsLiveStatus, type ChannelsLiveStatus } from '@core/channels';
import { startOfShanghaiDay } from '@core/dates';
import { DEMO_LIVE_SETTINGS } from './seed/demo';

export interface ChannelsNoticeState {
  noticeId: string;
  /** epoch ms */
  startAt: number;
  reservable: boolean;
  /** 0 usable, 1 cancelled, 2 used */
  status: 0 | 1 | 2;
}

export interface ChannelsAccount {
  finderUserName: string;
  status: ChannelsLiveStatus;
  /** The latest live's ids ('' before the first); a new live gets new ones. */
  feedId: string;
  nonceId: string;
  nickname: string;
  headUrl: string;
  /** The latest live's topic (直播主题). */
  description: string;
  notice: ChannelsNoticeState | null;
}

export interface ChannelsReservation {
  noticeId: string;
  openid: string;
  at: number;
}

export interface ChannelsOpen {
  finderUserName: string;
  feedId: string;
  nonceId: string;
  openid: string | null;
  at: number;
}

/** What a test or the demo sets: the status, and the notice (epoch ms start) or null for none. */
export interface ChannelsAccountInput {
  finderUserName: string;
  status: ChannelsLiveStatus;
  notice?: { startAt: number; reservable?: boolean; status?: 0 | 1 | 2; noticeId?: string } | null;
  nickname?: string;
  headUrl?: string;
  description?: string;
}

/** A wx API failure: the client API's fail callback gets `{errMsg}`. */
export class ChannelsError extends Error {
  constructor(
    readonly status: number,
    readonly errMsg: string,
  ) {
    super(errMsg);
  }
}

/** The demo shop's Channels account (老张's), as the demo shop's live settings name it. */
export const DEMO_FINDER_USER_NAME = DEMO_LIVE_SETTINGS.finderUserName;
const DEMO_NICKNAME = '老张的长白山';
const DEMO_SHOW_HOUR = 20;

const newId = (prefix: string): string => `${prefix}${randomBytes(9).toString('base64url')}`;
const NOTICE_STATUSES = [0, 1, 2];

export class ChannelsLive {
  private readonly now: () => number;
  private readonly accounts = new Map<string, ChannelsAccount>();
  private readonly reservations: ChannelsReservation[] = [];
  private readonly opens: ChannelsOpen[] = [];

  constructor(opts: { now?: () => number } = {}) {
    this.now = opts.now ?? Date.now;
  }

  /** Sets an account's live status and notice. Going live starts a new live (new feedId and nonceId). */
  setAccount(input: ChannelsAccountInput): ChannelsAccount {
    if (typeof input.finderUserName !== 'string' || input.finderUserName.trim() === '') throw new ChannelsError(400, 'finderUserName must be a non-empty string');
    if (!isChannelsLiveStatus(input.status)) throw new ChannelsError(400, 'status must be 1 (never live), 2 (live), 3 (ended) or 4 (preparing)');
    const before = this.accounts.get(input.finderUserName);
    const startsLive = (input.status === 2 || input.status === 4) && before?.status !== 2 && before?.status !== 4;
    const account: ChannelsAccount = {
      finderUserName: input.finderUserName,
      status: input.status,
      feedId: startsLive ? newId('export/') : input.status === 1 ? '' : (before?.feedId ?? ''),
      nonceId: startsLive ? String(randomBytes(8).readBigUInt64BE()) : input.status === 1 ? '' : (before?.nonceId ?? ''),
      nickname: input.nickname ?? before?.nickname ?? input.finderUserName,
      headUrl: input.headUrl ?? before?.headUrl ?? '',
      description: input.description ?? before?.description ?? '',
      notice: input.notice === undefined ? (before?.notice ?? null) : this.noticeOf(input.notice, before?.notice ?? null),
    };
    this.accounts.set(account.finderUserName, account);
    return { ...account };
  }

  private noticeOf(input: NonNullable<ChannelsAccountInput['notice']> | null, before: ChannelsNoticeState | null): ChannelsNoticeState | null {
    if (input === null) return null;
    if (typeof input.startAt !== 'number' || !Number.isFinite(input.startAt)) throw new ChannelsError(400, 'notice.startAt must be epoch ms');
    const status = input.status ?? 0;
    if (!NOTICE_STATUSES.includes(status)) throw new ChannelsError(400, 'notice.status must be 0 (usable), 1 (cancelled) or 2 (used)');
    // The same start keeps its notice (and who booked it); another start is another notice.
    const noticeId = input.noticeId ?? (before && before.startAt === input.startAt ? before.noticeId : newId('notice-'));
    return { noticeId, startAt: input.startAt, reservable: input.reservable ?? true, status };
  }

  /** An account with who booked its notice and who opened its live room, for tests and the demo. */
  report(finderUserName: string): { account: ChannelsAccount; reservations: ChannelsReservation[]; opens: ChannelsOpen[] } | null {
    const account = this.accounts.get(finderUserName);
    if (!account) return null;
    return {
      account: { ...account, notice: account.notice && { ...account.notice } },
      reservations: this.reservations.filter((reservation) => reservation.noticeId === account.notice?.noticeId).map((r) => ({ ...r })),
      opens: this.opens.filter((open) => open.finderUserName === finderUserName).map((o) => ({ ...o })),
    };
  }

  private account(api: string, finderUserName: unknown): ChannelsAccount {
    const account = typeof finderUserName === 'string' ? this.accounts.get(finderUserName) : undefined;
    if (!account) throw new ChannelsError(400, `${api}:fail invalid finderUserName`);
    return account;
  }

  /** wx.getChannelsLiveInfo's success result. */
  liveInfo(finderUserName: unknown) {
    const account = this.account('getChannelsLiveInfo', finderUserName);
    return {
      errMsg: 'getChannelsLiveInfo:ok',
      feedId: account.feedId,
      nonceId: account.nonceId,
      description: account.description,
      status: account.status,
      headUrl: account.headUrl,
      nickname: account.nickname,
      replayStatus: 0,
      otherInfos: [],
    };
  }

  /** wx.getChannelsLiveNoticeInfo's success result; an account without a notice fails. */
  noticeInfo(finderUserName: unknown) {
    const account = this.account('getChannelsLiveNoticeInfo', finderUserName);
    const notice = account.notice;
    if (!notice) throw new ChannelsError(404, 'getChannelsLiveNoticeInfo:fail no live notice');
    return {
      errMsg: 'getChannelsLiveNoticeInfo:ok',
      noticeId: notice.noticeId,
      status: notice.status,
      startTime: noticeStartTime(notice.startAt),
      headUrl: account.headUrl,
      nickname: account.nickname,
      reservable: notice.reservable && notice.status === NOTICE_USABLE && notice.startAt > this.now(),
      otherInfos: [],
    };
  }

  /** wx.reserveChannelsLive for this viewer: books the notice, or says why it could not. */
  reserve(noticeId: unknown, openid: string | undefined): { errMsg: string; state: number } {
    if (!openid) throw new ChannelsError(401, 'reserveChannelsLive:fail user not logged in');
    const account = [...this.accounts.values()].find((candidate) => candidate.notice !== null && candidate.notice.noticeId === noticeId);
    const notice = account?.notice;
    if (!account || !notice) throw new ChannelsError(400, 'reserveChannelsLive:fail invalid noticeId');
    const answer = (state: number) => ({ errMsg: 'reserveChannelsLive:ok', state });
    if (notice.status === 1) return answer(RESERVE_STATE.noticeCancelled);
    if (notice.status === 2 || account.status === 3) return answer(RESERVE_STATE.liveEnded);
    if (notice.startAt <= this.now() || !notice.reservable) return answer(RESERVE_STATE.expired);
    if (this.reservations.some((reservation) => reservation.noticeId === notice.noticeId && reservation.openid === openid)) return answer(RESERVE_STATE.bookedBefore);
    this.reservations.push({ noticeId: notice.noticeId, openid, at: this.now() });
    return answer(RESERVE_STATE.bookedNow);
  }

  /** wx.openChannelsLive: the ids must be the account's current live (WeChat opens nothing else). */
  open(input: Record<string, unknown>, openid: string | undefined): { errMsg: string } {
    const account = this.account('openChannelsLive', input.finderUserName);
    if (account.status !== 2 && account.status !== 4) throw new ChannelsError(400, 'openChannelsLive:fail live not found');
    if ((input.feedId !== undefined && input.feedId !== account.feedId) || (input.nonceId !== undefined && input.nonceId !== account.nonceId)) {
      throw new ChannelsError(400, 'openChannelsLive:fail invalid feedId or nonceId');
    }
    this.opens.push({ finderUserName: account.finderUserName, feedId: account.feedId, nonceId: account.nonceId, openid: openid ?? null, at: this.now() });
    return { errMsg: 'openChannelsLive:ok' };
  }
}

/**
 * The demo shop's account at start: never live, with a notice for the demo show. `showStartAt` is
 * the stored demo show's start (the database outlives a restart, this state does not); without one
 * still ahead, the notice is for 20:00 tonight (tomorrow once it is past).
 */
export function seedDemoChannels(channels: ChannelsLive, now: number, showStartAt?: number): ChannelsAccount {
  const tonight = startOfShanghaiDay(now) + DEMO_SHOW_HOUR * 3_600_000;
  const startAt = showStartAt !== undefined && showStartAt > now ? showStartAt : tonight > now ? tonight : tonight + 24 * 3_600_000;
  return channels.setAccount({
    finderUserName: DEMO_FINDER_USER_NAME,
    status: 1,
    nickname: DEMO_NICKNAME,
    headUrl: '/media/seed/shop.svg',
    description: '长白山林下参专场',
    notice: { startAt, reservable: true },
  });
}

/** The routes: POST /api/channels/{live-info,notice-info,reserve,open} for the H5 app; /admin/channels for tests and the demo. */
export function channelsHttp(
  channels: ChannelsLive,
  req: { method: string; path: string; query: URLSearchParams; body: () => Record<string, unknown>; openid: string | undefined },
): { status: number; json: unknown } | null {
  try {
    if (req.path === '/admin/channels') {
      if (req.method === 'GET') {
        const report = channels.report(req.query.get('finderUserName') ?? '');
        return report ? { status: 200, json: report } : { status: 404, json: { errMsg: 'no such Channels account' } };
      }
      if (req.method === 'POST') return { status: 200, json: channels.setAccount(req.body() as unknown as ChannelsAccountInput) };
      return null;
    }
    if (req.method !== 'POST' || !req.path.startsWith('/api/channels/')) return null;
    switch (req.path.slice('/api/channels/'.length)) {
      case 'live-info':
        return { status: 200, json: channels.liveInfo(req.body().finderUserName) };
      case 'notice-info':
        return { status: 200, json: channels.noticeInfo(req.body().finderUserName) };
      case 'reserve':
        return { status: 200, json: channels.reserve(req.body().noticeId, req.openid) };
      case 'open':
        return { status: 200, json: channels.open(req.body(), req.openid) };
      default:
        return null;
    }
  } catch (err) {
    if (err instanceof ChannelsError) return { status: err.status, json: { errMsg: err.errMsg } };
    throw err;
  }
}
