// The campaign editor's form: the campaign as the vendor types it (prices in yuan, numbers and
// times as text), and its conversion to the contract's CampaignInput with errors under the
// server's paths (relative to `campaign`).
import type { CampaignInput, CampaignVendorView, VendorProductRow } from '@core/contracts';
import { parseYuanToLi } from '@core/money';
import type { FieldErrors } from '../../../utils/field-errors';
import { dateOf, eveningOf, shanghaiTimeToMs, timeOf } from '../../../utils/shanghai-time';
import { liToYuanText } from '../../../utils/yuan';

const HOUR = 60 * 60_000;

export interface TierForm {
  minQty: string;
  price: string;
}

export interface ItemForm {
  /** Stable key for React while editing. */
  key: string;
  productId: string;
  skuIds: string[];
  price: string;
  tiers: TierForm[];
  /** Empty: no limit. */
  limit: string;
  /** Empty: no cap beyond the product's stock. */
  cap: string;
}

export interface CampaignForm {
  title: string;
  text: string;
  images: string[];
  /** Open as soon as it is published (the start time is then "now"). */
  startNow: boolean;
  /** YYYY-MM-DD and HH:mm in Asia/Shanghai. */
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  items: ItemForm[];
  express: boolean;
  local: boolean;
  pickupPointIds: string[];
}

let keys = 0;
const nextKey = () => `item-${(keys += 1)}`;

export { dateOf, eveningOf, shanghaiTimeToMs, timeOf };

export function emptyForm(now: number): CampaignForm {
  // Tonight at 20:00 if there are a few hours left, else tomorrow night.
  const end = eveningOf(now, eveningOf(now, 0) - now > 3 * HOUR ? 0 : 1);
  return {
    title: '',
    text: '',
    images: [],
    startNow: true,
    startDate: dateOf(now),
    startTime: timeOf(now),
    endDate: dateOf(end),
    endTime: timeOf(end),
    items: [],
    express: false,
    local: false,
    pickupPointIds: [],
  };
}

/** A new item for a product: the SKUs no other item of the campaign sells yet, at the product's lowest price. */
export function newItem(product: VendorProductRow, taken: readonly ItemForm[]): ItemForm | null {
  const used = new Set(taken.filter((item) => item.productId === product.id).flatMap((item) => item.skuIds));
  const skuIds = product.skus.map((sku) => sku.id).filter((id) => !used.has(id));
  if (skuIds.length === 0) return null;
  return { key: nextKey(), productId: product.id, skuIds, price: liToYuanText(product.fromPriceLi), tiers: [], limit: '', cap: '' };
}

export function toForm(campaign: CampaignVendorView): CampaignForm {
  return {
    title: campaign.title,
    text: campaign.text,
    images: [...campaign.images],
    startNow: false,
    startDate: dateOf(campaign.startAt),
    startTime: timeOf(campaign.startAt),
    endDate: dateOf(campaign.endAt),
    endTime: timeOf(campaign.endAt),
    items: campaign.items.map((item) => ({
      key: nextKey(),
      productId: item.productId,
      skuIds: [...item.skuIds],
      price: liToYuanText(item.priceLi),
      tiers: item.tiers.map((tier) => ({ minQty: String(tier.minQty), price: liToYuanText(tier.priceLi) })),
      limit: item.limitPerBuyer === null ? '' : String(item.limitPerBuyer),
      cap: item.stockCap === null ? '' : String(item.stockCap),
    })),
    express: campaign.fulfilment.express,
    local: campaign.fulfilment.local,
    pickupPointIds: [...campaign.fulfilment.pickupPointIds],
  };
}

/** The campaign to send, or the fields that are not numbers or times (paths relative to `campaign`). */
export function fromForm(form: CampaignForm, now: number): { campaign: CampaignInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const price = (text: string, path: string): number => {
    const li = parseYuanToLi(text);
    if (li === null || li < 1) errors[path] = '请填写价格，比如 30 或 0.065（最多 3 位小数）';
    return li ?? 0;
  };
  const whole = (text: string, path: string, min: number, message: string): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isSafeInteger(value) || value < min) errors[path] = message;
    return Number.isSafeInteger(value) ? value : min;
  };
  const optionalWhole = (text: string, path: string, message: string): number | null => (text.trim() === '' ? null : whole(text, path, 1, message));

  if (!form.title.trim()) errors.title = '请写个团名，比如：腊肉香肠年货团';
  const startAt = form.startNow ? now : shanghaiTimeToMs(form.startDate, form.startTime);
  if (startAt === null) errors.startAt = '请选开团时间';
  const endAt = shanghaiTimeToMs(form.endDate, form.endTime);
  if (endAt === null) errors.endAt = '请选截团时间';
  const items = form.items.map((item, index) => {
    const at = `items.${index}`;
    if (item.skuIds.length === 0) errors[`${at}.skuIds`] = '请至少选一个规格';
    return {
      productId: item.productId,
      skuIds: item.skuIds,
      priceLi: price(item.price, `${at}.priceLi`),
      tiers: item.tiers.map((tier, t) => ({
        minQty: whole(tier.minQty, `${at}.tiers.${t}.minQty`, 2, '阶梯的数量至少是 2'),
        priceLi: price(tier.price, `${at}.tiers.${t}.priceLi`),
      })),
      limitPerBuyer: optionalWhole(item.limit, `${at}.limitPerBuyer`, '每人限购要填整数，不限就空着'),
      stockCap: optionalWhole(item.cap, `${at}.stockCap`, '团购限量要填整数，不限就空着'),
    };
  });
  if (Object.keys(errors).length) return { errors };
  return {
    campaign: {
      title: form.title.trim(),
      text: form.text.trim(),
      images: form.images,
      startAt: startAt ?? now,
      endAt: endAt ?? now,
      items,
      fulfilment: { express: form.express, local: form.local, pickupPointIds: form.pickupPointIds },
    },
  };
}
