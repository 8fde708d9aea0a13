// The campaign's pictures, shared by the mini-program canvas and the browser canvas: the share
// card's 5:4 image (photo, price, counters) and the poster (photo, title, price, counters, 截团,
// shop, mini-program code to scan).

export const CARD_WIDTH = 500;
export const CARD_HEIGHT = 400;
export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1180;

export interface CardSpec {
  /** A URL or cloud fileID of the photo; '' for none. */
  photo: string;
  /** "¥25.00/斤 起" */
  price: string;
  /** "已有 37 人跟团，共 82 斤" */
  counters: string;
}

export interface PosterSpec extends CardSpec {
  title: string;
  /** "截团：今天 20:00" */
  deadline: string;
  shopName: string;
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

/** The largest centred part of the image with the box's proportions (like mode aspectFill). */
function cover(image: Img, boxWidth: number, boxHeight: number): [number, number, number, number] {
  const scale = Math.min(image.width / boxWidth, image.height / boxHeight);
  const width = boxWidth * scale;
  const height = boxHeight * scale;
  return [(image.width - width) / 2, (image.height - height) / 2, width, height];
}

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
  ctx.fillText(fitText(ctx, `团购价 ${spec.price}`, CARD_WIDTH - 40), 20, CARD_HEIGHT - band + 12);
  ctx.font = '30px sans-serif';
  ctx.fillText(fitText(ctx, spec.counters, CARD_WIDTH - 40), 20, CARD_HEIGHT - band + 66);
}

export function paintPoster(ctx: Ctx, spec: PosterSpec, photo: Img | null, code: Img): void {
  const pad = 40;
  const width = POSTER_WIDTH - pad * 2;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  photoBox(ctx, photo, pad, pad, width, width);
  ctx.textBaseline = 'top';
  let top = pad + width + 28;
  ctx.fillStyle = '#1f1f1f';
  ctx.font = 'bold 44px sans-serif';
  ctx.fillText(fitText(ctx, spec.title, width), pad, top);
  top += 68;
  const textWidth = width - 240;
  ctx.fillStyle = '#c62f14';
  ctx.font = 'bold 52px sans-serif';
  ctx.fillText(fitText(ctx, spec.price, textWidth), pad, top);
  ctx.fillStyle = '#2f7d4a';
  ctx.font = 'bold 32px sans-serif';
  ctx.fillText(fitText(ctx, spec.counters, textWidth), pad, top + 76);
  ctx.fillStyle = '#666666';
  ctx.font = '30px sans-serif';
  ctx.fillText(fitText(ctx, spec.deadline, textWidth), pad, top + 124);
  ctx.fillText(fitText(ctx, spec.shopName, textWidth), pad, top + 168);
  ctx.fillText('长按识别小程序码 跟团', pad, top + 212);
  const codeSide = 220;
  ctx.drawImage(code as never, 0, 0, code.width, code.height, POSTER_WIDTH - pad - codeSide, top, codeSide, codeSide);
}
