// What a buyer page needs to know about how it was opened: the scene (for attribution), the
// share code (`ref` from a card, or a poster code's `scene`), and single-page mode.
import type { RouteParams } from '@core/routes';
import { launchInfo } from './launch';
import { sceneValueOf, type Launch } from './scene';

/** The params the shop and product pages share about how they were opened (src/core/routes.ts). */
export type EntryParams = Pick<RouteParams<'shop'>, 'ref' | 'scene' | 'shareTicket'>;

export interface Entry extends Launch {
  /** The share code the page was opened with, if any. */
  ref?: string;
  /** A poster's mini-program code puts the share code in `scene`; it must be resolved to a page. */
  posterCode?: string;
}

export function readEntry(params: EntryParams): Entry {
  const launch = launchInfo(params);
  // A scene value is a scene (H5 only); anything else came from a poster code.
  const posterCode = params.scene && sceneValueOf(params.scene) === null ? params.scene : undefined;
  return { ...launch, ref: params.ref ?? posterCode, posterCode };
}
