// The poster on the mini-program: drawn on the page's hidden 2D canvas (#poster-canvas), saved to
// a temp file that can be previewed (long-press to send) or saved to the album.
import Taro from '@tarojs/taro';
import { paintPoster, POSTER_HEIGHT, POSTER_WIDTH, type Ctx, type PosterSpec } from './poster-layout';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): Ctx;
  createImage(): { width: number; height: number; src: string; onload: () => void; onerror: (err: unknown) => void };
}

function canvasNode(): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select('#poster-canvas')
      .fields({ node: true, size: true })
      .exec((res: { node?: CanvasNode }[]) => (res[0]?.node ? resolve(res[0].node) : reject(new Error('poster canvas not found'))));
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

export async function drawPoster(spec: PosterSpec): Promise<string> {
  const canvas = await canvasNode();
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const load = (src: string) =>
    new Promise<{ width: number; height: number }>((resolve, reject) => {
      const image = canvas.createImage();
      image.onload = () => resolve(image);
      image.onerror = reject;
      image.src = src;
    });
  const photoPath = await localPath(spec.photo);
  const photo = photoPath ? await load(photoPath).catch(() => null) : null;
  const code = await load(writeDataUrl(spec.codePng));
  paintPoster(canvas.getContext('2d'), spec, photo, code);
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvas: canvas as never,
    x: 0,
    y: 0,
    width: POSTER_WIDTH,
    height: POSTER_HEIGHT,
    destWidth: POSTER_WIDTH,
    destHeight: POSTER_HEIGHT,
    fileType: 'png',
  } as never);
  return tempFilePath;
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
