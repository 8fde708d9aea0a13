import fc from 'fast-check';
import { campaignGroupText, countersText, deadlineText, entryText, maskName, relativeTime, visibleChars } from '@core/campaign-text';
import { HOUR, MINUTE, NOON, TONIGHT } from './campaigns-fixtures';

const DAY = 24 * HOUR;

describe('masked names on the public list', () => {
  it('keeps the first and last character of three or more: "王阿姨" → "王*姨"', () => {
    expect(maskName('王阿姨')).toBe('王*姨');
    expect(maskName('欧阳娜娜')).toBe('欧*娜');
  });

  it('keeps only the first of two, and gives one character a star too, hiding how long a name is', () => {
    expect(maskName('小李')).toBe('小*');
    expect(maskName('王')).toBe('王*');
  });

  it('masks by what a reader sees: emoji, flags and accents stay whole', () => {
    expect(maskName('🌵小店主')).toBe('🌵*主');
    expect(maskName('花👩‍👩‍👧')).toBe('花*');
    expect(maskName('Li🇨🇳')).toBe('L*🇨🇳');
    expect(maskName('👍🏽阿姨好')).toBe('👍🏽*好');
    expect(maskName('José')).toBe('J*é');
    expect(maskName('Jose\u0301')).toBe('J*e\u0301');
    expect(visibleChars('a👨‍👩‍👧b')).toEqual(['a', '👨‍👩‍👧', 'b']);
  });

  it('drops spaces and control characters at the ends, and shows an empty name as one star', () => {
    expect(maskName('  Alice  Wang \n')).toBe('A*g');
    expect(maskName('\u0007王阿姨')).toBe('王*姨');
    expect(maskName('   ')).toBe('*');
    expect(maskName('')).toBe('*');
  });

  it('never shows a whole name of two or more characters, nor a line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 2, maxLength: 12 }), (name) => {
        const masked = maskName(name);
        expect(masked).toContain('*');
        expect(masked).not.toMatch(/[\r\n]/);
        expect(visibleChars(masked).length).toBeLessThanOrEqual(3);
        if (visibleChars(name.trim()).length >= 2 && !name.includes('*')) expect(masked).not.toBe(name.trim());
      }),
    );
  });
});

describe('relative times in Asia/Shanghai', () => {
  const now = TONIGHT + 15 * MINUTE; // 20:15 on 12 June

  it('says 刚刚 under a minute (and for a time a little ahead), then minutes, then hours the same day', () => {
    expect(relativeTime(now - 59_999, now)).toBe('刚刚');
    expect(relativeTime(now + 5_000, now)).toBe('刚刚');
    expect(relativeTime(now - 3 * MINUTE, now)).toBe('3分钟前');
    expect(relativeTime(now - 59 * MINUTE, now)).toBe('59分钟前');
    expect(relativeTime(now - 2 * HOUR - MINUTE, now)).toBe('2小时前');
  });

  it('says 昨天 with the time for the day before, by Shanghai’s calendar not the hours', () => {
    expect(relativeTime(now - DAY, now)).toBe('昨天 20:15');
    const justAfterMidnight = NOON + 12 * HOUR + 10 * MINUTE; // 00:10 on 13 June
    expect(relativeTime(justAfterMidnight - 40 * MINUTE, justAfterMidnight)).toBe('40分钟前');
    expect(relativeTime(justAfterMidnight - 2 * HOUR, justAfterMidnight)).toBe('昨天 22:10');
  });

  it('gives the date for older entries, and the year only for another year', () => {
    expect(relativeTime(now - 3 * DAY, now)).toBe('6月9日 20:15');
    expect(relativeTime(Date.UTC(2024, 11, 31, 4, 0), now)).toBe('2024年12月31日');
  });

  it('writes a 截团 time as 今天, 明天, or the date', () => {
    expect(deadlineText(TONIGHT, NOON)).toBe('今天 20:00');
    expect(deadlineText(TONIGHT + DAY, NOON)).toBe('明天 20:00');
    expect(deadlineText(TONIGHT - DAY, NOON)).toBe('昨天 20:00');
    expect(deadlineText(TONIGHT + 3 * DAY, NOON)).toBe('6月15日 20:00');
    expect(deadlineText(Date.UTC(2026, 0, 2, 12, 0), NOON)).toBe('2026年1月2日 20:00');
  });
});

describe('entry texts', () => {
  it('writes what an order took: "腊肉×2斤", with the spec when there is one', () => {
    expect(entryText([{ name: '腊肉', spec: '', unit: '斤', quantity: 2 }])).toBe('腊肉×2斤');
    expect(entryText([{ name: '腊肉', spec: '五花', unit: '斤', quantity: 2 }, { name: '香肠', spec: '', unit: '斤', quantity: 1 }])).toBe('腊肉（五花）×2斤，香肠×1斤');
  });

  it('shortens long orders to three lines and a count', () => {
    const lines = ['腊肉', '香肠', '榛蘑', '莲子', '渣海椒'].map((name) => ({ name, spec: '', unit: '斤', quantity: 1 }));
    expect(entryText(lines)).toBe('腊肉×1斤，香肠×1斤，榛蘑×1斤等5样');
  });

  it('counts people and quantities: "已有 37 人跟团，共 82 斤"', () => {
    expect(countersText(37, [{ unit: '斤', quantity: 82 }])).toBe('已有 37 人跟团，共 82 斤');
    expect(countersText(3, [{ unit: '斤', quantity: 5 }, { unit: '盒', quantity: 2 }])).toBe('已有 3 人跟团，共 5 斤、2 盒');
    expect(countersText(0, [])).toBe('还没有人跟团，快来第一个');
  });
});

describe('the group text (接龙文案)', () => {
  const items = [
    { name: '酉阳腊肉', unit: '斤', priceLi: 30_000, tiers: [{ minQty: 50, priceLi: 25_000 }, { minQty: 100, priceLi: 22_500 }], countedQty: 38 },
    { name: '麻辣香肠', unit: '斤', priceLi: 40_000, tiers: [], countedQty: 6 },
  ];
  const entries = [
    { seq: 2, name: '小李', summary: '酉阳腊肉×5斤' },
    { seq: 1, name: '王阿姨', summary: '酉阳腊肉×2斤' },
    { seq: 3, name: '张', summary: '麻辣香肠×6斤' },
  ];
  const base = { shopName: '老张山货铺', title: '今晚截单：酉阳腊肉', text: '柴火烟熏，年前最后一批。', endAt: TONIGHT, items, entries, now: NOON };

  it('holds the title, 截团 time, prices with tiers and progress, the numbered list with masked names, and how to join', () => {
    expect(campaignGroupText(base)).toBe(
      [
        '【老张山货铺】今晚截单：酉阳腊肉',
        '截团时间：今天 20:00',
        '柴火烟熏，年前最后一批。',
        '',
        '1. 酉阳腊肉 ¥30.00/斤，满50斤 ¥25.00/斤，满100斤 ¥22.50/斤（已接 38 斤，再卖 12 斤降到 ¥25.00/斤）',
        '2. 麻辣香肠 ¥40.00/斤',
        '',
        '接龙（3 人）：',
        '1. 王*姨 酉阳腊肉×2斤',
        '2. 小* 酉阳腊肉×5斤',
        '3. 张* 麻辣香肠×6斤',
        '',
        '点群里的小程序卡片，就能跟团下单。',
      ].join('\n'),
    );
  });

  it('is the same text for the same data, whatever order entries come in', () => {
    expect(campaignGroupText({ ...base, entries: [...entries].reverse() })).toBe(campaignGroupText(base));
  });

  it('never carries a full name', () => {
    expect(campaignGroupText(base)).not.toMatch(/王阿姨|小李/);
  });

  it('stops a long list with how many more joined', () => {
    const many = Array.from({ length: 5 }, (_, index) => ({ seq: index + 1, name: `买家${index + 1}号`, summary: '腊肉×1斤' }));
    const text = campaignGroupText({ ...base, entries: many, maxEntries: 3 });
    expect(text).toContain('接龙（5 人）：\n1. 买*号 腊肉×1斤');
    expect(text).toContain('3. 买*号 腊肉×1斤\n……还有 2 人跟团');
    expect(text).not.toContain('4. ');
  });

  it('says when it has ended and drops the progress', () => {
    const text = campaignGroupText({ ...base, now: TONIGHT + MINUTE });
    expect(text).toContain('已截团：今天 20:00');
    expect(text).not.toContain('再卖');
    expect(text).toContain('本团已截团');
  });

  it('invites the first buyer when nobody joined yet', () => {
    expect(campaignGroupText({ ...base, entries: [] })).toContain('接龙：还没有人跟团，快来第一个');
  });
});
