// Share cards and posters on the mini-program: drawn on the page's hidden 2D canvas (its id in
// PosterPlace) and saved to temp files; a poster can be previewed (long-press to send) or saved to
// the album. poster.h5.ts draws the same pictures in the browser.
import Taro from '@tarojs/taro';
import { withPrivacy } from './privacy';
import { CARD_HEIGHT, CARD_WIDTH, paintCard, paintPoster, posterHeight, POSTER_WIDTH, type CardSpec, type Ctx, type Img, type PosterPlace, type PosterSpec } from './poster-layout';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): Ctx;
  createImage(): { width: number; height: number; src: string; onload: () => void; onerror: (err: unknown) => void };
}

function canvasNode(canvasId: string): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: CanvasNode }[]) => (res[0]?.node ? resolve(res[0].node) : reject(new Error(`canvas #${canvasId} not found`))));
  });
}

/** A local file path for any image ref: cloud fileIDs are downloaded, URLs fetched. */
async function localPath(ref: string): Promise<string | null> {
  if (!ref) return null;
  try {
    if (ref.startsWith('cloud://')) return (await Taro.cloud.downloadFile({ fileID: ref })).tempFilePath;
    return (await Taro.getImageInfo({ src: ref })).path;
  } catch {
    return null;
  }
}

function writeDataUrl(dataUrl: string): string {
  const path = `${Taro.env.USER_DATA_PATH}/poster-code-${Date.now()}.png`;
  Taro.getFileSystemManager().writeFileSync(path, dataUrl.replace(/^data:image\/\w+;base64,/, ''), 'base64');
  return path;
}

// One drawing at a time: a page draws its card and its poster on the one canvas.
let queue: Promise<unknown> = Promise.resolve();

function queued<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/** Loads `sources` ('' for none: null) on the canvas, paints, and returns the temp file of the picture. */
async function draw(canvasId: string, width: number, height: number, sources: string[], paint: (ctx: Ctx, images: (Img | null)[]) => void): Promise<string> {
  const canvas = await canvasNode(canvasId);
  canvas.width = width;
  canvas.height = height;
  const load = (src: string) =>
    src
      ? new Promise<Img | null>((resolve) => {
          const image = canvas.createImage();
          image.onload = () => resolve(image);
          image.onerror = () => resolve(null);
          image.src = src;
        })
      : Promise.resolve(null);
  const images = await Promise.all(sources.map(load));
  paint(canvas.getContext('2d'), images);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, x: 0, y: 0, width, height, destWidth: width, destHeight: height, fileType: 'png' } as never);
  return tempFilePath;
}

export function drawCard(place: PosterPlace, spec: CardSpec): Promise<string> {
  return queued(async () => {
    const photo = (await localPath(spec.photo)) ?? '';
    return draw(place.canvasId, CARD_WIDTH, CARD_HEIGHT, [photo], (ctx, [image]) => paintCard(ctx, spec, image ?? null));
  });
}

export function drawPoster(place: PosterPlace, spec: PosterSpec): Promise<string> {
  return queued(async () => {
    const photo = (await localPath(spec.photo)) ?? '';
    return draw(place.canvasId, POSTER_WIDTH, posterHeight(spec), [writeDataUrl(spec.codePng), photo], (ctx, [code, image]) => {
      if (!code) throw new Error('poster code not loaded');
      paintPoster(ctx, spec, image ?? null, code);
    });
  });
}

/**
 * Saves through the privacy gate: it asks for the privacy agreement if needed, and when the album
 * permission (scope.writePhotosAlbum) was refused before it offers 去设置 and saves once allowed.
 */
export async function savePoster(_place: PosterPlace, path: string): Promise<void> {
  const saved = await withPrivacy('saveImageToPhotosAlbum', () => Taro.saveImageToPhotosAlbum({ filePath: path }));
  if (saved) void Taro.showToast({ title: '已存到相册', icon: 'success' });
}

export function previewPoster(path: string): void {
  void Taro.previewImage({ urls: [path] });
}
