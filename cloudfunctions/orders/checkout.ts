// Pricing a cart and placing an order. The server prices everything from stored goods and the
// shop's settings; the client's total is only compared. Placing is idempotent on the call's
// requestId and never oversells: stock is taken by conditional atomic updates before the order
// is written, and put back if anything after that fails (by the sweep, if the placement died).
import type { CartLine, CheckoutProblemView, ordersContract, PaymentMode, PricedOrderLine } from '@core/contracts';
import { orderRulesOf } from '@core/shops';
import type { z } from 'zod';
import { checkoutOptionsOf, fulfilmentChoiceOf, priceOrder, PRICING_FIELDS, type CheckoutProblem, type PriceOrderResult, type PricingProduct } from '@core/checkout';
import { AppError } from '@core/errors';
import { lineLabel } from '@core/order-names';
import type { OrderDoc, ProductDoc, ShopDoc } from '@core/model';
import { createOrder, toOrderFulfilment } from '@core/orders';
import type { FulfilmentChoice } from '@core/contracts';
import type { ActionImpls } from '../_shared/handler';
import { database, findById, isDuplicateKey, list, type Db } from '../_shared/db';
import { newId, ORDERS, REQUEST_ID_MAX, view } from './store';
import { firstHoldKey, releaseHolds, requestKeyOf, takeStock, twinHolds, type StockLine } from './stock';
import type { CampaignDoc } from '@core/campaigns';
import { campaignCheckoutShop, campaignOrderProblems, campaignPriceSource, campaignPricedProduct } from '@core/campaign-ordering';
import type { EntryDisplay, OrderFulfilment } from '@core/contracts';
import { loadBuyableCampaign, orderQuantities, putBackCampaignStock, takeCampaignStock, takenByBuyer } from './campaign-orders';
import type { GroupChoice } from '@core/contracts';
import { groupPricedProduct } from '@core/group-buy';
import type { OrderGroup } from '@core/model';
import { giveBackGroupSeat, loadGroupPlacement, takeGroupSeat, type GroupPlacement } from './group-orders';
import { liveItemOf, liveOrderProblem, livePricedProduct, liveQuantities } from '@core/live';
import type { OrderLive } from '@core/model';
import { limitedOf, liveRefusal, loadOrderingShow, putBackLiveStock, takeLiveStock, type OrderingShow } from './live-orders';

/** Live prices come on their own: not inside a campaign or a 拼团. */
function assertLiveAlone(input: { liveShowId?: string; campaignId?: string; group?: GroupChoice }): void {
  if (input.liveShowId && (input.campaignId || input.group)) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'liveShowId', message: '直播价不能和接龙、拼团一起用' }]);
}

/** From the live page, the show's items sell at their live price while it is live and they are on. */
function inLive(products: Map<string, FetchedProduct>, show: OrderingShow | null, now: number): Map<string, FetchedProduct> {
  if (!show) return products;
  return new Map([...products].map(([id, product]) => [id, livePricedProduct(product, show, now)]));
}

/** Lines at the live price carry the show and the item. */
function withLiveSources<L extends { productId: string; skuId: string; priceSource: PricedOrderLine['priceSource'] }>(lines: L[], show: OrderingShow | null, quantities: Readonly<Record<string, number>>): L[] {
  if (!show) return lines;
  return lines.map((line) => {
    const item = liveItemOf(show, line.productId, line.skuId);
    return item && quantities[item.id] ? { ...line, priceSource: { kind: 'live' as const, showId: show._id, itemId: item.id } } : line;
  });
}

/**
 * A 拼团 order: one line of the offer's product, WeChat Pay only (a failed group refunds itself),
 * priced at the group price (团长价 for the starter). Null for other orders.
 */
async function groupPlacement(db: Db, choice: GroupChoice | undefined, input: { shopId: string; lines: readonly CartLine[]; payment?: PaymentMode; campaignId?: string }, openid: string | null, now: number): Promise<GroupPlacement | null> {
  if (!choice) return null;
  if (input.campaignId) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'group', message: '拼团和接龙不能一起下单' }]);
  const placement = await loadGroupPlacement(db, choice, input.shopId, openid, now);
  if (input.lines.length !== 1 || input.lines[0].productId !== placement.offer.productId) throw new AppError('GROUP_ONE_PRODUCT');
  if (input.payment && input.payment !== 'wechat') throw new AppError('PAYMENT_NOT_OFFERED', '拼团只能用微信支付，没拼成时钱会自动退回');
  return placement;
}

function inGroup(products: Map<string, FetchedProduct>, placement: GroupPlacement | null): Map<string, FetchedProduct> {
  if (!placement) return products;
  return new Map([...products].map(([id, product]) => [id, id === placement.offer.productId ? groupPricedProduct(product, placement.group?.skus ?? placement.offer.skus, placement.leader) : product]));
}

/** Group lines carry where their price came from. */
function withGroupSources<L extends { priceSource: PricedOrderLine['priceSource'] }>(lines: L[], placement: GroupPlacement | null): L[] {
  if (!placement) return lines;
  return lines.map((line) => ({ ...line, priceSource: { kind: 'group' as const, offerId: placement.offer._id, leader: placement.leader } }));
}

/** Campaign lines carry where their price came from: the item's tier in force. */
function withCampaignSources<L extends { productId: string; skuId: string; priceSource: PricedOrderLine['priceSource'] }>(lines: L[], campaign: CampaignDoc | null): L[] {
  if (!campaign) return lines;
  return lines.map((line) => ({ ...line, priceSource: campaignPriceSource(campaign, line.productId, line.skuId) ?? line.priceSource }));
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "261122" + six digits: short enough to write in a transfer's note. */
function newOrderNo(at: number): string {
  const day = new Date(at + BEIJING_OFFSET_MS).toISOString().slice(2, 10).replace(/-/g, '');
  const digits = parseInt(newId().slice(0, 8), 16) % 1_000_000;
  return `${day}${String(digits).padStart(6, '0')}`;
}

type FetchedProduct = PricingProduct & Pick<ProductDoc, 'holds'>;

/**
 * The goods of a cart, with only what pricing reads, plus (for a placement) this request's own
 * stock hold: during a live sale a product carries one hold per order being placed, and a call
 * needs to see only whether a twin of itself holds one.
 */
async function productsById(db: Db, lines: readonly CartLine[], requestKey?: string): Promise<Map<string, FetchedProduct>> {
  const _ = db.command;
  const ids = [...new Set(lines.map((line) => line.productId))];
  const fields: Record<string, true> = Object.fromEntries(PRICING_FIELDS.map((field) => [field, true]));
  if (requestKey) fields[`holds.${firstHoldKey(requestKey)}`] = true;
  // At most 50 lines, so one get() (100 documents) holds them all.
  const products = await list<FetchedProduct>(db.collection('products').where({ _id: _.in(ids) }).field(fields).limit(100));
  return new Map(products.map((product) => [product._id, product]));
}

function price(shop: ShopDoc, products: Map<string, FetchedProduct>, lines: readonly CartLine[], fulfilment: FulfilmentChoice, payment: PaymentMode | undefined): PriceOrderResult {
  return priceOrder({
    shop,
    lines: lines.map((line) => ({ ...line, product: products.get(line.productId) ?? null })),
    fulfilment,
    payment,
  });
}

/**
 * Inside a campaign the shop offers only the campaign's fulfilment, and the goods only the
 * campaign's SKUs at the tier in force (the group tiers replace the product's own bulk tiers).
 */
function inCampaign(shop: ShopDoc, products: Map<string, FetchedProduct>, campaign: CampaignDoc | null): { shop: ShopDoc; products: Map<string, FetchedProduct> } {
  if (!campaign) return { shop, products };
  const priced = new Map([...products].map(([id, product]) => [id, campaignPricedProduct(product, campaign)]));
  return { shop: { ...shop, ...campaignCheckoutShop(shop, campaign) } as ShopDoc, products: priced };
}

/** The name on the public list: the buyer's chosen nickname, else the receiver's or pickup contact's name. */
function displayOf(display: EntryDisplay | undefined, fulfilment: OrderFulfilment): { displayName: string; avatar: string } {
  if (display) return { displayName: display.name, avatar: display.avatar };
  return { displayName: fulfilment.kind === 'pickup' ? fulfilment.contact.name : fulfilment.address.name, avatar: '' };
}

function toProblemView(problem: CheckoutProblem): z.infer<typeof CheckoutProblemView> {
  const about = 'productId' in problem ? { productId: problem.productId, ...('skuId' in problem ? { skuId: problem.skuId } : {}) } : {};
  return { code: problem.code, message: problem.message, ...about };
}

async function findPlaced(db: Db, buyerOpenId: string, requestId: string): Promise<OrderDoc | null> {
  const [order] = await list<OrderDoc>(db.collection(ORDERS).where({ buyerOpenId, requestId }).limit(1));
  return order ?? null;
}

/** How long a call waits for a running twin of itself to write its order before asking the client to retry. */
const TWIN_WAIT_MS = 2000;
const TWIN_POLL_MS = 50;

/**
 * The order of a twin call of the same request, when one holds stock: waits for it to be written.
 * Null when no twin holds anything (the stock is simply gone). TIMEOUT when the twin is still not
 * done: the client retries with the same requestId and gets whatever the twin made.
 */
async function twinOrder(db: Db, buyerOpenId: string, requestId: string, requestKey: string, productIds: readonly string[]): Promise<OrderDoc | null> {
  if (!(await twinHolds(db, requestKey, productIds))) return null;
  for (let waited = 0; waited <= TWIN_WAIT_MS; waited += TWIN_POLL_MS) {
    const placed = await findPlaced(db, buyerOpenId, requestId);
    if (placed) return placed;
    await new Promise((resolve) => setTimeout(resolve, TWIN_POLL_MS));
  }
  throw new AppError('TIMEOUT');
}

export const checkoutActions: Pick<ActionImpls<typeof ordersContract>, 'checkoutOptions' | 'quote' | 'place'> = {
  async checkoutOptions({ shopId }) {
    const shop = await findById<ShopDoc>(database(), 'shops', shopId);
    if (!shop) throw new AppError('SHOP_NOT_FOUND');
    return { options: checkoutOptionsOf(shop) };
  },

  async quote({ shopId, lines, fulfilment, payment, campaignId, group: groupChoice, liveShowId }, ctx) {
    const db = database();
    const now = ctx.clock.now();
    let placement: GroupPlacement | null;
    let show: OrderingShow | null;
    try {
      assertLiveAlone({ liveShowId, campaignId, group: groupChoice });
      placement = await groupPlacement(db, groupChoice, { shopId, lines, payment, campaignId }, ctx.openid ?? null, now);
      show = liveShowId ? await loadOrderingShow(db, liveShowId, shopId, ctx.openid ?? null) : null;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { quote: null, problems: [{ code: err.code, message: err.message }] };
    }
    const [shop, fetched, campaign] = await Promise.all([
      findById<ShopDoc>(db, 'shops', shopId),
      productsById(db, lines),
      campaignId ? loadBuyableCampaign(db, campaignId, shopId) : null,
    ]);
    const products = inLive(fetched, show, now);
    if (!shop) throw new AppError('SHOP_NOT_FOUND');
    const campaignProblems = campaign
      ? campaignOrderProblems({
          campaign,
          now: ctx.clock.now(),
          lines,
          taken: ctx.openid ? takenByBuyer(campaign, ctx.openid) : {},
          products: [...products.values()],
        })
      : [];
    const scoped = inCampaign(shop, inGroup(products, placement), campaign);
    const result = price(scoped.shop, scoped.products, lines, fulfilment, payment);
    const quantities = show ? liveQuantities(show, lines, now) : {};
    const liveProblem = show ? liveOrderProblem(show, quantities, show.mine) : null;
    const liveProblems = liveProblem ? [{ code: liveProblem.code, message: liveProblem.message }] : [];
    const problems = [...campaignProblems.map(({ code, message, ...about }) => ({ code, message, ...('productId' in about ? { productId: about.productId, skuId: about.skuId } : {}) })), ...liveProblems, ...(result.ok ? [] : result.problems.map(toProblemView))];
    if (!result.ok || problems.length) return { quote: null, problems };
    const { goodsFen, feeFen, totalFen } = result;
    return { quote: { lines: withLiveSources(withGroupSources(withCampaignSources(result.lines, campaign), placement), show, quantities), goodsFen, feeFen, totalFen }, problems: [] };
  },

  async place(input, ctx) {
    const { requestId } = ctx;
    if (!requestId || requestId.length > REQUEST_ID_MAX) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'requestId', message: '请求缺少编号，请更新小程序后再试' }]);
    }
    assertLiveAlone(input);
    const db = database();
    const buyerOpenId = ctx.openid;
    const now = ctx.clock.now();
    // Round trip 1: the retry check, the shop and the goods, all at once.
    const requestKey = requestKeyOf(buyerOpenId, requestId);
    const productIds = input.lines.map((line) => line.productId);
    const [placed, storedShop, fetchedProducts, campaign, placement, show] = await Promise.all([
      findPlaced(db, buyerOpenId, requestId),
      findById<ShopDoc>(db, 'shops', input.shopId),
      productsById(db, input.lines, requestKey),
      input.campaignId ? loadBuyableCampaign(db, input.campaignId, input.shopId).catch((err: unknown) => err as Error) : null,
      groupPlacement(db, input.group, input, buyerOpenId, now).catch((err: unknown) => err as Error),
      input.liveShowId ? loadOrderingShow(db, input.liveShowId, input.shopId, buyerOpenId).catch((err: unknown) => err as Error) : null,
    ]);
    if (placed) return view(placed);
    if (!storedShop) throw new AppError('SHOP_NOT_FOUND');
    if (campaign instanceof Error) throw campaign;
    if (placement instanceof Error) throw placement;
    if (show instanceof Error) throw show;
    const storedProducts = inLive(inGroup(fetchedProducts, placement), show, now);
    if (campaign) {
      const [problem] = campaignOrderProblems({ campaign, now: ctx.clock.now(), lines: input.lines, taken: takenByBuyer(campaign, buyerOpenId), products: [...storedProducts.values()] });
      if (problem) throw new AppError(problem.code, problem.message);
    }
    const { shop, products } = inCampaign(storedShop, storedProducts, campaign);

    const priced = price(shop, products, input.lines, fulfilmentChoiceOf(input.fulfilment), input.payment);
    if (!priced.ok) {
      const [first] = priced.problems;
      // The stock may be gone because a twin of this very call took it a moment ago.
      const twinHolding = first.code === 'OUT_OF_STOCK' && [...products.values()].some((product) => product.holds?.[firstHoldKey(requestKey)]);
      const twin = twinHolding ? await twinOrder(db, buyerOpenId, requestId, requestKey, productIds) : null;
      if (twin) return view(twin);
      throw new AppError(first.code, first.message);
    }
    if (input.expectedTotalFen !== undefined && input.expectedTotalFen !== priced.totalFen) throw new AppError('PRICE_CHANGED');
    // What the order takes at the live price; over a cap as read now, refused before any stock moves,
    // unless a twin of this call (a double tap, a retry) is what filled the cap: its order is the answer.
    const liveTaken = show ? liveQuantities(show, priced.lines, now) : {};
    const liveProblem = show ? liveOrderProblem(show, liveTaken, show.mine) : null;
    if (liveProblem) {
      const twin = await twinOrder(db, buyerOpenId, requestId, requestKey, productIds);
      if (twin) return view(twin);
      throw new AppError(liveProblem.code, liveProblem.message);
    }
    const fulfilment = toOrderFulfilment(input.fulfilment, shop.fulfilment.pickup.points);
    if (!fulfilment) throw new AppError('PICKUP_POINT_UNKNOWN');

    // Round trip 2: every line's stock at once, each taken only if there is enough, with a hold
    // naming this order so a placement that dies before round 3 gives its stock back (stock.ts).
    const at = ctx.clock.now();
    const orderId = newId();
    const wanted: StockLine[] = priced.lines.map(({ productId, skuId, quantity }) => ({ productId, skuId, quantity }));
    const attempts = await Promise.allSettled(wanted.map((line, index) => takeStock(db, line, requestKey, orderId, index, at)));
    const missing = attempts.findIndex((attempt) => !(attempt.status === 'fulfilled' && attempt.value));
    if (missing >= 0) {
      await releaseHolds(db, requestKey, orderId, wanted);
      // A twin of this call (a double tap, a retry) may hold the stock: its order is the answer.
      const twin = await twinOrder(db, buyerOpenId, requestId, requestKey, productIds);
      if (twin) return view(twin);
      const broken = attempts.find((attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected');
      if (broken) throw broken.reason;
      const line = priced.lines[missing];
      throw new AppError('OUT_OF_STOCK', `“${lineLabel(line)}”库存不够了，请少买一些或换个规格`);
    }
    // The show's live caps after the shelf's, so a twin of this call, which can hold no shelf stock
    // now, never takes them: the update lands only while the price is on, and a refusal gives the
    // shelf's stock back.
    const liveLimited = show ? limitedOf(show, liveTaken) : {};
    if (show && Object.keys(liveTaken).length > 0 && !(await takeLiveStock(db, show, buyerOpenId, liveTaken, now))) {
      await releaseHolds(db, requestKey, orderId, wanted);
      throw await liveRefusal(db, show, buyerOpenId, liveTaken, now);
    }
    const giveBackLive = () => (show && Object.keys(liveTaken).length > 0 ? putBackLiveStock(db, show._id, buyerOpenId, liveTaken, liveLimited) : Promise.resolve());
    // The campaign's cap and the buyer's limit, taken after the shelf's: a refusal gives the shelf's stock back.
    const quantities = campaign ? orderQuantities(campaign, priced) : {};
    if (campaign && !(await takeCampaignStock(db, campaign, buyerOpenId, quantities, at))) {
      await releaseHolds(db, requestKey, orderId, wanted);
      const latest = await loadBuyableCampaign(db, campaign._id, shop._id);
      if (latest.endAt <= at) throw new AppError('CAMPAIGN_ENDED');
      // Which one ran out, as read now (the buyer's own simultaneous orders, or everyone's).
      const [problem] = campaignOrderProblems({ campaign: latest, now: at, lines: input.lines, taken: takenByBuyer(latest, buyerOpenId), products: [...storedProducts.values()] });
      throw new AppError(problem?.code === 'CAMPAIGN_LIMIT_EXCEEDED' ? problem.code : 'CAMPAIGN_SOLD_OUT', problem?.message);
    }
    const giveBackCampaign = () => (campaign ? putBackCampaignStock(db, campaign, buyerOpenId, quantities) : Promise.resolve());
    // The 拼团 seat last: a refusal (full, ended, already in, at the limit) gives the shelf's stock back.
    let group: OrderGroup | null = null;
    if (placement) {
      try {
        group = await takeGroupSeat(db, placement, orderId, displayOf(input.display, fulfilment), at);
      } catch (err) {
        await releaseHolds(db, requestKey, orderId, wanted);
        throw err;
      }
    }

    const created = createOrder({
      id: orderId,
      orderNo: newOrderNo(at),
      shopId: shop._id,
      buyerOpenId,
      requestId,
      quote: { lines: withLiveSources(withGroupSources(withCampaignSources(priced.lines, campaign), placement), show, liveTaken), goodsFen: priced.goodsFen, feeFen: priced.feeFen, totalFen: priced.totalFen },
      fulfilment,
      mode: input.payment,
      buyerNote: input.buyerNote,
      source: input.source,
      at,
      payWithinMs: orderRulesOf(shop).payWithinMinutes * 60_000,
      campaign: campaign ? { campaignId: campaign._id, seq: null, countedAt: null, ...displayOf(input.display, fulfilment), difference: null } : null,
    });
    // A joiner's seat is held no longer than the group is open: unpaid then, it is called off with it.
    const deadlineAt = placement?.group?.deadlineAt ?? null;
    const grouped: OrderDoc = group ? { ...created, group, expiresAt: deadlineAt !== null && created.expiresAt !== null ? Math.min(created.expiresAt, deadlineAt) : created.expiresAt } : created;
    const live: OrderLive | null = show ? { showId: show._id, taken: liveTaken, limited: liveLimited, scene: input.source.scene } : null;
    const order: OrderDoc = live ? { ...grouped, live } : grouped;
    // Round trip 3: the order. The unique (buyer, requestId) index stops a racing retry here.
    try {
      await db.collection(ORDERS).add({ data: order });
    } catch (err) {
      // Any other failure may have written the order all the same (a lost reply): the holds stay,
      // and the sweep gives the stock back only if no order turns up.
      if (!isDuplicateKey(err)) throw err;
      await releaseHolds(db, requestKey, orderId, wanted);
      await giveBackCampaign();
      await giveBackLive();
      if (group) await giveBackGroupSeat(db, group, orderId, at);
      const first = await findPlaced(db, buyerOpenId, requestId);
      if (!first) throw err;
      return view(first);
    }
    return view(order);
  },
};
