// The poster's layout, shared by the mini-program canvas and the browser canvas: the photo, the
// name, the price per unit, the shop, and the mini-program code to scan.

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1040;

export interface PosterSpec {
  /** A URL or cloud fileID of the photo; '' for none. */
  photo: string;
  name: string;
  /** "¥52.00/斤" */
  price: string;
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

interface Img {
  width: number;
  height: number;
}

/** The largest centred square of the image (like mode aspectFill). */
function cover(image: Img): [number, number, number, number] {
  const side = Math.min(image.width, image.height);
  return [(image.width - side) / 2, (image.height - side) / 2, side, side];
}

function fitText(ctx: Ctx, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export function paintPoster(ctx: Ctx, spec: PosterSpec, photo: Img | null, code: Img): void {
  const pad = 40;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  const side = POSTER_WIDTH - pad * 2;
  if (photo) {
    const [sx, sy, sw, sh] = cover(photo);
    ctx.drawImage(photo as never, sx, sy, sw, sh, pad, pad, side, side);
  } else {
    ctx.fillStyle = '#eeeeee';
    ctx.fillRect(pad, pad, side, side);
  }
  ctx.textBaseline = 'top';
  const textTop = pad + side + 32;
  ctx.fillStyle = '#1f1f1f';
  ctx.font = 'bold 44px sans-serif';
  const textWidth = POSTER_WIDTH - pad * 2 - 240;
  ctx.fillText(fitText(ctx, spec.name, textWidth), pad, textTop);
  ctx.fillStyle = '#c62f14';
  ctx.font = 'bold 56px sans-serif';
  ctx.fillText(spec.price, pad, textTop + 72);
  ctx.fillStyle = '#666666';
  ctx.font = '30px sans-serif';
  ctx.fillText(fitText(ctx, spec.shopName, textWidth), pad, textTop + 156);
  ctx.fillText('长按识别小程序码', pad, textTop + 204);
  const codeSide = 220;
  ctx.drawImage(code as never, 0, 0, code.width, code.height, POSTER_WIDTH - pad - codeSide, textTop, codeSide, codeSide);
}
