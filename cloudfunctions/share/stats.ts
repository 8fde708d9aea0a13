// The vendor's figures: visits per product, campaign and 拼团, per sharer and per group, named as they know them.
import type { GroupDoc, MemberDoc, ProductDoc } from '@core/model';
import type { CampaignDoc } from '@core/campaigns';
import { GROUPS, type GroupDoc as GroupBuyDoc } from '@core/group-buy';
import { list, type Db } from '../_shared/db';

export interface CountRow {
  key: string;
  label: string;
  visits: number;
}

const TOP = 50;

async function countBy(db: Db, match: Record<string, unknown>, field: string): Promise<{ key: string; visits: number }[]> {
  const $ = db.command.aggregate;
  const { list: rows } = (await db
    .collection('visits')
    .aggregate()
    .match({ ...match, [field]: db.command.neq(null) })
    .group({ _id: `$${field}`, visits: $.sum(1) })
    .sort({ visits: -1, _id: 1 })
    .limit(TOP)
    .end()) as { list: { _id: string; visits: number }[] };
  return rows.map((row) => ({ key: row._id, visits: row.visits }));
}

async function labels<T extends { _id: string }>(db: Db, collection: string, ids: string[], label: (doc: T) => string): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const docs = await list<T>(db.collection(collection).where({ _id: db.command.in(ids) }).limit(100));
  return new Map(docs.map((doc) => [doc._id, label(doc)]));
}

/** "小李的3人团" (the starter's shown name), or "3人团" once the starter left it. */
function groupBuyLabel(group: GroupBuyDoc): string {
  const leader = Object.values(group.seats).find((seat) => seat.leader);
  return `${leader?.name ? `${leader.name}的` : ''}${group.size}人团`;
}

export async function shopStats(db: Db, shopId: string, since: number | undefined) {
  const match: Record<string, unknown> = since === undefined ? { shopId } : { shopId, at: db.command.gte(since) };
  const [total, byProduct, byCampaign, byGroupBuy, bySharer, byGroup] = await Promise.all([
    db.collection('visits').where(match).count() as Promise<{ total: number }>,
    countBy(db, { ...match, 'target.kind': 'product' }, 'target.productId'),
    countBy(db, { ...match, 'target.kind': 'campaign' }, 'target.campaignId'),
    countBy(db, { ...match, 'target.kind': 'group' }, 'target.groupId'),
    countBy(db, match, 'sharerOpenId'),
    countBy(db, match, 'openGId'),
  ]);
  const [productNames, campaignTitles, groupBuyNames, memberNames, groupNames] = await Promise.all([
    labels<ProductDoc>(db, 'products', byProduct.map((row) => row.key), (doc) => doc.name),
    labels<CampaignDoc>(db, 'campaigns', byCampaign.map((row) => row.key), (doc) => doc.title),
    labels<GroupBuyDoc>(db, GROUPS, byGroupBuy.map((row) => row.key), groupBuyLabel),
    labels<MemberDoc>(db, 'members', bySharer.map((row) => `${shopId}:${row.key}`), (doc) => doc.name),
    labels<GroupDoc>(db, 'groups', byGroup.map((row) => `${shopId}:${row.key}`), (doc) => doc.name),
  ]);
  const named = (rows: { key: string; visits: number }[], name: (key: string) => string): CountRow[] =>
    rows.map((row) => ({ ...row, label: name(row.key) }));
  return {
    total: total.total,
    byProduct: named(byProduct, (key) => productNames.get(key) ?? '已删除的商品'),
    byCampaign: named(byCampaign, (key) => campaignTitles.get(key) ?? '已删除的团'),
    byGroupBuy: named(byGroupBuy, (key) => groupBuyNames.get(key) ?? '已删除的拼团'),
    // Buyers share too; they are not members, so they get a stable anonymous label.
    bySharer: named(bySharer, (key) => memberNames.get(`${shopId}:${key}`) ?? `顾客 ${key.slice(-4)}`),
    // A group nobody has named yet has an empty label: the page says so in its own words.
    byGroup: named(byGroup, (key) => groupNames.get(`${shopId}:${key}`) ?? ''),
  };
}
