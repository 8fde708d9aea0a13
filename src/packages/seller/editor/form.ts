// The product editor's form: the product as the vendor types it (prices in yuan, numbers as
// text), and its conversion to the contract's ProductInput with errors under the server's paths.
import type { ProductInput } from '@core/contracts';
import { formatShanghai, shanghaiDateToMs } from '@core/dates';
import { parseYuanToLi } from '@core/money';
import type { FieldErrors } from '../../../utils/field-errors';
import { liToYuanText } from '../../../utils/yuan';


export interface TierForm {
  minQty: string;
  price: string;
}

export interface SkuForm {
  id?: string;
  /** Stable key for React while editing. */
  key: string;
  spec: string;
  price: string;
  stock: string;
  /** The stock this form loaded; the server moves stock by the difference (sales meanwhile stay). */
  stockSeen?: number;
  minQty: string;
  stepQty: string;
  tiers: TierForm[];
}

export interface ProductForm {
  name: string;
  unit: string;
  description: string;
  images: string[];
  skus: SkuForm[];
  shipKind: 'days' | 'presale';
  shipDays: string;
  /** YYYY-MM-DD in Asia/Shanghai. */
  shipDate: string;
  perishable: boolean;
  shelfLifeDays: string;
}

let keys = 0;
export function newSku(): SkuForm {
  keys += 1;
  return { key: `new-${keys}`, spec: '', price: '', stock: '', minQty: '1', stepQty: '1', tiers: [] };
}

export function emptyForm(): ProductForm {
  return {
    name: '',
    unit: '斤',
    description: '',
    images: [],
    skus: [newSku()],
    shipKind: 'days',
    shipDays: '2',
    shipDate: '',
    perishable: false,
    shelfLifeDays: '',
  };
}

export function toForm(product: ProductInput): ProductForm {
  const ship = product.ship;
  return {
    name: product.name,
    unit: product.unit,
    description: product.description,
    images: [...product.images],
    skus: product.skus.map((sku, index) => ({
      id: sku.id,
      key: sku.id ?? `sku-${index}`,
      spec: sku.spec,
      price: liToYuanText(sku.priceLi),
      stock: String(sku.stock),
      ...(sku.id ? { stockSeen: sku.stock } : {}),
      minQty: String(sku.minQty ?? 1),
      stepQty: String(sku.stepQty ?? 1),
      tiers: (sku.tiers ?? []).map((tier) => ({ minQty: String(tier.minQty), price: liToYuanText(tier.priceLi) })),
    })),
    shipKind: ship.kind,
    shipDays: ship.kind === 'days' ? String(ship.days) : '2',
    shipDate: ship.kind === 'presale' ? formatShanghai(ship.shipAt, 'YYYY-MM-DD') : '',
    perishable: product.perishable !== null,
    shelfLifeDays: product.perishable ? String(product.perishable.shelfLifeDays) : '',
  };
}

export function todayInShanghai(now: number): string {
  return formatShanghai(now, 'YYYY-MM-DD');
}

/** The product to send, or the fields that are not numbers (paths relative to `product`). */
export function fromForm(form: ProductForm): { product: ProductInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const price = (text: string, path: string): number => {
    const li = parseYuanToLi(text);
    if (li === null) errors[path] = '请填写价格，比如 58 或 0.065（最多 3 位小数）';
    return li ?? 0;
  };
  const whole = (text: string, path: string, min: number, message: string): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isSafeInteger(value) || value < min) errors[path] = message;
    return Number.isSafeInteger(value) ? value : min;
  };
  const skus = form.skus.map((sku, index) => {
    const at = `skus.${index}`;
    return {
      ...(sku.id ? { id: sku.id } : {}),
      ...(sku.id && sku.stockSeen !== undefined ? { stockSeen: sku.stockSeen } : {}),
      spec: sku.spec.trim(),
      priceLi: price(sku.price, `${at}.priceLi`),
      stock: whole(sku.stock, `${at}.stock`, 0, '请填写库存（整数）'),
      minQty: whole(sku.minQty || '1', `${at}.minQty`, 1, '起卖数量至少是 1'),
      stepQty: whole(sku.stepQty || '1', `${at}.stepQty`, 1, '每次加减至少是 1'),
      tiers: sku.tiers.map((tier, t) => ({
        minQty: whole(tier.minQty, `${at}.tiers.${t}.minQty`, 2, '批量价的数量至少是 2'),
        priceLi: price(tier.price, `${at}.tiers.${t}.priceLi`),
      })),
    };
  });
  let ship: ProductInput['ship'];
  if (form.shipKind === 'days') {
    ship = { kind: 'days', days: whole(form.shipDays, 'ship.days', 0, '请填写几天内发货（0 到 60）') };
  } else {
    if (!form.shipDate) errors['ship.shipAt'] = '请选择发货日期';
    ship = { kind: 'presale', shipAt: form.shipDate ? shanghaiDateToMs(form.shipDate) : 0 };
  }
  const perishable = form.perishable ? { shelfLifeDays: whole(form.shelfLifeDays, 'perishable.shelfLifeDays', 1, '请填写保质期几天') } : null;
  if (Object.keys(errors).length) return { errors };
  return {
    product: {
      name: form.name.trim(),
      unit: form.unit.trim(),
      description: form.description.trim(),
      images: form.images,
      skus,
      ship,
      perishable,
    },
  };
}
