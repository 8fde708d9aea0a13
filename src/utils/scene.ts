import { Scene } from '@core/contracts/common';

/** Opened from Moments (朋友圈): single-page mode, no login, no navigation. */
export const SINGLE_PAGE_SCENE = 1154;

export interface Launch {
  scene: number;
  shareTicket?: string;
  singlePage: boolean;
}

/** A `scene` param that is a scene value (the H5 build's stand-in for WeChat's), not a poster code. */
export function sceneValueOf(text: string | undefined): number | null {
  const scene = text && /^\d+$/.test(text) ? Scene.safeParse(Number(text)) : null;
  return scene?.success ? scene.data : null;
}
