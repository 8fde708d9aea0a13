// The poster in the browser (local H5 build): drawn on an off-page canvas, shown as a PNG data URL.
import { paintPoster, POSTER_HEIGHT, POSTER_WIDTH, type Ctx, type PosterSpec } from './poster-layout';
import { displayUrl } from '../../../api/upload';

function load(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.crossOrigin = 'anonymous';
    image.onload = () => resolve(image);
    image.onerror = reject;
    image.src = src;
  });
}

export async function drawPoster(spec: PosterSpec): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const photoUrl = spec.photo ? displayUrl(spec.photo) : '';
  const photo = photoUrl ? await load(photoUrl).catch(() => null) : null;
  const code = await load(spec.codePng);
  paintPoster(canvas.getContext('2d') as unknown as Ctx, spec, photo, code);
  return canvas.toDataURL('image/png');
}

export async function savePoster(path: string): Promise<void> {
  const link = document.createElement('a');
  link.href = path;
  link.download = 'poster.png';
  link.click();
}

export function previewPoster(path: string): void {
  window.open(path, '_blank');
}
