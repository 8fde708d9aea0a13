// WeChat's rules checked on the built mini-program (dist/weapp), as the platform and its review
// would apply them to what we upload. Each check reads a loaded build and names every problem;
// conformance.test.ts runs them on the real build and shows each one bites on a broken copy.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PRIVACY_CATALOG, PRIVACY_USES, type PrivacyApi } from '../../src/core/privacy';
import { ROUTES } from '../../src/core/routes';
import { BUDGET_KB, packageSizes } from '../../scripts/lib/package-sizes';

type Json = Record<string, any>;

export interface Build {
  appJson: Json;
  /** Every file of the build by its path relative to the dist root ('/' separated), as text for .js/.json/.wxml, '' for others. */
  files: Map<string, string>;
  /** Bytes per package ('main' and each subpackage root). */
  sizes: Map<string, number>;
}

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, root) : [path.relative(root, full).split(path.sep).join('/')];
  });
}

export function loadBuild(dist: string): Build {
  const files = new Map<string, string>();
  for (const file of listFiles(dist)) files.set(file, /\.(js|json|wxml)$/.test(file) ? readFileSync(path.join(dist, file), 'utf8') : '');
  return { appJson: JSON.parse(files.get('app.json')!), files, sizes: packageSizes(dist) };
}

const subPackagesOf = (app: Json): { root: string; pages: string[] }[] => (app.subPackages ?? app.subpackages ?? []).map((sub: Json) => ({ root: String(sub.root).replace(/^\/+|\/+$/g, ''), pages: sub.pages }));

/** Every page route app.json lists, main package and subpackages. */
export function listedPages(app: Json): string[] {
  return [...app.pages, ...subPackagesOf(app).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
}

/** How a privacy API or component shows in built JS: a call `.chooseAddress(`, or a prop Taro renders. */
const USE_PATTERNS: Record<string, RegExp> = {
  'button.chooseAvatar': /openType:\s*["']chooseAvatar["']/,
  'input.nickname': /type:\s*["']nickname["']/,
  'button.getPhoneNumber': /openType:\s*["']getPhoneNumber["']/,
};
const patternOf = (api: string) => USE_PATTERNS[api] ?? new RegExp(`\\.${api}\\(`);

/** The privacy APIs the built JS uses, each with the files using it. taro.js only lists names, it calls none. */
export function privacyApisUsed(build: Build): Map<PrivacyApi, string[]> {
  const used = new Map<PrivacyApi, string[]>();
  for (const api of Object.keys(PRIVACY_CATALOG) as PrivacyApi[]) {
    const files = [...build.files].filter(([file, text]) => file.endsWith('.js') && patternOf(api).test(text)).map(([file]) => file);
    if (files.length) used.set(api, files);
  }
  return used;
}

/** A privacy or location API called but not declared: not in src/core/privacy.ts's uses, or missing from app.json requiredPrivateInfos. */
export function privacyProblems(build: Build): string[] {
  const problems: string[] = [];
  const declared = new Set<string>(PRIVACY_USES.map((use) => use.api));
  const required = new Set<string>(build.appJson.requiredPrivateInfos ?? []);
  for (const [api, files] of privacyApisUsed(build)) {
    if (!declared.has(api)) problems.push(`${api} is used (${files.join(', ')}) but src/core/privacy.ts's PRIVACY_USES does not list it, so its 用户隐私保护指引 item is not declared`);
    if ((PRIVACY_CATALOG[api] as { requiredPrivateInfo?: true }).requiredPrivateInfo && !required.has(api))
      problems.push(`${api} is called (${files.join(', ')}) but app.json requiredPrivateInfos does not declare it: WeChat answers "${api}:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json"`);
  }
  for (const api of required) if (!(api in PRIVACY_CATALOG) || !(PRIVACY_CATALOG[api as PrivacyApi] as { requiredPrivateInfo?: true }).requiredPrivateInfo) problems.push(`app.json requiredPrivateInfos names ${api}, which is not a requiredPrivateInfos API`);
  return problems;
}

/** A page or subpackage listed but missing from the build, or built but not listed. */
export function pageProblems(build: Build): string[] {
  const problems: string[] = [];
  const listed = listedPages(build.appJson);
  for (const page of listed) for (const ext of ['js', 'json', 'wxml']) if (!build.files.has(`${page}.${ext}`)) problems.push(`${page} is listed in app.json but ${page}.${ext} is not built`);
  for (const sub of subPackagesOf(build.appJson)) if (![...build.files.keys()].some((file) => file.startsWith(`${sub.root}/`))) problems.push(`subpackage ${sub.root} is listed but has no files`);
  const listedSet = new Set(listed);
  const components = componentPaths(build);
  for (const file of build.files.keys()) {
    if (!file.endsWith('.json') || file === 'app.json' || file === 'project.config.json') continue;
    const page = file.replace(/\.json$/, '');
    if (!listedSet.has(page) && !components.has(page)) problems.push(`${page} is built but neither app.json lists it as a page nor any page uses it as a component`);
  }
  return problems;
}

/** Every component path a page or component registers in usingComponents (resolved from the dist root). */
function componentPaths(build: Build): Set<string> {
  const paths = new Set<string>();
  for (const [file, text] of build.files) {
    if (!file.endsWith('.json') || file === 'app.json' || file === 'project.config.json') continue;
    for (const target of Object.values<string>(JSON.parse(text).usingComponents ?? {})) paths.add(path.posix.join(path.posix.dirname(file), target).replace(/^\/+/, ''));
  }
  for (const target of Object.values<string>(build.appJson.usingComponents ?? {})) paths.add(target.replace(/^\/+/, ''));
  return paths;
}

/** A preloadRule for an unknown page or package, or preloading more than 2 MB for one page. */
export function preloadProblems(build: Build): string[] {
  const problems: string[] = [];
  const roots = new Map(subPackagesOf(build.appJson).map((sub) => [sub.root, sub] as const));
  const pages = new Set(listedPages(build.appJson));
  for (const [page, rule] of Object.entries<Json>(build.appJson.preloadRule ?? {})) {
    if (!pages.has(page)) problems.push(`preloadRule names page ${page}, which app.json does not list`);
    let bytes = 0;
    for (const name of rule.packages ?? []) {
      const root = name === '__APP__' ? 'main' : String(name).replace(/^\/+|\/+$/g, '');
      if (root !== 'main' && !roots.has(root)) {
        problems.push(`preloadRule of ${page} names package ${name}, which app.json does not list`);
        continue;
      }
      bytes += build.sizes.get(root) ?? 0;
    }
    if (bytes > 2 * 1024 * 1024) problems.push(`preloadRule of ${page} preloads ${(bytes / 1024).toFixed(0)} KB, over WeChat's 2048 KB per page`);
  }
  return problems;
}

/** WXML's own tags and WeChat's built-in components: anything else in a template must be registered. */
const BUILT_IN = new Set(
  (
    'template import include block wxs slot view scroll-view swiper swiper-item movable-area movable-view cover-view cover-image icon text rich-text progress ' +
    'button checkbox checkbox-group form input label picker picker-view picker-view-column radio radio-group slider switch textarea editor keyboard-accessory ' +
    'navigator functional-page-navigator audio image video camera live-player live-pusher voip-room map canvas open-data web-view ad ad-custom official-account ' +
    'page-container share-element root-portal match-media page-meta navigation-bar channel-live channel-video store-product store-home grid-view list-view ' +
    'sticky-header sticky-section grid-builder list-builder nested-scroll-header nested-scroll-body draggable-sheet span snapshot'
  ).split(' '),
);

/** The tags a WXML file uses, with the WXML files it imports or includes followed. */
function tagsOf(build: Build, file: string, seen = new Set<string>()): Set<string> {
  const tags = new Set<string>();
  if (seen.has(file)) return tags;
  seen.add(file);
  const text = build.files.get(file) ?? '';
  for (const [, tag] of text.matchAll(/<([a-zA-Z][\w-]*)/g)) tags.add(tag);
  for (const [, src] of text.matchAll(/<(?:import|include)\s+src="([^"]+)"/g)) {
    const target = path.posix.join(path.posix.dirname(file), src.endsWith('.wxml') ? src : `${src}.wxml`);
    for (const tag of tagsOf(build, target, seen)) tags.add(tag);
  }
  return tags;
}

/** A custom component used in a page's or component's template but not in its usingComponents (or app.json's). */
export function componentProblems(build: Build): string[] {
  const problems: string[] = [];
  const global = new Set(Object.keys(build.appJson.usingComponents ?? {}));
  for (const [file, text] of build.files) {
    if (!file.endsWith('.json') || file === 'app.json' || file === 'project.config.json') continue;
    const base = file.replace(/\.json$/, '');
    if (!build.files.has(`${base}.wxml`)) continue;
    const registered = new Set([...global, ...Object.keys(JSON.parse(text).usingComponents ?? {})]);
    for (const tag of tagsOf(build, `${base}.wxml`)) if (!BUILT_IN.has(tag) && !registered.has(tag)) problems.push(`${base}.wxml uses <${tag}> but ${file} does not register it in usingComponents`);
  }
  return problems;
}

/** The pages the storefront shares: where every share target (shop, product, campaign) opens. */
export const SHARED_PAGES = (['shop', 'product', 'campaign'] as const).map((kind) => ROUTES[kind].page);

/** A shared page without share handlers: Taro adds onShareAppMessage/onShareTimeline only for pages whose config enables them. */
export function shareProblems(build: Build): string[] {
  const problems: string[] = [];
  for (const page of SHARED_PAGES) {
    const js = build.files.get(`${page}.js`) ?? '';
    for (const handler of ['ShareAppMessage', 'ShareTimeline'])
      if (!new RegExp(`\\.enable${handler}\\s*=\\s*(!0|true)`).test(js)) problems.push(`${page} is shared by the storefront but has no on${handler} (enable${handler} is not set in its page config)`);
  }
  return problems;
}

/** The main package over its budget (scripts/lib/package-sizes.ts, as `npm run size`). */
export function sizeProblems(build: Build): string[] {
  const kb = (build.sizes.get('main') ?? 0) / 1024;
  return kb > BUDGET_KB.main ? [`main package is ${kb.toFixed(1)} KB, over its ${BUDGET_KB.main} KB budget`] : [];
}

// Privacy APIs called around the gate. Built JS cannot tell which source module a call site came
// from: production webpack numbers its modules and concatenates them (scope hoisting), and named
// ids would cost the main package bytes it does not have. So these two checks read the source the
// build compiles (src/, as the weapp build resolves it: `x.weapp.ts` before `x.ts`, no `.h5`).

/**
 * The only modules that may call a privacy API themselves, each for the APIs it wraps, and why.
 * Everything else goes through them, so the gate (src/utils/privacy.ts) asks first.
 */
export const DIRECT_PRIVACY_CALLS: Record<string, { apis: PrivacyApi[]; why: string }> = {
  'utils/clipboard.ts': { apis: ['setClipboardData'], why: '`copied` runs it inside withPrivacy' },
  'utils/poster.ts': { apis: ['saveImageToPhotosAlbum'], why: 'savePoster runs it inside withPrivacy (去设置 after a refused album)' },
  'api/upload.ts': { apis: ['chooseMedia'], why: 'chooseAndUpload takes the gate from its caller (image-picker passes withPrivacy)' },
  'api/upload.h5.ts': { apis: ['chooseImage'], why: 'the browser build; no privacy rules there' },
  'api/address.ts': { apis: ['chooseAddress'], why: 'checkout runs chooseWechatAddress inside withPrivacy' },
  'utils/scan.ts': { apis: ['scanCode'], why: '`scanned` runs it inside withPrivacy' },
  'api/sheet-upload.ts': { apis: ['chooseMessageFile'], why: 'chooseAndUploadSheet takes the gate from its caller (the 发货 page passes withPrivacy)' },
  'components/contact/index.tsx': { apis: ['setClipboardData'], why: 'main package (shop, product): no room for the gate under 500 KB, so WeChat’s own popup asks and a failure is told in Chinese' },
};

function sourceFiles(dir: string, root = dir): string[] {
  return listFiles(dir, root).filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
}

/** Source without comments (a comment may name an API it does not call), lines kept where they were. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '')).replace(/^[ \t]*\/\/.*$/gm, '').replace(/([;,{}() \t])\/\/ .*$/gm, '$1');

/** A privacy API called (`Taro.setClipboardData(`, `wx.scanCode(`...) in src/ outside DIRECT_PRIVACY_CALLS. */
export function directPrivacyCallProblems(srcDir: string, allowed = DIRECT_PRIVACY_CALLS): string[] {
  const apis = (Object.keys(PRIVACY_CATALOG) as PrivacyApi[]).filter((api) => !api.includes('.'));
  const call = new RegExp(`\\.(${apis.join('|')})\\s*\\(`, 'g');
  const problems: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    if (file.startsWith('core/')) continue; // pure: no Taro, no wx (the table names the APIs as strings)
    const text = code(readFileSync(path.join(srcDir, file), 'utf8'));
    for (const match of text.matchAll(call)) {
      const api = match[1] as PrivacyApi;
      if (allowed[file]?.apis.includes(api)) continue;
      const line = text.slice(0, match.index).split('\n').length;
      problems.push(`src/${file}:${line} calls ${api} directly: go through the privacy gate (copied from utils/clipboard, savePoster, withPrivacy from utils/privacy) so the user is asked first`);
    }
  }
  return problems;
}

/** The module a relative import names, as the weapp build resolves it; undefined for packages and styles. */
function resolveImport(srcDir: string, from: string, spec: string): string | undefined {
  const base = spec.startsWith('@core/') ? path.join(srcDir, 'core', spec.slice(6)) : spec.startsWith('@/') ? path.join(srcDir, spec.slice(2)) : spec.startsWith('.') ? path.join(srcDir, path.dirname(from), spec) : null;
  if (!base || /\.(css|scss|less|png|jpe?g|svg)$/.test(spec)) return undefined;
  for (const candidate of ['.weapp.ts', '.weapp.tsx', '.ts', '.tsx', '/index.weapp.ts', '/index.weapp.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext))
    if (existsSync(candidate)) return path.relative(srcDir, candidate).split(path.sep).join('/');
  return undefined;
}

/** Every module a page imports, directly or through others (itself included). */
function moduleGraph(srcDir: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = code(readFileSync(path.join(srcDir, file), 'utf8'));
    for (const [, spec] of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g)) {
      const target = spec && resolveImport(srcDir, file, spec);
      if (target) visit(target);
    }
  };
  visit(entry);
  return seen;
}

/**
 * A page that uses the gate (imports utils/privacy, directly or through copied, savePoster, the
 * nickname form...) but renders no <PrivacySheet />: there the gate cannot ask, the call goes
 * straight to WeChat and fails with "privacy permission is not authorized".
 */
export function privacySheetProblems(srcDir: string, pages: string[]): string[] {
  const problems: string[] = [];
  for (const page of pages) {
    const entry = resolveImport(srcDir, '', `./${page}`);
    if (!entry) continue;
    const graph = moduleGraph(srcDir, entry);
    if (!graph.has('utils/privacy.ts')) continue;
    const renders = [...graph].some((file) => file.endsWith('.tsx') && /<PrivacySheet\s*\/>/.test(code(readFileSync(path.join(srcDir, file), 'utf8'))));
    if (!renders) problems.push(`${page} uses the privacy gate (src/utils/privacy.ts) but renders no <PrivacySheet />, so the gate cannot ask there`);
  }
  return problems;
}

export function allProblems(build: Build): string[] {
  return [...privacyProblems(build), ...pageProblems(build), ...preloadProblems(build), ...componentProblems(build), ...shareProblems(build), ...sizeProblems(build)];
}
