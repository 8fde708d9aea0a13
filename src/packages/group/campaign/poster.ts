// The campaign's pictures, drawn by the shared poster module (utils/poster) on the page's hidden
// canvas (#campaign-canvas): the share card's image, and the poster with the counters, 截团 and the
// shop beside the code.
import * as poster from '../../../utils/poster';
import type { CardSpec, PosterPlace } from '../../../utils/poster-layout';

const PLACE: PosterPlace = { canvasId: 'campaign-canvas', fileName: 'campaign-poster.png' };

export interface CampaignPosterSpec {
  /** A URL or cloud fileID of the photo; '' for none. */
  photo: string;
  title: string;
  /** "团购价 ¥25.00/斤 起" */
  price: string;
  /** "已有 37 人跟团，共 82 斤" */
  counters: string;
  /** "截团：今天 20:00" */
  deadline: string;
  shopName: string;
  /** The mini-program code as a PNG data URL (share.posterCode). */
  codePng: string;
}

export function drawCard(spec: CardSpec): Promise<string> {
  return poster.drawCard(PLACE, spec);
}

export function drawPoster({ photo, title, price, counters, deadline, shopName, codePng }: CampaignPosterSpec): Promise<string> {
  const lines = [{ text: counters, strong: true }, { text: deadline }, { text: shopName }];
  return poster.drawPoster(PLACE, { photo, title, price, lines, hint: '长按识别小程序码 跟团', codePng });
}

export function savePoster(path: string): Promise<void> {
  return poster.savePoster(PLACE, path);
}

export const previewPoster = poster.previewPoster;
