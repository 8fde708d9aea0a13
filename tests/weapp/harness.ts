// Runs the BUILT Taro weapp output (dist/weapp) in miniprogram-simulate: the WXML is compiled by
// WeChat's own compiler (wcc) and rendered by exparser into a jsdom DOM, driven by Taro's real
// runtime and our real page code. The stubs below stand in for what the WeChat client provides
// around that code; each says why it exists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { privacyPlatform, type PrivacyOptions, type PrivacyPlatform } from './privacy-platform';

export { answer } from './privacy-platform';

/** An element's text as a person reads it. */
export const text = (el: Element | undefined): string => el?.textContent?.trim() ?? '';

type Json = Record<string, any>;
/** Delivers one cloud function call; answers like the emulator's gateway: {status, body}. */
export type CloudTransport = (name: string, data: unknown) => Promise<{ status: number; body: Json }>;

export interface OpenedPage {
  dom: HTMLElement;
  /** Elements with this class anywhere in the page, including inside Taro's nested `comp`s. */
  all(className: string): HTMLElement[];
  /** A finger tap: touchstart + touchend, which j-component turns into the `tap` event. */
  tap(element: HTMLElement): void;
  /** Typing into an <input>/<textarea>: WeChat sends `input` with the whole new value. */
  type(element: HTMLElement, value: string): void;
  /** Leaves the page as the client does (onUnload): React unmounts, so its timers stop. */
  unload(): void;
}

export interface MiniProgram {
  /** Every url passed to wx.navigateTo/redirectTo/reLaunch/switchTab, in order. */
  navigations: string[];
  /** WeChat's privacy rules as this run applies them: agreement, asks, calls that ran. */
  privacy: PrivacyPlatform;
  /** Opens a page as the client does: render it, then onLoad(query), onShow, onReady. */
  openPage(route: string, query?: Record<string, string>): OpenedPage;
}

/**
 * Boots the app once per test file: jest caches app.js, so a second boot would find no App().
 * `platform` adds or replaces WeChat client APIs the test answers itself as WeChat would
 * (wx.chooseAddress, wx.requestSubscribeMessage...): the platform's part, not our code. Privacy
 * APIs among them run only as WeChat would let them (privacy-platform.ts): declared in app.json and
 * the console, and agreed to (`privacy.agreed`, default true: a buyer who agreed before).
 */
export function bootMiniProgram(distDir: string, transport: CloudTransport, platform: Json = {}, boot: { privacy?: PrivacyOptions } = {}): MiniProgram {
  const g = globalThis as any;

  // 1. A DOM: the jest project runs in `node`, and j-component renders into real DOM nodes.
  //    It must exist before miniprogram-simulate is required.
  const { JSDOM } = require('jsdom');
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  g.window = window;
  g.document = window.document;

  // 2. miniprogram-simulate defines the global `Component` (registering into j-component) and a
  //    broad mock `wx` (getSystemInfoSync, getWindowInfo, storage, nextTick...) that Taro probes.
  const simulate = require('miniprogram-simulate');
  // Custom events (`input`) go through the exparser instance j-component renders with: both are
  // miniprogram-simulate's own dependencies, resolved from there with jest's `require` (typed by
  // miniprogram-api-typings as the mini-program's) so they come from jest's module registry.
  const { resolve } = require as unknown as NodeJS.Require;
  const from = (id: string, dir: string) => resolve(id, { paths: [dir] });
  const jComponent = from('j-component', path.dirname(resolve('miniprogram-simulate')));
  const exparser = require(from('miniprogram-exparser', path.dirname(jComponent)));

  // 3. What we must observe or answer ourselves on `wx`. Taro wraps whatever keys `wx` has when
  //    taro.js loads (and copies `wx.cloud` as `Taro.cloud`), so set them before app.js runs.
  const navigations: string[] = [];
  const privacy = privacyPlatform(JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')), platform, boot.privacy);
  const navigate = (options: Json) => {
    navigations.push(options.url);
    Promise.resolve().then(() => {
      options.success?.({ errMsg: 'navigateTo:ok' });
      options.complete?.({ errMsg: 'navigateTo:ok' });
    });
  };
  // The mock's storage keeps nothing; the client's keeps each value as a serialised copy, which
  // is how a cart written on the product page reaches the checkout page.
  const storage = new Map<string, string>();
  Object.assign(g.wx, {
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.stringify(value)),
    getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(storage.get(key)!) : ''),
    removeStorageSync: (key: string) => void storage.delete(key),
    navigateTo: navigate,
    redirectTo: navigate,
    reLaunch: navigate,
    switchTab: navigate,
    cloud: {
      init() {},
      // Like the real client: a promise when no callback is given, else success/fail/complete.
      callFunction(options: Json) {
        const reply = transport(options.name, options.data).then(({ status, body }) => {
          if (status !== 200) throw { errCode: body.errCode ?? -1, errMsg: body.errMsg ?? `cloud.callFunction:fail HTTP ${status}` };
          return body; // {result, requestID, errMsg}
        });
        if (!options.success && !options.fail && !options.complete) return reply;
        reply.then(
          (res) => (options.success?.(res), options.complete?.(res)),
          (err) => (options.fail?.(err), options.complete?.(err)),
        );
        return undefined;
      },
    },
    ...platform,
    ...privacy.wx,
  });

  // 4. The App/Page constructors. App() keeps its object as the app (getApp). A Taro page is a
  //    Page() definition; miniprogram-simulate renders Components, so register it as one with
  //    every function as a method: lifecycles we call, and `eh`, the handler Taro's WXML binds.
  let app: Json | undefined;
  const pages: Json[] = [];
  g.App = (config: Json) => (app = config);
  g.getApp = () => app;
  g.getCurrentPages = () => pages.slice();
  g.Page = (config: Json) => {
    const methods = Object.fromEntries(Object.entries(config).filter(([, value]) => typeof value === 'function'));
    g.Component({ data: config.data, methods });
  };

  // 5. Launch: app.js requires runtime/taro/vendors/common and calls App(); then onLaunch/onShow.
  require(path.join(distDir, 'app.js'));
  if (!app) throw new Error(`${distDir}/app.js did not call App()`);
  const launch = { path: 'pages/index/index', query: {}, scene: 1001 };
  app.onLaunch?.(launch);
  app.onShow?.(launch);

  // Each webpack chunk calls Component()/Page() only the first time it runs, so load Taro's
  // recursive `comp` once, point every page at it, and load each page once per route.
  const options = { compiler: 'official', rootPath: distDir };
  // Taro renders a button's open-type from a short data key (`open-type="{{i.p11}}"` in base.wxml);
  // exparser keeps no attribute for it, so a tap reads it from the page data node the button shows.
  const openTypeKey = /<button[^>]*open-type="\{\{i\.(\w+)\}\}"/.exec(readFileSync(path.join(distDir, 'base.wxml'), 'utf8'))?.[1];
  const nodeData = (data: unknown, sid: string): Json | undefined => {
    if (!data || typeof data !== 'object') return undefined;
    if ((data as Json).sid === sid) return data as Json;
    for (const value of Object.values(data)) {
      const found = nodeData(value, sid);
      if (found) return found;
    }
    return undefined;
  };
  const compId: string = simulate.load(path.join(distDir, 'comp'), 'comp', options);
  const pageIds = new Map<string, string>();
  const pageId = (route: string): string => {
    if (!pageIds.has(route)) pageIds.set(route, simulate.load(path.join(distDir, route), { ...options, usingComponents: { comp: compId } }));
    return pageIds.get(route)!;
  };

  return {
    navigations,
    privacy,
    openPage(route, query = {}) {
      const root = simulate.render(pageId(route));
      root.attach(g.document.body);
      const page = root.instance as Json;
      Object.assign(page, { route, options: query });
      pages.push(page);
      page.onLoad(query);
      page.onShow();
      page.onReady();
      const dom = root.dom as HTMLElement;
      return {
        dom,
        // exparser prefixes classes with the owning component's tag: `main--product-card` in
        // the page itself, `comp--product-card` inside a nested `comp`.
        all: (className) =>
          Array.from(dom.querySelectorAll<HTMLElement>('[class]')).filter((el) =>
            Array.from(el.classList).some((c) => c === className || c.endsWith(`--${className}`)),
          ),
        tap(element) {
          const touch = new g.Touch({ identifier: 0, target: element, clientX: 0, clientY: 0, pageX: 0, pageY: 0 });
          for (const [type, touches] of [['touchstart', [touch]], ['touchend', []]] as const) {
            const event = new window.Event(type, { bubbles: true, cancelable: true });
            element.dispatchEvent(Object.assign(event, { touches, changedTouches: [touch] }));
          }
          // <button open-type="agreePrivacyAuthorization">: WeChat records the agreement, then fires
          // the button's agreeprivacyauthorization event.
          const node = (element as any).__wxElement;
          const sid = element.getAttribute('data-sid');
          if (node && sid && openTypeKey && element.tagName.toLowerCase() === 'wx-button' && nodeData(page.data, sid)?.[openTypeKey] === 'agreePrivacyAuthorization') {
            privacy.tapAgreeButton(node.id);
            exparser.Event.dispatchEvent(node, exparser.Event.create('agreeprivacyauthorization', {}, { bubbles: true, composed: true }));
          }
        },
        type(element, value) {
          const node = (element as any).__wxElement;
          if (!node) throw new Error(`<${element.tagName.toLowerCase()} class="${element.className}"> is not a rendered WXML node`);
          exparser.Event.dispatchEvent(node, exparser.Event.create('input', { value, cursor: value.length }, { bubbles: true, composed: true }));
        },
        unload() {
          page.onUnload?.();
          root.detach();
          pages.splice(pages.indexOf(page), 1);
        },
      };
    },
  };
}

/** Polls until `probe` returns something truthy: Taro renders over several ticks of setData. */
export async function waitFor<T>(probe: () => T, what: string | (() => string), timeoutMs = 5000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
