import type { LiveItemView } from '@core/contracts';
import { liveStartText, liveTexts } from '@core/live-text';
import { isBooked, noticeStartAt, noticeStartTime } from '@core/channels';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** 2026-06-12 10:00 in Shanghai (02:00 UTC). */
const MORNING = Date.UTC(2026, 5, 12, 2, 0);
const TODAY = MORNING - 10 * HOUR; // midnight in Shanghai
const DAY = 24 * HOUR;

function item(fields: Partial<LiveItemView> = {}): LiveItemView {
  return {
    id: 'i1',
    productId: 'shen',
    skuId: 'a',
    name: '长白山林下参',
    spec: '',
    unit: '支',
    image: '',
    priceLi: 128_000,
    livePriceLi: 98_000,
    livePriceOn: false,
    limitPerBuyer: null,
    left: null,
    sold: 0,
    ...fields,
  };
}

const PATH = '/packages/live/show/index?showId=s1&ref=abc';
const show = { title: '长白山林下参专场', startAt: TODAY + 20 * HOUR, items: [item({ limitPerBuyer: 2 }), item({ id: 'i2', name: '椴树蜜', spec: '500克', unit: '瓶', priceLi: 8_000, livePriceLi: 8_000 })], path: PATH };

describe('when a show starts, as an announcement says it', () => {
  it.each([
    ['tonight', TODAY + 20 * HOUR, '今晚8点'],
    ['tonight at half past', TODAY + 20 * HOUR + 30 * MINUTE, '今晚8点半'],
    ['this afternoon', TODAY + 15 * HOUR, '今天下午3点'],
    ['at noon', TODAY + 12 * HOUR + 5 * MINUTE, '今天中午12点05分'],
    ['tomorrow night', TODAY + DAY + 20 * HOUR, '明晚8点'],
    ['tomorrow morning', TODAY + DAY + 9 * HOUR + 15 * MINUTE, '明天上午9点15分'],
    ['the day after tomorrow', TODAY + 2 * DAY + 20 * HOUR, '后天晚上8点'],
    ['later this year', TODAY + 10 * DAY + 20 * HOUR, '6月22日晚上8点'],
    ['early next year', Date.UTC(2027, 0, 2, 12, 0), '2027年1月2日晚上8点'],
    ['before dawn', TODAY + DAY + 2 * HOUR, '明天凌晨2点'],
  ])('%s', (_when, at, text) => {
    expect(liveStartText(at, MORNING)).toBe(text);
  });

  it('reads the day in Shanghai, whatever the server’s zone: 01:00 in Shanghai is still the next day there', () => {
    // 17:00 UTC on the 12th is 01:00 on the 13th in Shanghai.
    expect(liveStartText(Date.UTC(2026, 5, 12, 17, 0), MORNING)).toBe('明天凌晨1点');
  });
});

describe('the texts of a show’s links', () => {
  it('announces a scheduled show with its time, its items at their live prices and caps, and the path', () => {
    const texts = liveTexts({ ...show, state: 'scheduled', now: MORNING });
    expect(texts.cardTitle).toBe('今晚8点直播：长白山林下参专场');
    expect(texts.announceText).toBe(
      ['今晚8点直播，点卡片预约', '【长白山林下参专场】', '1. 长白山林下参 直播价¥98.00/支（原价¥128.00），每人限购2支', '2. 椴树蜜（500克） 直播价¥8.00/瓶', `小程序路径：${PATH}`].join('\n'),
    );
  });

  it('puts one item in the card title with its live price, and names only that item in the texts', () => {
    const texts = liveTexts({ ...show, itemId: 'i1', state: 'live', now: MORNING });
    expect(texts.cardTitle).toBe('正在直播：长白山林下参，直播价¥98.00');
    expect(texts.liveText).toBe(['正在直播：长白山林下参专场', '1. 长白山林下参 直播价¥98.00/支（原价¥128.00），每人限购2支', '点卡片下单', `小程序路径：${PATH}`].join('\n'));
  });

  it('says 马上 for a show past its start that has not gone on air, and 已结束 once it is over', () => {
    expect(liveTexts({ ...show, state: 'scheduled', now: show.startAt + MINUTE }).cardTitle).toBe('马上直播：长白山林下参专场');
    expect(liveTexts({ ...show, state: 'ended', now: MORNING }).cardTitle).toBe('直播已结束：长白山林下参专场');
    expect(liveTexts({ ...show, itemId: 'i1', state: 'ended', now: MORNING }).cardTitle).toBe('直播已结束：长白山林下参');
  });

  it('keeps each item on one line even when a name holds a line break, so the numbered list stays readable', () => {
    const texts = liveTexts({ ...show, items: [item({ name: '林下参\n特级' })], state: 'live', now: MORNING });
    expect(texts.liveText.split('\n')[1]).toBe('1. 林下参 特级 直播价¥98.00/支（原价¥128.00）');
  });

  it('shows prices with their 厘 when they have them', () => {
    const texts = liveTexts({ ...show, items: [item({ livePriceLi: 65, priceLi: 70, unit: '条' })], itemId: 'i1', state: 'live', now: MORNING });
    expect(texts.cardTitle).toBe('正在直播：长白山林下参，直播价¥0.065');
  });
});

describe('WeChat’s Channels values', () => {
  it('reads a notice’s startTime as epoch seconds and writes it back the same way', () => {
    expect(noticeStartAt('1781265600')).toBe(1_781_265_600_000);
    expect(noticeStartTime(1_781_265_600_999)).toBe('1781265600');
    expect(noticeStartAt('')).toBe(0);
    expect(noticeStartAt('not a time')).toBe(0);
  });

  it('counts a notice booked only for state 6 (booked now) and 8 (booked before)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, undefined].filter(isBooked)).toEqual([6, 8]);
  });
});
