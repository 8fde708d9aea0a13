// The pictures pages share, laid out once for the mini-program canvas and the browser canvas: a
// share card's 5:4 image (photo, price, counters) and the poster (photo, title, price, the page's
// own lines, the mini-program code to scan). Pages pass what differs: the words, and where they draw.

export const CARD_WIDTH = 500;
export const CARD_HEIGHT = 400;
export const POSTER_WIDTH = 750;

/**
 * Where a page draws and saves its pictures: the id of its hidden 2D canvas (the mini-program draws
 * there), and the name a download gets (the browser saves it as a file).
 */
export interface PosterPlace {
  canvasId: string;
  fileName: string;
}

export interface CardSpec {
  /** A URL or cloud fileID of the photo; '' for none. */
  photo: string;
  /** "¥25.00/斤 起" */
  price: string;
  /** "已有 37 人跟团，共 82 斤" */
  counters: string;
  /** The word before the price; default "团购价" (a 拼团 says "2人拼"). */
  label?: string;
}

/** A line under the price: strong ones (counters) in the shop's green, the rest (截团, the shop) in grey. */
export interface PosterLine {
  text: string;
  strong?: boolean;
}

export interface PosterSpec {
  /** A URL or cloud fileID of the photo; '' for none. */
  photo: string;
  title: string;
  /** "¥52.00/斤", "团购价 ¥25.00/斤 起" */
  price: string;
  /** Beside the code, under the price. */
  lines: PosterLine[];
  /** Under the lines: what scanning the code does, "长按识别小程序码". */
  hint: string;
  /** The mini-program code as a PNG data URL (share.posterCode). */
  codePng: string;
}

/** What both canvases can draw: the 2D context subset used here. */
export interface Ctx {
  fillStyle: unknown;
  font: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  drawImage(image: never, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void;
}

export interface Img {
  width: number;
  height: number;
}

const PAD = 40;
const PHOTO_SIDE = POSTER_WIDTH - PAD * 2;
const CODE_SIDE = 220;
/** The title's top: under the square photo. */
const TITLE_TOP = PAD + PHOTO_SIDE + 28;
/** The price's top, which the code's top meets. */
const PRICE_TOP = TITLE_TOP + 68;
/** Where the first line under the price starts. */
const LINES_TOP = PRICE_TOP + 76;
const TEXT_SIZE = 30;
const lineStep = (line: PosterLine) => (line.strong ? 48 : 44);

/** The poster's height: the photo, the title, then the price, lines and hint or the code, whichever ends lower, and a margin. */
export function posterHeight(spec: Pick<PosterSpec, 'lines'>): number {
  const hintTop = LINES_TOP + spec.lines.reduce((sum, line) => sum + lineStep(line), 0);
  return Math.max(hintTop + TEXT_SIZE, PRICE_TOP + CODE_SIDE) + PAD * 2;
}

/** The largest centred part of the image with the box's proportions (like mode aspectFill). */
function cover(image: Img, boxWidth: number, boxHeight: number): [number, number, number, number] {
  const scale = Math.min(image.width / boxWidth, image.height / boxHeight);
  const width = boxWidth * scale;
  const height = boxHeight * scale;
  return [(image.width - width) / 2, (image.height - height) / 2, width, height];
}

/** The text, cut with "…" to fit; by code point, so an emoji is never split. */
function fitText(ctx: Ctx, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = Array.from(text);
  while (cut.length > 1 && ctx.measureText(`${cut.join('')}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut.join('')}…`;
}

function photoBox(ctx: Ctx, photo: Img | null, x: number, y: number, width: number, height: number): void {
  if (photo) {
    const [sx, sy, sw, sh] = cover(photo, width, height);
    ctx.drawImage(photo as never, sx, sy, sw, sh, x, y, width, height);
  } else {
    ctx.fillStyle = '#eef6f0';
    ctx.fillRect(x, y, width, height);
  }
}

/** The share card's image, 5:4 as WeChat shows it: the photo above, price and counters on a band below. */
export function paintCard(ctx: Ctx, spec: CardSpec, photo: Img | null): void {
  const band = 112;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  photoBox(ctx, photo, 0, 0, CARD_WIDTH, CARD_HEIGHT - band);
  ctx.fillStyle = '#2f7d4a';
  ctx.fillRect(0, CARD_HEIGHT - band, CARD_WIDTH, band);
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText(fitText(ctx, `${spec.label ?? '团购价'} ${spec.price}`, CARD_WIDTH - 40), 20, CARD_HEIGHT - band + 12);
  ctx.font = '30px sans-serif';
  ctx.fillText(fitText(ctx, spec.counters, CARD_WIDTH - 40), 20, CARD_HEIGHT - band + 66);
}

/** The poster, `posterHeight(spec)` high: the square photo, the title, then the price, lines and hint beside the code. */
export function paintPoster(ctx: Ctx, spec: PosterSpec, photo: Img | null, code: Img): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, posterHeight(spec));
  photoBox(ctx, photo, PAD, PAD, PHOTO_SIDE, PHOTO_SIDE);
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#1f1f1f';
  ctx.font = 'bold 44px sans-serif';
  ctx.fillText(fitText(ctx, spec.title, PHOTO_SIDE), PAD, TITLE_TOP);
  const textWidth = PHOTO_SIDE - CODE_SIDE - 20;
  ctx.fillStyle = '#c62f14';
  ctx.font = 'bold 52px sans-serif';
  ctx.fillText(fitText(ctx, spec.price, textWidth), PAD, PRICE_TOP);
  let top = LINES_TOP;
  for (const line of spec.lines) {
    ctx.fillStyle = line.strong ? '#2f7d4a' : '#666666';
    ctx.font = line.strong ? 'bold 32px sans-serif' : `${TEXT_SIZE}px sans-serif`;
    ctx.fillText(fitText(ctx, line.text, textWidth), PAD, top);
    top += lineStep(line);
  }
  ctx.fillStyle = '#666666';
  ctx.font = `${TEXT_SIZE}px sans-serif`;
  ctx.fillText(fitText(ctx, spec.hint, textWidth), PAD, top);
  ctx.drawImage(code as never, 0, 0, code.width, code.height, POSTER_WIDTH - PAD - CODE_SIDE, PRICE_TOP, CODE_SIDE, CODE_SIDE);
}
