/**
 * wxacode.getUnlimited: validated per WeChat's docs, answered with a real PNG QR code.
 * A real 小程序码 cannot be produced offline; a plain QR code of a readable URL stands in for it, so
 * a phone camera (or a test) can read which page and scene the code would open.
 */
import QRCode from 'qrcode';
import { INVALID_ARGS, WxApiError } from './errors';

export interface WxacodeRequest {
  scene: string;
  page: string;
  width: number;
  checkPath: boolean;
  envVersion: 'release' | 'trial' | 'develop';
  lineColor: { r: number; g: number; b: number };
  isHyaline: boolean;
}

/** At most 32 visible characters from WeChat's documented set (no %, so no URL-encoding). */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'] as const;

/** The text inside the emulated code. The scene is URI-encoded as WeChat hands it to the page in `query.scene`. */
export function wxacodeText(page: string, scene: string): string {
  return `cactus://${page}?scene=${encodeURIComponent(scene)}`;
}

/**
 * @param knownPages when given (and check_path is not false), a page outside it is rejected like
 *   an unpublished page; without it every page passes, as with check_path=false.
 */
export function validateWxacode(params: Record<string, unknown>, knownPages?: readonly string[]): WxacodeRequest {
  const { scene, page = '', width = 430, check_path: checkPath = true, env_version: envVersion = 'release' } = params;
  if (typeof scene !== 'string' || !SCENE.test(scene)) {
    throw new WxApiError(40169, 'invalid length for scene, or the data is not json string');
  }
  // A leading "/" or a query string are the documented mistakes; both make WeChat reject the page.
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) throw new WxApiError(41030, 'invalid page');
  if (typeof checkPath !== 'boolean') throw new WxApiError(INVALID_ARGS, 'invalid args: check_path must be a boolean');
  if (checkPath && knownPages && page !== '' && !knownPages.includes(page)) throw new WxApiError(41030, 'invalid page');
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 280 || width > 1280) {
    throw new WxApiError(INVALID_ARGS, 'invalid args: width must be an integer from 280 to 1280');
  }
  if (!ENV_VERSIONS.includes(envVersion as WxacodeRequest['envVersion'])) {
    throw new WxApiError(INVALID_ARGS, 'invalid args: env_version must be release, trial or develop');
  }
  return {
    scene,
    page,
    width,
    checkPath,
    envVersion: envVersion as WxacodeRequest['envVersion'],
    lineColor: parseLineColor(params.line_color),
    isHyaline: params.is_hyaline === true,
  };
}

/** line_color is `{r,g,b}` in decimal; WeChat's own example passes the numbers as strings. */
function parseLineColor(raw: unknown): WxacodeRequest['lineColor'] {
  if (raw === undefined) return { r: 0, g: 0, b: 0 };
  const channel = (v: unknown): number => {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 255) {
      throw new WxApiError(INVALID_ARGS, 'invalid args: line_color channels must be 0-255');
    }
    return n;
  };
  const { r, g, b } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return { r: channel(r), g: channel(g), b: channel(b) };
}

const hex = (n: number): string => n.toString(16).padStart(2, '0');

/**
 * PNG encoding: always the "Up" row filter with the default deflate strategy. pngjs's default
 * (adaptive filter, RLE) calls the global Math.abs per byte, which inside jest's vm sandbox (where
 * the emulator runs in tests) costs ~1.2 s per 430 px code instead of ~25 ms; QR rows repeat
 * vertically, so "Up" is also the smaller file (2.3 KB vs 3.1 KB at 430 px). qrcode hands
 * rendererOpts to pngjs unchanged; @types/qrcode just does not list filterType.
 */
const PNG_ENCODING = { filterType: 2, deflateStrategy: 0 };

/**
 * Renders the code: `width` pixels square, qrcode's default margin (4 modules) and error
 * correction (M), line colour on white, or on transparent when is_hyaline. auto_color is ignored.
 */
export function renderWxacode(req: WxacodeRequest): Promise<Buffer> {
  const { r, g, b } = req.lineColor;
  return QRCode.toBuffer(wxacodeText(req.page, req.scene), {
    type: 'png',
    width: req.width,
    color: { dark: `#${hex(r)}${hex(g)}${hex(b)}ff`, light: req.isHyaline ? '#ffffff00' : '#ffffffff' },
    rendererOpts: PNG_ENCODING,
  });
}
