// A show's links, for the show or one item: the mini-program path with the caller's share code (the
// same code share.createRef and share.posterCode hand out for this target), the group card's title,
// the 群发文案 before and during the show, and a `#小程序://` short link where the account may have one.
import cloud from 'wx-server-sdk';
import type { liveContract, ShareTarget } from '@core/contracts';
import { AppError } from '@core/errors';
import { liveShowPublic } from '@core/live';
import { liveTexts } from '@core/live-text';
import { sharePath } from '@core/share';
import type { ActionImpls } from '../_shared/handler';
import { database } from '../_shared/db';
import { refFor } from '../_shared/share-refs';
import { productsOf, showAccess } from './store';

/** WeChat's "api unauthorized": what shortlink.generate answers an individual (个人主体) mini-program. */
const API_UNAUTHORIZED = 48001;

type ShortLink = { ok: true; link: string } | { ok: false; message: string };

/**
 * shortlink.generate for a page path ("/packages/live/show/index?…" → page_url without the slash).
 * Short Links are for non-individual accounts only: that refusal, and any other failure, is said
 * plainly beside the other links instead of failing them all.
 */
async function shortLinkFor(path: string, title: string): Promise<ShortLink> {
  try {
    const reply = (await cloud.openapi.shortlink.generate({ pageUrl: path.replace(/^\//, ''), pageTitle: title, isPermanent: false })) as { link?: string };
    if (reply.link) return { ok: true, link: reply.link };
    console.error('[live.links] shortlink.generate replied without a link', reply);
  } catch (err) {
    if ((err as { errCode?: number }).errCode === API_UNAUTHORIZED) {
      return { ok: false, message: '个人主体的小程序不能生成短链，请用小程序码或卡片分享' };
    }
    console.error('[live.links] shortlink.generate failed', err);
  }
  return { ok: false, message: '短链暂时生成不了，请用小程序码或卡片分享' };
}

export const linksActions: Pick<ActionImpls<typeof liveContract>, 'links'> = {
  async links({ showId, itemId }, ctx) {
    const db = database();
    const { show } = await showAccess(db, showId, ctx.openid, 'view');
    // A called-off show has no page to link to (share.checkTarget says the same).
    if (show.status === 'cancelled') throw new AppError('LIVE_SHOW_NOT_FOUND');
    if (itemId !== undefined && !show.items.some((item) => item.id === itemId)) throw new AppError('LIVE_ITEM_NOT_FOUND');
    const now = ctx.clock.now();
    const target: ShareTarget = { kind: 'live', showId, ...(itemId !== undefined && { itemId }) };
    const [ref, products] = await Promise.all([refFor(db, show.shopId, ctx.openid, target, now), productsOf(db, show)]);
    const path = sharePath(show.shopId, target, ref._id);
    const view = liveShowPublic(show, products, now);
    const texts = liveTexts({ title: view.title, state: view.state, startAt: view.startAt, items: view.items, itemId, path, now });
    return { path, code: ref._id, ...texts, shortLink: await shortLinkFor(path, texts.cardTitle) };
  },
};
