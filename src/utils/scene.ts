/** Opened from Moments (朋友圈): single-page mode, no login, no navigation. */
export const SINGLE_PAGE_SCENE = 1154;

export interface Launch {
  scene: number;
  shareTicket?: string;
  singlePage: boolean;
}
