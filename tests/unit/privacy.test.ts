// The privacy table is the one source of app.json's requiredPrivateInfos and of the README's list
// of 用户隐私保护指引 items; both are derived from it, and a stale README fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PRIVACY_CATALOG, PRIVACY_USES, privacyFailureText, privacyItems, privacyReadmeBlock, requiredPrivateInfos, withPrivacyBlock } from '@core/privacy';

describe('the privacy table', () => {
  it('the README lists exactly the items the table derives (npm run privacy:readme rewrites it)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(withPrivacyBlock(readme)).toBe(readme);
    expect(readme).toContain(privacyReadmeBlock());
  });

  it('app.config declares requiredPrivateInfos from the table: chooseAddress, and only APIs that need it', async () => {
    // Taro defines defineAppConfig as a global when it reads the file; here it hands the object back.
    (globalThis as { defineAppConfig?: (config: unknown) => unknown }).defineAppConfig = (config) => config;
    const appConfig = (await import('../../src/app.config')).default as { requiredPrivateInfos?: string[] };
    expect(appConfig.requiredPrivateInfos).toEqual(requiredPrivateInfos());
    expect(requiredPrivateInfos()).toEqual(['chooseAddress']);
    expect(requiredPrivateInfos([{ api: 'chooseLocation', purpose: '选自提点', action: '在地图上选位置' }, { api: 'chooseMedia', purpose: 'x', action: 'y' }])).toEqual(['chooseLocation']);
  });

  it('groups APIs under the item WeChat names, one item once', () => {
    const items = privacyItems();
    expect(new Set(items.map((entry) => entry.item)).size).toBe(items.length);
    expect(items.find((entry) => entry.apis.includes('input.nickname'))?.apis).toEqual(['button.chooseAvatar', 'input.nickname']);
    for (const use of PRIVACY_USES) expect(PRIVACY_CATALOG[use.api]).toBeDefined();
  });

  it('tells WeChat failures in Chinese, never the English errMsg, and keeps quiet on a cancel', () => {
    const fails = [
      'chooseAddress:fail privacy permission is not authorized',
      'chooseAddress:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json',
      'setClipboardData:fail api scope is not declared in the privacy agreement',
      'saveImageToPhotosAlbum:fail auth deny',
      'chooseMedia:fail something unexpected',
    ];
    for (const errMsg of fails) {
      const text = privacyFailureText(errMsg, '从微信选择收货地址');
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/[A-Za-z]/);
    }
    expect(privacyFailureText('chooseAddress:fail cancel')).toBeNull();
  });
});
