// Share cards and posters in the browser (local H5 build): drawn on an off-page canvas, as PNG data
// URLs; saving downloads the file under the page's PosterPlace name. Same exports as poster.ts.
import { CARD_HEIGHT, CARD_WIDTH, paintCard, paintPoster, posterHeight, POSTER_WIDTH, type CardSpec, type Ctx, type PosterPlace, type PosterSpec } from './poster-layout';
import { displayUrl } from '../api/upload';

function load(src: string): Promise<HTMLImageElement | null> {
  if (!src) return Promise.resolve(null);
  return new Promise((resolve) => {
    const image = new Image();
    image.crossOrigin = 'anonymous';
    image.onload = () => resolve(image);
    image.onerror = () => resolve(null);
    image.src = src;
  });
}

function canvasOf(width: number, height: number): { canvas: HTMLCanvasElement; ctx: Ctx } {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return { canvas, ctx: canvas.getContext('2d') as unknown as Ctx };
}

export async function drawCard(_place: PosterPlace, spec: CardSpec): Promise<string> {
  const { canvas, ctx } = canvasOf(CARD_WIDTH, CARD_HEIGHT);
  paintCard(ctx, spec, await load(spec.photo ? displayUrl(spec.photo) : ''));
  return canvas.toDataURL('image/png');
}

export async function drawPoster(_place: PosterPlace, spec: PosterSpec): Promise<string> {
  const { canvas, ctx } = canvasOf(POSTER_WIDTH, posterHeight(spec));
  const code = await load(spec.codePng);
  if (!code) throw new Error('poster code not loaded');
  paintPoster(ctx, spec, await load(spec.photo ? displayUrl(spec.photo) : ''), code);
  return canvas.toDataURL('image/png');
}

export async function savePoster(place: PosterPlace, path: string): Promise<void> {
  const link = document.createElement('a');
  link.href = path;
  link.download = place.fileName;
  link.click();
}

export function previewPoster(path: string): void {
  window.open(path, '_blank');
}
