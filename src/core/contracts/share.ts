// The `share` function: short share codes, visit attribution, posters and group texts.
import { z } from 'zod';
import { defineContract } from './define';
import { EpochMs, Id, required, Scene } from './common';

export const ShareTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shop') }),
  z.object({ kind: z.literal('product'), productId: Id }),
  /** A group-buy campaign (团): its page, posters and 接龙 cards. */
  z.object({ kind: z.literal('campaign'), campaignId: Id }),
  /** One N-person 拼团 (its id is its starter's order id): its page, share cards and poster codes. */
  z.object({ kind: z.literal('group'), groupId: Id }),
  /** A live show (直播场次), or one item of it: its live page, cards, posters and codes. */
  z.object({ kind: z.literal('live'), showId: Id, itemId: Id.optional() }),
]);
export type ShareTarget = z.infer<typeof ShareTarget>;

const countRow = z.object({ key: z.string(), label: z.string(), visits: z.number().int().nonnegative() });

export const shareContract = defineContract('share', {
  /** A short code (≤ 32 chars, fits a mini-program code's scene) naming sharer, shop and target. */
  createRef: {
    access: 'user',
    input: z.object({ shopId: Id, target: ShareTarget }),
    output: z.object({ code: z.string().max(32), path: z.string() }),
    errors: ['SHOP_NOT_FOUND', 'PRODUCT_NOT_FOUND', 'CAMPAIGN_NOT_FOUND', 'GROUP_NOT_FOUND', 'LIVE_SHOW_NOT_FOUND', 'LIVE_ITEM_NOT_FOUND'],
  },
  resolve: {
    access: 'public',
    input: z.object({ code: required(32) }),
    output: z.object({ shopId: Id, target: ShareTarget, path: z.string() }),
    errors: ['SHARE_CODE_NOT_FOUND'],
  },
  recordVisit: {
    access: 'public',
    input: z.object({
      shopId: Id,
      target: ShareTarget,
      ref: z.string().max(32).optional(),
      scene: Scene,
      /** The CloudID wx.getShareInfo gave for the card's group: the function has the platform decode it. */
      groupCloudId: z.string().min(1).max(256).optional(),
    }),
    output: z.object({}),
    errors: ['SHOP_NOT_FOUND', 'PRODUCT_NOT_FOUND', 'CAMPAIGN_NOT_FOUND', 'GROUP_NOT_FOUND', 'LIVE_SHOW_NOT_FOUND', 'LIVE_ITEM_NOT_FOUND'],
  },
  /** A mini-program code for a poster: a PNG as a data URL, and the short code in its scene. */
  posterCode: {
    access: 'user',
    input: z.object({ shopId: Id, target: ShareTarget }),
    output: z.object({ code: z.string().max(32), png: z.string() }),
    errors: ['SHOP_NOT_FOUND', 'PRODUCT_NOT_FOUND', 'CAMPAIGN_NOT_FOUND', 'GROUP_NOT_FOUND', 'LIVE_SHOW_NOT_FOUND', 'LIVE_ITEM_NOT_FOUND'],
  },
  /** Ready-to-paste "群发文案" for the chosen goods. */
  groupText: {
    access: 'user',
    input: z.object({ shopId: Id, productIds: z.array(Id).min(1).max(20) }),
    output: z.object({ text: z.string() }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN', 'PRODUCT_NOT_FOUND'],
  },
  stats: {
    access: 'user',
    input: z.object({ shopId: Id, since: EpochMs.optional() }),
    output: z.object({
      total: z.number().int().nonnegative(),
      byProduct: z.array(countRow),
      /** Visits of each campaign's page (its shares, posters and cards). */
      byCampaign: z.array(countRow),
      /** Visits of each 拼团's page, under its starter's name and size ("小李的3人团"). */
      byGroupBuy: z.array(countRow),
      bySharer: z.array(countRow),
      byGroup: z.array(countRow),
    }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  nameGroup: {
    access: 'user',
    input: z.object({ shopId: Id, openGId: required(64), name: required(20) }),
    output: z.object({}),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
});
