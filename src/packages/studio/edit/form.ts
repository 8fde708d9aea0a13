// The live show editor's form: the show as the vendor types it (live prices in yuan, numbers and
// times as text), and its conversion to the contract's LiveShowInput with errors under the
// server's paths (relative to `show`).
import type { LiveShowInput, LiveShowVendorView, VendorProductRow } from '@core/contracts';
import { parseYuanToLi } from '@core/money';
import type { FieldErrors } from '../../../utils/field-errors';
import { dateOf, eveningOf, shanghaiTimeToMs, timeOf } from '../../../utils/shanghai-time';
import { liToYuanText } from '../../../utils/yuan';

export interface LiveItemForm {
  /** Stable key for React while editing. */
  key: string;
  productId: string;
  skuId: string;
  price: string;
  /** Empty: no limit. */
  limit: string;
  /** Empty: no cap beyond the product's stock. */
  cap: string;
}

export interface LiveShowForm {
  title: string;
  /** YYYY-MM-DD and HH:mm in Asia/Shanghai. */
  startDate: string;
  startTime: string;
  streamerOpenIds: string[];
  items: LiveItemForm[];
}

let keys = 0;
const nextKey = () => `studio-item-${(keys += 1)}`;

/** A new show starts tonight at 20:00, or tomorrow night when tonight is under an hour away. */
export function emptyForm(now: number): LiveShowForm {
  const start = eveningOf(now, eveningOf(now, 0) - now > 60 * 60_000 ? 0 : 1);
  return { title: '', startDate: dateOf(start), startTime: timeOf(start), streamerOpenIds: [], items: [] };
}

/** The product's first SKU the show does not sell yet, at its usual starting price; null when all are in. */
export function newItem(product: VendorProductRow, taken: readonly LiveItemForm[]): LiveItemForm | null {
  const sku = product.skus.find((candidate) => !taken.some((item) => item.productId === product.id && item.skuId === candidate.id));
  if (!sku) return null;
  return { key: nextKey(), productId: product.id, skuId: sku.id, price: liToYuanText(product.fromPriceLi), limit: '', cap: '' };
}

export function toForm(show: LiveShowVendorView): LiveShowForm {
  return {
    title: show.title,
    startDate: dateOf(show.startAt),
    startTime: timeOf(show.startAt),
    streamerOpenIds: show.streamers.map((streamer) => streamer.openid),
    items: show.items.map((item) => ({
      key: nextKey(),
      productId: item.productId,
      skuId: item.skuId,
      price: liToYuanText(item.livePriceLi),
      limit: item.limitPerBuyer === null ? '' : String(item.limitPerBuyer),
      cap: item.stockCap === null ? '' : String(item.stockCap),
    })),
  };
}

/** The show to send, or the fields that are not numbers or times (paths relative to `show`). */
export function fromForm(form: LiveShowForm): { show: LiveShowInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const optionalWhole = (text: string, path: string, message: string): number | null => {
    if (text.trim() === '') return null;
    const value = Number(text.trim());
    if (!Number.isSafeInteger(value) || value < 1) errors[path] = message;
    return Number.isSafeInteger(value) ? value : null;
  };

  if (!form.title.trim()) errors.title = '请写个直播标题，比如：长白山林下参专场';
  const startAt = shanghaiTimeToMs(form.startDate, form.startTime);
  if (startAt === null) errors.startAt = '请选开播时间';
  if (form.items.length === 0) errors.items = '请至少放一件商品';
  const items = form.items.map((item, index) => {
    const at = `items.${index}`;
    const livePriceLi = parseYuanToLi(item.price);
    if (livePriceLi === null || livePriceLi < 1) errors[`${at}.livePriceLi`] = '请填写直播价，比如 30 或 9.9';
    return {
      productId: item.productId,
      skuId: item.skuId,
      livePriceLi: livePriceLi ?? 0,
      limitPerBuyer: optionalWhole(item.limit, `${at}.limitPerBuyer`, '每人限购要填整数，不限就空着'),
      stockCap: optionalWhole(item.cap, `${at}.stockCap`, '直播限量要填整数，不限就空着'),
    };
  });
  if (Object.keys(errors).length) return { errors };
  return { show: { title: form.title.trim(), startAt: startAt ?? 0, streamerOpenIds: form.streamerOpenIds, items } };
}
