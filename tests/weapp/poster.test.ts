// Smoke test of saving a poster in the built weapp after the album permission was refused: the
// vendor once tapped 拒绝 on WeChat's "保存到相册" popup, so saveImageToPhotosAlbum fails with
// "auth deny" and WeChat will not ask again (privacy-platform.ts). The gate offers 去设置; coming
// back without switching it on saves nothing and says nothing in English; switching it on in 设置
// saves the poster. The page is the seller's 分享工具 (packages/seller/share).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { bootMiniProgram, waitFor, type MiniProgram, text } from './harness';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const OWNER = 'demo-owner-laozhang';
const ALBUM = 'scope.writePhotosAlbum';

type Json = Record<string, any>;

/** Answers a callback-style wx API as the client does (Taro promisifies through success/fail). */
function ok(options: Json, result: Json): void {
  void Promise.resolve().then(() => (options.success?.(result), options.complete?.(result)));
}

/**
 * The client's 2D canvas, as far as drawing a poster needs it: a node from the selector query whose
 * context draws nothing, images that load, and canvasToTempFilePath handing back a temp file.
 */
function canvasStandIns() {
  let files = 0;
  const context = () =>
    new Proxy({ measureText: (value: string) => ({ width: value.length * 30 }) } as Json, {
      get: (target, key) => (typeof key === 'string' && key in target ? target[key] : () => undefined),
      set: (target, key, value) => ((target[key as string] = value), true),
    });
  const node = () => ({
    width: 0,
    height: 0,
    getContext: context,
    createImage() {
      const image: Json = { width: 220, height: 220, onload: () => undefined, onerror: () => undefined };
      return Object.defineProperty(image, 'src', { set: () => void setTimeout(() => image.onload(), 0) });
    },
  });
  return {
    env: { USER_DATA_PATH: 'wxfile://usr' },
    // A SelectorQuery: select() gives a NodesRef whose fields() gives the query back, exec() answers.
    createSelectorQuery() {
      const selected: string[] = [];
      const query = {
        select: (selector: string) => (selected.push(selector), { fields: () => query }),
        exec: (callback: (res: (Json | null)[]) => void) => void setTimeout(() => callback(selected.map((selector) => (/-canvas$/.test(selector) ? { node: node() } : null))), 0),
      };
      return query;
    },
    canvasToTempFilePath: (options: Json) => ok(options, { errMsg: 'canvasToTempFilePath:ok', tempFilePath: `wxfile://tmp/poster-${++files}.png` }),
    getFileSystemManager: () => ({ writeFileSync: () => undefined }),
  };
}

describe('the built weapp saves a poster after the album permission was refused', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;
  const saved: string[] = [];
  const modals: Json[] = [];
  const toasts: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    emu = await startTestEmulator();
    mp = bootMiniProgram(
      DIST,
      (name, data) => emu.call(name, data, OWNER),
      {
        ...canvasStandIns(),
        saveImageToPhotosAlbum: ({ filePath }: Json) => (saved.push(filePath), { errMsg: 'saveImageToPhotosAlbum:ok' }),
        // The user answers every modal with its confirm button (去设置).
        showModal: (options: Json) => (modals.push(options), ok(options, { errMsg: 'showModal:ok', confirm: true, cancel: false })),
        showToast: (options: Json) => (toasts.push(options.title), ok(options, { errMsg: 'showToast:ok' })),
      },
      { privacy: { agreed: true, authSetting: { [ALBUM]: false } } },
    );
  });
  afterAll(() => emu?.close());

  it('offers 去设置; back without allowing saves nothing; allowed in 设置, the poster is saved', async () => {
    const page = mp.openPage('packages/seller/share/index', { shopId: 'demo-shop' });
    page.tap(await waitFor(() => page.all('make-poster')[0], () => `做海报; the page shows: ${text(page.dom)}`, 10_000));
    const save = await waitFor(() => page.all('save-poster')[0], () => `保存海报; the page shows: ${text(page.dom)}`, 10_000);
    expect(page.all('poster-image')).toHaveLength(1);

    // In 设置 the user leaves the album off: nothing is saved, nothing else is said.
    page.tap(save);
    await waitFor(() => mp.privacy.settingsOpened === 1, () => `设置 opened; modals: ${JSON.stringify(modals)}`);
    expect(modals).toEqual([expect.objectContaining({ title: '需要你的允许', confirmText: '去设置', content: expect.stringContaining('没能把海报存到相册') })]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(saved).toEqual([]);
    expect(modals).toHaveLength(1);
    expect(toasts).not.toContain('已存到相册');
    expect(mp.privacy.authSetting[ALBUM]).toBe(false);

    // This time she switches 保存到相册 on in 设置 and comes back: the poster is saved.
    mp.privacy.inSettings = (authSetting) => void (authSetting[ALBUM] = true);
    page.tap(save);
    await waitFor(() => saved.length === 1, () => `the poster saved; modals: ${JSON.stringify(modals)}`);
    // The drawn poster: canvasToTempFilePath's temp file.
    expect(saved).toEqual([expect.stringMatching(/^wxfile:\/\/tmp\/poster-\d+\.png$/)]);
    expect(mp.privacy.settingsOpened).toBe(2);
    expect(modals).toHaveLength(2);
    expect(modals.map((modal) => `${modal.title}${modal.content}`).join('')).not.toMatch(/[A-Za-z]/);
    await waitFor(() => toasts.includes('已存到相册'), () => `the 已存到相册 toast; toasts: ${toasts.join(', ')}`);

    // Allowed now: a second save goes straight through.
    page.tap(save);
    await waitFor(() => saved.length === 2, 'the second save');
    expect(mp.privacy.settingsOpened).toBe(2);
    expect(modals).toHaveLength(2);
    page.unload();
  });
});
