// What a buyer page needs to know about how it was opened: the scene (for attribution), the
// share code (`ref` from a card, or a poster code's `scene`), and single-page mode.
import { launchInfo } from './launch';
import type { Launch } from './scene';

export { SINGLE_PAGE_SCENE } from './scene';

export interface Entry extends Launch {
  /** The share code the page was opened with, if any. */
  ref?: string;
  /** A poster's mini-program code puts the share code in `scene`; it must be resolved to a page. */
  posterCode?: string;
}

function decode(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function readEntry(query: Record<string, string | undefined>): Entry {
  const launch = launchInfo(query);
  const sceneParam = decode(query.scene);
  // A numeric `scene` is a scene value (H5 only); anything else came from a poster code.
  const posterCode = sceneParam && !/^\d{4}$/.test(sceneParam) ? sceneParam : undefined;
  return { ...launch, ref: decode(query.ref) ?? posterCode, posterCode };
}
