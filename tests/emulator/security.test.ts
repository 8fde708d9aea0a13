/**
 * security.msgSecCheck in the emulator: the pure matcher, the list file, and the whole path from
 * a function using the unmodified SDK (tests/functions/fixtures/moderator) to the emulator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_BLOCKED_WORDS_FILE,
  LABELS,
  checkText,
  loadBlockedWords,
  normaliseText,
  parseBlockedWords,
} from '../../emulator/openapi/security';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

const WORDS = parseBlockedWords(['刷单 20008 欺诈', '代开发票 20006 违法犯罪', 'spam', '# a comment', ''].join('\n'));

describe('checkText', () => {
  it('passes clean text with label 100', () => {
    expect(checkText('酉阳柴火烟熏腊肉，今天下午发货', WORDS)).toEqual({ suggest: 'pass', label: 100, hits: [] });
  });

  it.each([
    ['spaces between characters', '微 信 刷 单'],
    ['punctuation and symbols', '刷-单！'],
    ['emoji and a zero-width space', '刷🔥\u200b单'],
    ['a line break', '刷\n单'],
  ])('finds a listed word split by %s', (_case, text) => {
    expect(checkText(text, WORDS)).toMatchObject({ suggest: 'risky', label: 20008, hits: [{ word: '刷单', label: 20008 }] });
  });

  it('ignores case and full-width letters', () => {
    expect(checkText('ＳＰＡＭ here', WORDS).hits).toEqual([{ word: 'spam', label: 21000 }]);
    expect(checkText('Sp A m', WORDS).suggest).toBe('risky');
  });

  it('reports every hit in list order and takes the label from the first listed one', () => {
    const verdict = checkText('可以代开发票，也接刷单', WORDS);
    expect(verdict.label).toBe(20008);
    expect(verdict.hits.map((h) => h.word)).toEqual(['刷单', '代开发票']);
  });

  it('treats plain strings as words labelled 21000 (其他)', () => {
    expect(checkText('hello world', ['world'])).toMatchObject({ suggest: 'risky', label: 21000 });
  });

  it('normalises text to lower case without spaces, punctuation or symbols', () => {
    expect(normaliseText(' Ａb-C，的 😀 ')).toBe('abc的');
  });
});

describe('the blocked-words list', () => {
  it('reads words with optional labels and skips comments and blank lines', () => {
    expect(WORDS).toEqual([
      { word: '刷单', label: 20008 },
      { word: '代开发票', label: 20006 },
      { word: 'spam', label: 21000 },
    ]);
  });

  it('rejects an unknown label, naming the line', () => {
    expect(() => parseBlockedWords('ok 100\nbad 12345', 'list.txt')).toThrow('list.txt:2: unknown label 12345');
  });

  it('rejects a word that is only punctuation, since it would match every text', () => {
    expect(() => parseBlockedWords('！！ 20003', 'list.txt')).toThrow('list.txt:1: the word is empty after normalising');
  });

  it('ships a default list whose labels are all WeChat label codes', () => {
    const words = loadBlockedWords({});
    expect(words.length).toBeGreaterThanOrEqual(5);
    expect(words.every((w) => w.label in LABELS)).toBe(true);
    expect(words).toContainEqual({ word: '刷单', label: 20008 });
  });

  it('is read from CACTUS_BLOCKED_WORDS when that names a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cactus-words-'));
    try {
      writeFileSync(join(dir, 'words.txt'), '仙人掌 10001\n');
      expect(loadBlockedWords({ CACTUS_BLOCKED_WORDS: join(dir, 'words.txt') })).toEqual([{ word: '仙人掌', label: 10001 }]);
      expect(DEFAULT_BLOCKED_WORDS_FILE).toMatch(/emulator[\\/]security[\\/]blocked-words\.txt$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('security.msgSecCheck called from a function through the SDK', () => {
  const BUYER = 'demo-buyer-wangayi';
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: join(__dirname, '..', 'functions', 'fixtures'), seed: false });
  });
  afterAll(() => emu.close());

  const check = (params: Record<string, unknown>, openid = BUYER) => emu.reply('moderator', params, openid);

  it('passes clean text with errcode 0, suggest pass, label 100 and a trace id (camelCased by the SDK)', async () => {
    const { ok, reply } = await check({ content: '腊肉什么时候发货？', version: 2, scene: 2 });
    expect(ok).toBe(true);
    expect(reply).toEqual({
      errCode: 0,
      errMsg: 'openapi.security.msgSecCheck:ok',
      result: { suggest: 'pass', label: 100 },
      detail: [
        { strategy: 'keyword', errcode: 0 },
        { strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 },
      ],
      traceId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
    });
  });

  it('answers risky text in v2 with errcode 0, suggest risky, the label and the keyword it hit', async () => {
    const { ok, reply } = await check({ content: '招人 微 信 刷 单，日结', version: 2, scene: 2 });
    expect(ok).toBe(true);
    expect(reply.errCode).toBe(0);
    expect(reply.result).toEqual({ suggest: 'risky', label: 20008 });
    expect(reply.detail).toContainEqual({ strategy: 'keyword', errcode: 0, suggest: 'risky', label: 20008, keyword: '刷单' });
  });

  it('checks the title and nickname as well as the content', async () => {
    const { reply } = await check({ content: '好吃', title: '代开发票', nickname: '老张', version: 2, scene: 3 });
    expect(reply.result).toEqual({ suggest: 'risky', label: 20006 });
  });

  it('checks the signature only in scene 1 (profile), as documented', async () => {
    const profile = await check({ content: '卖腊肉', signature: '刷单', version: 2, scene: 1 });
    const comment = await check({ content: '卖腊肉', signature: '刷单', version: 2, scene: 2 });
    expect(profile.reply.result.suggest).toBe('risky');
    expect(comment.reply.result.suggest).toBe('pass');
  });

  it('accepts the openid of a demo user other than the caller', async () => {
    const { ok } = await check({ content: '好吃', version: 2, scene: 2, openid: 'demo-buyer-xiaoli' });
    expect(ok).toBe(true);
  });

  it.each([
    ['missing content', 44002, { content: undefined }],
    ['empty content', 44002, { content: '' }],
    ['content over 2500 characters', 47001, { content: '好'.repeat(2501) }],
    ['a scene outside 1-4', 40129, { scene: 5 }],
    ['an empty openid', 40003, { openid: '' }],
    ['an openid that has not visited the app', 61010, { openid: 'o-stranger' }],
    ['a version other than 2', 47001, { version: 3 }],
    ['a title that is not text', 47001, { title: 42 }],
  ])('rejects %s with errcode %i', async (_case, errCode, change) => {
    const params: Record<string, unknown> = { content: '好吃', version: 2, scene: 2, ...change };
    for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
    const result = await check(params);
    expect(result).toMatchObject({ ok: false, errCode });
    expect(result.errMsg).toMatch(/^openapi\.security\.msgSecCheck:fail /);
  });

  it('keeps v1 (no version) behaviour: risky text fails with 87014, clean text is ok', async () => {
    expect(await check({ content: '代开发票' })).toMatchObject({ ok: false, errCode: 87014 });
    expect(await check({ content: '好吃' })).toMatchObject({ ok: true, reply: { errCode: 0 } });
  });

  it('uses the list named by CACTUS_BLOCKED_WORDS, read at each call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cactus-words-'));
    const saved = process.env.CACTUS_BLOCKED_WORDS;
    try {
      writeFileSync(join(dir, 'words.txt'), '烟熏 20012 低俗\n');
      process.env.CACTUS_BLOCKED_WORDS = join(dir, 'words.txt');
      const { reply } = await check({ content: '柴火烟熏腊肉', version: 2, scene: 2 });
      expect(reply.result).toEqual({ suggest: 'risky', label: 20012 });
      expect((await check({ content: '刷单', version: 2, scene: 2 })).reply.result.suggest).toBe('pass');
    } finally {
      if (saved === undefined) delete process.env.CACTUS_BLOCKED_WORDS;
      else process.env.CACTUS_BLOCKED_WORDS = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
