// How the page was opened, on the local H5 build: a browser has no scene, so the page query may
// carry one (`scene=1154` shows the Moments single-page mode) and a `shareTicket` from the
// emulator's POST /api/share-ticket; otherwise it counts as a plain open (1001).
import { SINGLE_PAGE_SCENE, type Launch } from './scene';

const PLAIN_OPEN_SCENE = 1001;

export function launchInfo(query: Record<string, string | undefined>): Launch {
  const scene = /^\d{4}$/.test(query.scene ?? '') ? Number(query.scene) : PLAIN_OPEN_SCENE;
  return { scene, shareTicket: query.shareTicket || undefined, singlePage: scene === SINGLE_PAGE_SCENE };
}
