// A live show's figures: orders and amount per minute, per item, new and returning buyers, and
// visits of its page by source with the share that ordered. Pure: the live function reads the
// show's orders and visits and hands them here.
import type { LiveDashboard, LiveSource } from './contracts/live';
import type { OrderState } from './contracts/orders';
import { formatShanghai } from './dates';
import { itemLeft, LIVE_SOURCE_NAMES, liveSourceOf, liveState, type LiveProduct, type LiveShowDoc } from './live';
import type { Fen } from './money';

/** What the dashboard reads of an order placed from the show. */
export interface LiveOrderFacts {
  buyerOpenId: string;
  state: OrderState;
  createdAt: number;
  totalFen: Fen;
  lines: readonly { totalFen: Fen; priceSource: { kind: string; itemId?: string } }[];
}

export interface LiveVisitFacts {
  visitorOpenId: string | null;
  scene: number | null;
}

/** Orders called off or refunded whole do not count. */
const COUNTS: readonly OrderState[] = ['to_pay', 'to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'refunding'];

const MINUTE = 60_000;
/** A show lasts at most a day: 1,440 points. */
const MAX_POINTS = 24 * 60;

export interface DashboardInput {
  show: LiveShowDoc;
  products: readonly LiveProduct[];
  orders: readonly LiveOrderFacts[];
  /** Buyers of these orders who had ordered from the shop before the show. */
  returningBuyers: ReadonlySet<string>;
  visits: readonly LiveVisitFacts[];
  now: number;
}

export function liveDashboard({ show, products, orders, returningBuyers, visits, now }: DashboardInput): LiveDashboard {
  const state = liveState(show, now);
  const counted = orders.filter((order) => COUNTS.includes(order.state));
  const endedAt = show.endedAt ?? (state === 'ended' ? show.autoEndAt : null);
  const firstAt = Math.min(show.liveAt ?? Infinity, ...counted.map((order) => order.createdAt));
  const from = Number.isFinite(firstAt) ? Math.floor(firstAt / MINUTE) * MINUTE : null;
  const until = Math.min(endedAt ?? now, now);
  const perMinute: LiveDashboard['perMinute'] = [];
  if (from !== null) {
    const points = Math.min(MAX_POINTS, Math.max(1, Math.floor((until - from) / MINUTE) + 1));
    for (let index = 0; index < points; index += 1) {
      const at = from + index * MINUTE;
      perMinute.push({ at, label: formatShanghai(at, 'HH:mm'), orders: 0, amountFen: 0 });
    }
    for (const order of counted) {
      const point = perMinute[Math.min(points - 1, Math.max(0, Math.floor((order.createdAt - from) / MINUTE)))];
      point.orders += 1;
      point.amountFen += order.totalFen;
    }
  }

  const amountByItem = new Map<string, Fen>();
  for (const order of counted) {
    for (const line of order.lines) {
      if (line.priceSource.kind === 'live' && line.priceSource.itemId) amountByItem.set(line.priceSource.itemId, (amountByItem.get(line.priceSource.itemId) ?? 0) + line.totalFen);
    }
  }
  const items = show.items.map((item) => {
    const product = products.find((candidate) => candidate._id === item.productId);
    const sku = product?.skus.find((candidate) => candidate.id === item.skuId);
    return { id: item.id, name: product?.name ?? '', spec: sku?.spec ?? '', sold: show.sold[item.id] ?? 0, left: itemLeft(show, item, sku ? sku.stock : 0), amountFen: amountByItem.get(item.id) ?? 0 };
  });

  const buyers = new Set(counted.map((order) => order.buyerOpenId));
  const returning = [...buyers].filter((buyer) => returningBuyers.has(buyer)).length;

  const sources = new Map<LiveSource, { visits: number; ordered: number }>();
  let ordered = 0;
  for (const visit of visits) {
    const source = liveSourceOf(visit.scene);
    const row = sources.get(source) ?? { visits: 0, ordered: 0 };
    row.visits += 1;
    if (visit.visitorOpenId && buyers.has(visit.visitorOpenId)) {
      row.ordered += 1;
      ordered += 1;
    }
    sources.set(source, row);
  }

  return {
    state,
    liveAt: show.liveAt,
    endedAt,
    orders: counted.length,
    amountFen: counted.reduce((sum, order) => sum + order.totalFen, 0),
    perMinute,
    items,
    buyers: { total: buyers.size, new: buyers.size - returning, returning },
    visits: {
      total: visits.length,
      ordered,
      bySource: [...sources].sort((a, b) => b[1].visits - a[1].visits).map(([source, row]) => ({ source, label: LIVE_SOURCE_NAMES[source], ...row })),
    },
    summaryAt: null,
  };
}
