/**
 * Channels (视频号) live on the H5 build: the emulator plays wx.getChannelsLiveInfo,
 * getChannelsLiveNoticeInfo, reserveChannelsLive and openChannelsLive (/api/channels/*), tests and
 * the demo set the state (/admin/channels), and the H5 client (src/api/channels.h5.ts) reads it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_FINDER_USER_NAME } from '../../emulator/channels';
import { DEMO_LIVE_SHOW_ID } from '../../emulator/seed/demo';
import { startOfShanghaiDay } from '@core/dates';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

const HOUR = 3_600_000;
/** 2026-06-12 10:00 in Shanghai: the demo's show is tonight at 20:00. */
const MORNING = Date.UTC(2026, 5, 12, 2, 0);
const VIEWER = 'demo-buyer-wangayi';
const ACCOUNT = 'sphTestShop';

let now = MORNING;
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ now: () => now });
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(() => {
  now = MORNING;
});

async function post(path: string, body: unknown, openid?: string, base = emu.url): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-cactus-openid': openid } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function report(finderUserName: string): Promise<any> {
  const res = await fetch(`${emu.url}/admin/channels?finderUserName=${encodeURIComponent(finderUserName)}`);
  return { status: res.status, ...(await res.json()) };
}

const setAccount = (body: object) => post('/admin/channels', body);

describe('the demo Channels account', () => {
  it('starts never live, with a reservable show announced for 20:00 tonight in Shanghai', async () => {
    const { body: info } = await post('/api/channels/live-info', { finderUserName: DEMO_FINDER_USER_NAME });
    expect(info).toMatchObject({ errMsg: 'getChannelsLiveInfo:ok', status: 1, feedId: '', nonceId: '', nickname: expect.any(String), otherInfos: [] });
    const { body: notice } = await post('/api/channels/notice-info', { finderUserName: DEMO_FINDER_USER_NAME });
    expect(notice).toMatchObject({ errMsg: 'getChannelsLiveNoticeInfo:ok', status: 0, reservable: true, noticeId: expect.any(String) });
    // startTime is epoch seconds as a string, as WeChat gives it.
    expect(notice.startTime).toBe(String((startOfShanghaiDay(MORNING) + 20 * HOUR) / 1000));
  });

  it('announces the stored demo show’s start after a restart, the database outliving the Channels state', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cactus-channels-'));
    const later = startOfShanghaiDay(MORNING) + 21 * HOUR + 30 * 60_000;
    try {
      const first = await startTestEmulator({ now: () => MORNING, dataDir, demoCampaign: true });
      first.db.handle({ action: 'database.modifyDocument', collectionName: 'liveShows', query: JSON.stringify({ _id: DEMO_LIVE_SHOW_ID }), data: JSON.stringify({ $set: { startAt: later } }), multi: false });
      await first.close();
      const second = await startTestEmulator({ now: () => MORNING, dataDir, demoCampaign: true });
      try {
        const { body: notice } = await post('/api/channels/notice-info', { finderUserName: DEMO_FINDER_USER_NAME }, undefined, second.url);
        expect(notice.startTime).toBe(String(later / 1000));
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is named at /api/demo-channels with its status, for the identity chip', async () => {
    const res = await fetch(`${emu.url}/api/demo-channels`);
    expect(await res.json()).toEqual({ finderUserName: DEMO_FINDER_USER_NAME, status: expect.any(Number) });
  });
});

describe('wx.getChannelsLiveInfo', () => {
  it('answers with new feedId and nonceId when an account goes live, and keeps them after it ends', async () => {
    await setAccount({ finderUserName: ACCOUNT, status: 1, nickname: '老张的长白山' });
    const { body: live } = await setAccount({ finderUserName: ACCOUNT, status: 2 });
    expect(live.feedId).not.toBe('');
    const { body: info } = await post('/api/channels/live-info', { finderUserName: ACCOUNT });
    expect(info).toMatchObject({ status: 2, feedId: live.feedId, nonceId: live.nonceId, nickname: '老张的长白山', description: '', headUrl: '', replayStatus: 0 });

    await setAccount({ finderUserName: ACCOUNT, status: 3 });
    expect((await post('/api/channels/live-info', { finderUserName: ACCOUNT })).body).toMatchObject({ status: 3, feedId: live.feedId });
    const { body: again } = await setAccount({ finderUserName: ACCOUNT, status: 2 });
    expect(again.feedId).not.toBe(live.feedId);
  });

  it('fails with an errMsg for an account it does not know', async () => {
    const { status, body } = await post('/api/channels/live-info', { finderUserName: 'sphNobody' });
    expect(status).toBe(400);
    expect(body).toEqual({ errMsg: 'getChannelsLiveInfo:fail invalid finderUserName' });
  });

  it('refuses to set a status WeChat does not have, changing nothing', async () => {
    await setAccount({ finderUserName: ACCOUNT, status: 1 });
    expect((await setAccount({ finderUserName: ACCOUNT, status: 5 })).status).toBe(400);
    expect((await report(ACCOUNT)).account.status).toBe(1);
  });
});

describe('booking a notice (预约)', () => {
  const tonight = () => startOfShanghaiDay(MORNING) + 20 * HOUR;

  it('books a viewer once: state 6 the first time, 8 after, and the booking shows in the report', async () => {
    const { body: account } = await setAccount({ finderUserName: ACCOUNT, status: 1, notice: { startAt: tonight() } });
    const noticeId = account.notice.noticeId;
    expect((await post('/api/channels/reserve', { noticeId }, VIEWER)).body).toEqual({ errMsg: 'reserveChannelsLive:ok', state: 6 });
    expect((await post('/api/channels/reserve', { noticeId }, VIEWER)).body.state).toBe(8);
    const { reservations } = await report(ACCOUNT);
    expect(reservations).toEqual([{ noticeId, openid: VIEWER, at: MORNING }]);
  });

  it('keeps the notice and its bookings when the same start is set again, and starts a new one for another start', async () => {
    const first = (await setAccount({ finderUserName: ACCOUNT, status: 1, notice: { startAt: tonight() } })).body.notice.noticeId;
    expect((await setAccount({ finderUserName: ACCOUNT, status: 1, notice: { startAt: tonight() } })).body.notice.noticeId).toBe(first);
    const second = (await setAccount({ finderUserName: ACCOUNT, status: 1, notice: { startAt: tonight() + HOUR } })).body.notice.noticeId;
    expect(second).not.toBe(first);
  });

  it('answers a cancelled notice with state 3 and a started one with state 10, booking nobody', async () => {
    const cancelled = (await setAccount({ finderUserName: ACCOUNT, status: 1, notice: { startAt: tonight(), status: 1, noticeId: 'n-cancelled' } })).body.notice;
    expect((await post('/api/channels/reserve', { noticeId: cancelled.noticeId }, VIEWER)).body.state).toBe(3);
    await setAccount({ finderUserName: ACCOUNT, status: 1, notice: { startAt: tonight(), noticeId: 'n-late' } });
    now = tonight() + 1;
    expect((await post('/api/channels/notice-info', { finderUserName: ACCOUNT })).body.reservable).toBe(false);
    expect((await post('/api/channels/reserve', { noticeId: 'n-late' }, VIEWER)).body.state).toBe(10);
    expect((await report(ACCOUNT)).reservations).toEqual([]);
  });

  it('fails for a notice nobody announced, and for a visitor without a login', async () => {
    expect(await post('/api/channels/reserve', { noticeId: 'n-unknown' }, VIEWER)).toEqual({ status: 400, body: { errMsg: 'reserveChannelsLive:fail invalid noticeId' } });
    const { body } = await setAccount({ finderUserName: ACCOUNT, status: 1, notice: { startAt: tonight() } });
    expect((await post('/api/channels/reserve', { noticeId: body.notice.noticeId })).status).toBe(401);
  });

  it('has no notice to give once the account has none', async () => {
    await setAccount({ finderUserName: ACCOUNT, status: 1, notice: null });
    const { status, body } = await post('/api/channels/notice-info', { finderUserName: ACCOUNT });
    expect(status).toBe(404);
    expect(body.errMsg).toMatch(/^getChannelsLiveNoticeInfo:fail /);
  });
});

describe('wx.openChannelsLive', () => {
  it('records who opened the current live, and refuses ids of another live or an account not on air', async () => {
    const { body: live } = await setAccount({ finderUserName: ACCOUNT, status: 2 });
    const ids = { finderUserName: ACCOUNT, feedId: live.feedId, nonceId: live.nonceId };
    expect((await post('/api/channels/open', ids, VIEWER)).body).toEqual({ errMsg: 'openChannelsLive:ok' });
    expect((await post('/api/channels/open', { ...ids, feedId: 'export/old' }, VIEWER)).status).toBe(400);
    await setAccount({ finderUserName: ACCOUNT, status: 3 });
    expect((await post('/api/channels/open', ids, VIEWER)).status).toBe(400);
    expect((await report(ACCOUNT)).opens).toEqual([{ ...ids, openid: VIEWER, at: MORNING }]);
  });
});

describe('the H5 client (src/api/channels.h5.ts) against the emulator', () => {
  // The H5 client reads the gateway from the build's env and the demo identity from localStorage.
  const stored = new Map<string, string>();
  let client: typeof import('../../src/api/channels.h5');

  beforeAll(async () => {
    process.env.TARO_APP_GATEWAY = emu.url;
    (globalThis as { window?: unknown }).window = {
      localStorage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => stored.set(key, value), removeItem: (key: string) => stored.delete(key) },
    };
    client = await import('../../src/api/channels.h5');
  });

  afterAll(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  beforeEach(() => stored.set('cactus.demoOpenId', VIEWER));

  it('reads the live, opens it, reads the notice as epoch ms and books it, as the live page will', async () => {
    const startAt = startOfShanghaiDay(MORNING) + 20 * HOUR;
    const { body } = await setAccount({ finderUserName: ACCOUNT, status: 2, notice: { startAt } });
    const live = await client.getLiveInfo(ACCOUNT);
    expect(live).toEqual({ status: 2, feedId: body.feedId, nonceId: body.nonceId });
    expect(await client.openLive({ finderUserName: ACCOUNT, ...live! })).toBe(true);
    const notice = await client.getNoticeInfo(ACCOUNT);
    expect(notice).toEqual({ noticeId: body.notice.noticeId, startAt, reservable: true, status: 0 });
    expect(await client.reserveLive(notice!.noticeId)).toBe(true);
    expect((await report(ACCOUNT)).reservations.map((r: { openid: string }) => r.openid)).toContain(VIEWER);
  });

  it('answers null or false, never throws, when the account, the notice or the live is not there', async () => {
    expect(await client.getLiveInfo('sphNobody')).toBeNull();
    expect(await client.getNoticeInfo('sphNobody')).toBeNull();
    expect(await client.reserveLive('n-unknown')).toBe(false);
    expect(await client.openLive({ finderUserName: 'sphNobody', feedId: 'x', nonceId: 'y' })).toBe(false);
  });
});
