// The mini-program's Channels client (src/api/channels.ts) over a stand-in for WeChat's `wx`: the
// real APIs exist only inside WeChat, so each test puts the answers WeChat documents on the global.
import { getLiveInfo, getNoticeInfo, openLive, reserveLive } from '@/api/channels';

type Option = { success?: (res: unknown) => void; fail?: (err: unknown) => void } & Record<string, unknown>;
const calls: { api: string; option: Record<string, unknown> }[] = [];

/** A wx whose APIs answer `success` with the given results, or fail where the result is an Error. */
function stubWx(answers: Record<string, unknown>): void {
  (globalThis as { wx?: unknown }).wx = Object.fromEntries(
    Object.entries(answers).map(([api, answer]) => [
      api,
      ({ success, fail, ...option }: Option) => {
        calls.push({ api, option });
        if (answer instanceof Error) fail?.({ errMsg: `${api}:fail ${answer.message}` });
        else success?.(answer);
      },
    ]),
  );
}

afterEach(() => {
  delete (globalThis as { wx?: unknown }).wx;
  calls.length = 0;
});

it('reads the live of an account that is on air, and opens it with its feedId and nonceId', async () => {
  stubWx({ getChannelsLiveInfo: { errMsg: 'getChannelsLiveInfo:ok', status: 2, feedId: 'export/f1', nonceId: '123', description: '', headUrl: '', nickname: '老张', replayStatus: 0, otherInfos: [] }, openChannelsLive: { errMsg: 'openChannelsLive:ok' } });
  const live = await getLiveInfo('sphLaozhang');
  expect(live).toEqual({ status: 2, feedId: 'export/f1', nonceId: '123' });
  expect(await openLive({ finderUserName: 'sphLaozhang', ...live! })).toBe(true);
  expect(calls).toEqual([
    { api: 'getChannelsLiveInfo', option: { finderUserName: 'sphLaozhang' } },
    { api: 'openChannelsLive', option: { finderUserName: 'sphLaozhang', feedId: 'export/f1', nonceId: '123' } },
  ]);
});

it('reads a notice’s startTime (epoch seconds) as epoch ms, and books it when WeChat answers state 6', async () => {
  stubWx({
    getChannelsLiveNoticeInfo: { errMsg: 'getChannelsLiveNoticeInfo:ok', noticeId: 'n1', status: 0, startTime: '1781265600', headUrl: '', nickname: '老张', reservable: true, otherInfos: [] },
    reserveChannelsLive: { errMsg: 'reserveChannelsLive:ok', state: 6 },
  });
  expect(await getNoticeInfo('sphLaozhang')).toEqual({ noticeId: 'n1', startAt: 1_781_265_600_000, reservable: true, status: 0 });
  expect(await reserveLive('n1')).toBe(true);
});

it('does not count a booking the viewer dismissed (state 5)', async () => {
  stubWx({ reserveChannelsLive: { errMsg: 'reserveChannelsLive:ok', state: 5 } });
  expect(await reserveLive('n1')).toBe(false);
});

it('answers null or false when WeChat fails, when a status is not one it documents, and when the base library lacks the APIs', async () => {
  stubWx({ getChannelsLiveInfo: new Error('finder not associated'), getChannelsLiveNoticeInfo: new Error('no notice'), openChannelsLive: new Error('cancel'), reserveChannelsLive: new Error('cancel') });
  expect(await getLiveInfo('sphLaozhang')).toBeNull();
  expect(await getNoticeInfo('sphLaozhang')).toBeNull();
  expect(await openLive({ finderUserName: 'sphLaozhang', feedId: 'f', nonceId: 'n' })).toBe(false);
  expect(await reserveLive('n1')).toBe(false);

  stubWx({ getChannelsLiveInfo: { status: 9, feedId: '', nonceId: '' } });
  expect(await getLiveInfo('sphLaozhang')).toBeNull();

  stubWx({});
  expect(await getLiveInfo('sphLaozhang')).toBeNull();
  expect(await reserveLive('n1')).toBe(false);
});

it('asks nothing for a shop without a Channels account', async () => {
  stubWx({ getChannelsLiveInfo: { status: 2, feedId: 'f', nonceId: 'n' } });
  expect(await getLiveInfo('')).toBeNull();
  expect(calls).toEqual([]);
});
