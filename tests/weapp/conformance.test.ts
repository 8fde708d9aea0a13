// WeChat's platform rules on the built mini-program (dist/weapp, built by `npm test` before jest):
// what the platform, its review or the phone would reject, found before upload. Each rule is also
// shown to bite on a copy of the build broken the way it guards against.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  allProblems,
  componentProblems,
  directPrivacyCallProblems,
  listedPages,
  loadBuild,
  pageProblems,
  preloadProblems,
  privacyApisUsed,
  privacyProblems,
  privacySheetProblems,
  shareProblems,
  sizeProblems,
  SHARED_PAGES,
  type Build,
} from './conformance';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const SRC = path.resolve(__dirname, '../../src');

/** A small src/ tree to break: files by path relative to it. */
function sourceTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'conformance-src-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('the built mini-program follows WeChat’s rules', () => {
  let build: Build;
  beforeAll(() => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    build = loadBuild(DIST);
  });
  /** A copy of the build to break: its own app.json, files and sizes. */
  const copy = (): Build => ({ appJson: structuredClone(build.appJson), files: new Map(build.files), sizes: new Map(build.sizes) });

  it('has no problem at all', () => {
    expect(allProblems(build)).toEqual([]);
  });

  it('every privacy or location API it calls is declared: chooseAddress is called and listed in requiredPrivateInfos', () => {
    expect([...privacyApisUsed(build).keys()]).toContain('chooseAddress');
    expect(build.appJson.requiredPrivateInfos).toContain('chooseAddress');
    const undeclared = copy();
    delete undeclared.appJson.requiredPrivateInfos;
    expect(privacyProblems(undeclared)).toEqual([expect.stringContaining('chooseAddress is called (packages/buyer/checkout/index.js) but app.json requiredPrivateInfos does not declare it')]);
    const newApi = copy();
    newApi.files.set('packages/seller/x.js', 'o().chooseLocation({})');
    expect(privacyProblems(newApi)).toEqual([
      expect.stringContaining("chooseLocation is used (packages/seller/x.js) but src/core/privacy.ts's PRIVACY_USES does not list it"),
      expect.stringContaining('chooseLocation is called (packages/seller/x.js) but app.json requiredPrivateInfos does not declare it'),
    ]);
  });

  it('every listed page is built and every built page is listed', () => {
    const missing = copy();
    missing.appJson.subPackages[0].pages.push('ghost/index');
    expect(pageProblems(missing)).toEqual(expect.arrayContaining([expect.stringContaining('packages/buyer/ghost/index is listed in app.json but packages/buyer/ghost/index.js is not built')]));
    const unlisted = copy();
    unlisted.files.set('packages/buyer/stray/index.json', '{"usingComponents":{}}');
    expect(pageProblems(unlisted)).toEqual([expect.stringContaining('packages/buyer/stray/index is built but neither')]);
  });

  it('preload rules name known pages and packages and stay under 2 MB per page', () => {
    const unknown = copy();
    unknown.appJson.preloadRule['pages/index/index'].packages.push('packages/nowhere');
    expect(preloadProblems(unknown)).toEqual([expect.stringContaining('names package packages/nowhere')]);
    const heavy = copy();
    heavy.sizes.set('packages/buyer', 2100 * 1024);
    expect(preloadProblems(heavy)).toEqual(expect.arrayContaining([expect.stringContaining("over WeChat's 2048 KB per page")]));
  });

  it('every custom component a template uses is registered', () => {
    const broken = copy();
    broken.files.set('pages/index/index.json', JSON.stringify({ usingComponents: {} }));
    expect(componentProblems(broken)).toEqual([expect.stringContaining('pages/index/index.wxml uses <comp> but pages/index/index.json does not register it')]);
  });

  it('the pages the storefront shares (shop, product, campaign) have onShareAppMessage and onShareTimeline', () => {
    expect(SHARED_PAGES).toEqual(['pages/index/index', 'pages/product/index', 'packages/group/campaign/index']);
    const broken = copy();
    broken.files.set('pages/product/index.js', build.files.get('pages/product/index.js')!.replace(/\.enableShareTimeline=!0/g, ''));
    expect(shareProblems(broken)).toEqual([expect.stringContaining('pages/product/index is shared by the storefront but has no onShareTimeline')]);
  });

  it('the main package stays within its 500 KB budget', () => {
    const broken = copy();
    broken.sizes.set('main', 501 * 1024);
    expect(sizeProblems(broken)).toEqual(['main package is 501.0 KB, over its 500 KB budget']);
  });

  it('privacy APIs are called only inside the gate, and every page using the gate renders its sheet', () => {
    expect(directPrivacyCallProblems(SRC)).toEqual([]);
    expect(privacySheetProblems(SRC, listedPages(build.appJson))).toEqual([]);

    const dir = sourceTree({
      'utils/privacy.ts': 'export async function withPrivacy() {}',
      'utils/clipboard.ts': "import Taro from '@tarojs/taro';\nimport { withPrivacy } from './privacy';\n// Taro.setClipboardData( in a comment is no call\nexport const copied = (data: string) => withPrivacy('setClipboardData', () => Taro.setClipboardData({ data }));",
      'components/privacy-sheet/index.tsx': 'export function PrivacySheet() { return null; }',
      'pages/direct/index.tsx': "import Taro from '@tarojs/taro';\nexport default function Page() {\n  void Taro.setClipboardData({ data: 'x' });\n  void wx.scanCode({});\n  return null;\n}",
      'pages/gated/index.tsx': "import { copied } from '../../utils/clipboard';\nimport { PrivacySheet } from '../../components/privacy-sheet';\nexport default () => <PrivacySheet />;",
      'pages/sheetless/index.tsx': "import { Part } from './part';\nexport default () => <Part />;",
      'pages/sheetless/part.tsx': "import { copied } from '../../utils/clipboard';\nexport const Part = () => null;",
    });
    try {
      expect(directPrivacyCallProblems(dir)).toEqual([
        expect.stringContaining('src/pages/direct/index.tsx:3 calls setClipboardData directly'),
        expect.stringContaining('src/pages/direct/index.tsx:4 calls scanCode directly'),
      ]);
      // The gate's own modules are allowed only by name, and only for the APIs they wrap.
      expect(directPrivacyCallProblems(dir, {})).toContainEqual(expect.stringContaining('src/utils/clipboard.ts:4 calls setClipboardData directly'));
      expect(directPrivacyCallProblems(dir, { 'utils/clipboard.ts': { apis: ['saveImageToPhotosAlbum'], why: '' } })).toHaveLength(3);
      expect(privacySheetProblems(dir, ['pages/direct/index', 'pages/gated/index', 'pages/sheetless/index'])).toEqual([
        'pages/sheetless/index uses the privacy gate (src/utils/privacy.ts) but renders no <PrivacySheet />, so the gate cannot ask there',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
