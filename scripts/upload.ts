// `npm run upload` / `npm run preview`: builds the weapp and sends dist/weapp to WeChat through
// miniprogram-ci, the official CI tool (the same compiler and uploader as WeChat DevTools).
//
//   MP_APPID            the mini-program's AppID (default: project.config.json's appid, unless it is the tourist one)
//   MP_UPLOAD_KEY       the 代码上传密钥: the private key's text, or the path of the downloaded private.<appid>.key
//   MP_UPLOAD_KEY_PATH  the key's path, if you prefer a separate variable
//   MP_VERSION          version shown in 版本管理 (default: package.json's version); MP_DESC its note
//   MP_ROBOT            which CI robot (1-30) uploads, default 1
// Get the key at mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传 (生成密钥, and add this
// machine's IP to the IP whitelist or turn the whitelist off).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const mode = process.argv[2] === 'preview' ? 'preview' : 'upload';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The upload key's text, from MP_UPLOAD_KEY (text or path) or MP_UPLOAD_KEY_PATH. */
function uploadKey(): string {
  const given = process.env.MP_UPLOAD_KEY?.trim();
  const path = process.env.MP_UPLOAD_KEY_PATH?.trim() || (given && !given.includes('BEGIN') ? given : '');
  if (path) {
    if (!existsSync(path)) fail(`The upload key file ${path} does not exist (MP_UPLOAD_KEY / MP_UPLOAD_KEY_PATH).`);
    return readFileSync(path, 'utf8');
  }
  if (given) return given.replace(/\\n/g, '\n');
  return fail(
    [
      'No upload key: set MP_UPLOAD_KEY to the key text or to the path of private.<appid>.key (or MP_UPLOAD_KEY_PATH).',
      '缺少代码上传密钥：在 mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传 生成并下载密钥，',
      '然后设置 MP_UPLOAD_KEY（密钥内容或文件路径）。若开启了 IP 白名单，请加入本机 IP。',
    ].join('\n'),
  );
}

function appId(): string {
  const fromEnv = process.env.MP_APPID?.trim();
  if (fromEnv) return fromEnv;
  const configured = (JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')) as { appid?: string }).appid;
  if (configured && configured !== 'touristappid') return configured;
  return fail('No AppID: set MP_APPID to the mini-program AppID (mp.weixin.qq.com → 开发管理 → 开发设置 → AppID). 缺少 AppID：请设置 MP_APPID。');
}

async function main(): Promise<void> {
  // Checked before the build, so a missing key costs no build time.
  const appid = appId();
  const privateKey = uploadKey();
  if (!process.env.TARO_APP_CLOUD_ENV) console.warn('Warning: TARO_APP_CLOUD_ENV is not set: the app will call the mini-program’s default cloud environment.');
  if (!process.argv.includes('--no-build')) execFileSync(join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(join(root, 'dist', 'weapp', 'app.json'))) fail('dist/weapp/app.json is missing: run npm run build:weapp first.');

  // Loaded only now: it is large, and the checks above need none of it.
  const ci = await import('miniprogram-ci');
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath: root, privateKey, ignores: ['node_modules/**/*', '.data/**/*', 'dist/h5/**/*', 'dist/cloudfunctions/**/*'] });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const version = process.env.MP_VERSION?.trim() || pkg.version;
  const desc = process.env.MP_DESC?.trim() || `仙人掌小店 ${version}`;
  const robot = Number(process.env.MP_ROBOT) || 1;
  const setting = { useProjectConfig: true };
  if (mode === 'preview') {
    const qrcodeOutputDest = join(root, 'dist', 'preview-qrcode.jpg');
    const result = await ci.preview({ project, version, desc, setting, robot, qrcodeFormat: 'image', qrcodeOutputDest, onProgressUpdate: () => {} });
    console.log(`Preview ready: scan ${qrcodeOutputDest} with WeChat (valid for a short while).`);
    for (const pkgInfo of result.subPackageInfo ?? []) console.log(`  ${pkgInfo.name}: ${(pkgInfo.size / 1024).toFixed(0)} KB`);
    return;
  }
  const result = await ci.upload({ project, version, desc, setting, robot, onProgressUpdate: () => {} });
  console.log(`Uploaded version ${version} as robot ${robot}: it is now a 开发版本 in mp.weixin.qq.com → 管理 → 版本管理; submit it for review there.`);
  for (const pkgInfo of result.subPackageInfo ?? []) console.log(`  ${pkgInfo.name}: ${(pkgInfo.size / 1024).toFixed(0)} KB`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
