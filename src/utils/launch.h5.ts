// How the page was opened, on the local H5 build: a browser has no scene, so the page query may
// carry one (`scene=1154` shows the Moments single-page mode) and a `shareTicket` from the
// emulator's POST /api/share-ticket; otherwise it counts as a plain open (1001).
import { sceneValueOf, SINGLE_PAGE_SCENE, type Launch } from './scene';
import type { EntryParams } from './entry';

const PLAIN_OPEN_SCENE = 1001;

export function launchInfo(params: EntryParams): Launch {
  const scene = sceneValueOf(params.scene) ?? PLAIN_OPEN_SCENE;
  return { scene, shareTicket: params.shareTicket, singlePage: scene === SINGLE_PAGE_SCENE };
}
