// A 拼团's pictures, drawn by the shared poster module (utils/poster) on the page's hidden canvas
// (#pintuan-canvas): the share card's image ("2人拼 ¥19.90/斤", "还差1人") and the poster with
// what is missing, the deadline and the shop beside the code.
import * as poster from '../../../utils/poster';
import type { CardSpec, PosterPlace } from '../../../utils/poster-layout';

const PLACE: PosterPlace = { canvasId: 'pintuan-canvas', fileName: 'pintuan-poster.png' };

export interface GroupPosterSpec {
  photo: string;
  title: string;
  /** "2人拼 ¥19.90/斤" */
  price: string;
  /** "还差1人" */
  missing: string;
  /** "23:14:05 后结束" */
  deadline: string;
  shopName: string;
  codePng: string;
}

export function drawCard(spec: CardSpec): Promise<string> {
  return poster.drawCard(PLACE, spec);
}

export function drawPoster({ photo, title, price, missing, deadline, shopName, codePng }: GroupPosterSpec): Promise<string> {
  const lines = [{ text: missing, strong: true }, { text: deadline }, { text: shopName }];
  return poster.drawPoster(PLACE, { photo, title, price, lines, hint: '长按识别小程序码 参团', codePng });
}

export function savePoster(path: string): Promise<void> {
  return poster.savePoster(PLACE, path);
}

export const previewPoster = poster.previewPoster;
