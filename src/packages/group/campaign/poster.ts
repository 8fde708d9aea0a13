// The campaign's pictures on the mini-program: drawn on the page's hidden 2D canvas
// (#campaign-canvas) and saved to temp files: the share card's image, and the poster that can be
// previewed (long-press to send) or saved to the album.
import Taro from '@tarojs/taro';
import { CARD_HEIGHT, CARD_WIDTH, paintCard, paintPoster, POSTER_HEIGHT, POSTER_WIDTH, type CardSpec, type Ctx, type Img, type PosterSpec } from './poster-layout';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): Ctx;
  createImage(): { width: number; height: number; src: string; onload: () => void; onerror: (err: unknown) => void };
}

function canvasNode(): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select('#campaign-canvas')
      .fields({ node: true, size: true })
      .exec((res: { node?: CanvasNode }[]) => (res[0]?.node ? resolve(res[0].node) : reject(new Error('campaign canvas not found'))));
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
  const path = `${Taro.env.USER_DATA_PATH}/campaign-code-${Date.now()}.png`;
  Taro.getFileSystemManager().writeFileSync(path, dataUrl.replace(/^data:image\/\w+;base64,/, ''), 'base64');
  return path;
}

// One drawing at a time on the one canvas.
let queue: Promise<unknown> = Promise.resolve();

async function draw(width: number, height: number, sources: string[], paint: (ctx: Ctx, images: (Img | null)[]) => void): Promise<string> {
  const canvas = await canvasNode();
  canvas.width = width;
  canvas.height = height;
  const load = (src: string | null) =>
    src
      ? new Promise<Img | null>((resolve) => {
          const image = canvas.createImage();
          image.onload = () => resolve(image);
          image.onerror = () => resolve(null);
          image.src = src;
        })
      : Promise.resolve(null);
  const images = await Promise.all(sources.map((source) => load(source)));
  paint(canvas.getContext('2d'), images);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, x: 0, y: 0, width, height, destWidth: width, destHeight: height, fileType: 'png' } as never);
  return tempFilePath;
}

function queued<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

export function drawCard(spec: CardSpec): Promise<string> {
  return queued(async () => {
    const photo = await localPath(spec.photo);
    return draw(CARD_WIDTH, CARD_HEIGHT, photo ? [photo] : [], (ctx, [image]) => paintCard(ctx, spec, image ?? null));
  });
}

export function drawPoster(spec: PosterSpec): Promise<string> {
  return queued(async () => {
    const photo = await localPath(spec.photo);
    const code = writeDataUrl(spec.codePng);
    return draw(POSTER_WIDTH, POSTER_HEIGHT, [code, photo ?? ''], (ctx, [codeImage, image]) => {
      if (!codeImage) throw new Error('poster code not loaded');
      paintPoster(ctx, spec, image ?? null, codeImage);
    });
  });
}

export async function savePoster(path: string): Promise<void> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: path });
    void Taro.showToast({ title: '已存到相册', icon: 'success' });
  } catch {
    // No album permission: the preview lets them long-press to save or send it.
    void Taro.previewImage({ urls: [path] });
  }
}

export function previewPoster(path: string): void {
  void Taro.previewImage({ urls: [path] });
}
