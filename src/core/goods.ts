// Pure goods rules: what a product needs before buyers may see it, which of its
// texts are checked, and how SKUs get their ids. No I/O here.
import type { Sku } from './contracts';
import type { FieldProblem } from './shops';
import type { ProductDoc, ProductStatus } from './model';

/** What a vendor edits; the rest of a stored product is bookkeeping. */
export type ProductFields = Pick<ProductDoc, 'name' | 'unit' | 'description' | 'images' | 'skus' | 'ship' | 'perishable'>;

/** A SKU as submitted, after the schema filled its defaults. */
type SubmittedSku = Omit<Sku, 'id'> & { id?: string; stockSeen?: number };

/** What a product still lacks before buyers may see it, as things to add; paths are relative to the product. */
export function publishProblems({ images, skus }: Pick<ProductFields, 'images' | 'skus'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (images.length === 0) problems.push({ path: 'images', message: '请至少添加一张商品照片' });
  skus.forEach((sku, index) => {
    if (sku.priceLi > 0) return;
    const which = sku.spec ? `“${sku.spec}”的` : skus.length > 1 ? `第 ${index + 1} 个规格的` : '';
    problems.push({ path: `skus.${index}.priceLi`, message: `请填写${which}价格` });
  });
  return problems;
}

/** A product put on sale with nothing left in stock shows as sold out from the start. */
export function publishedStatus(skus: readonly Pick<Sku, 'stock'>[]): ProductStatus {
  return skus.every((sku) => sku.stock <= 0) ? 'sold_out' : 'on_sale';
}

/** One piece of text buyers will read, with where it sits and how to name it to the vendor. */
export interface TextField {
  path: string;
  label: string;
  text: string;
}

/** The texts of a product that the content check reads: name, description and SKU specs. */
export function textFields({ name, description, skus }: Pick<ProductFields, 'name' | 'description' | 'skus'>): TextField[] {
  const fields: TextField[] = [
    { path: 'name', label: '商品名称', text: name },
    { path: 'description', label: '商品介绍', text: description },
    ...skus.map((sku, index) => ({ path: `skus.${index}.spec`, label: `第 ${index + 1} 个规格`, text: sku.spec })),
  ];
  return fields.filter((field) => field.text !== '');
}

/**
 * Whether buyers would read a text they could not before: only then is a product they already see
 * checked again. Removing or reordering SKUs, or changing prices, adds no text.
 */
export function hasNewText(before: ProductFields, after: ProductFields): boolean {
  const seen = new Set(textFields(before).map((field) => field.text));
  return textFields(after).some((field) => !seen.has(field.text));
}

/**
 * Packs texts, one per line, into pieces of at most `max` characters (code points) for an API
 * that takes one bounded string. Texts are never split unless one alone is too long, so a word
 * is only cut where it would have to be.
 */
export function packTexts(texts: readonly string[], max: number): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  for (const text of texts) {
    const chars = Array.from(text);
    for (let start = 0; start < chars.length; start += max) {
      const part = chars.slice(start, start + max);
      // The +1 is the line break joining it to what the piece already holds.
      if (current.length > 0 && current.length + 1 + part.length > max) {
        pieces.push(current.join(''));
        current = [];
      }
      current = current.length > 0 ? [...current, '\n', ...part] : part;
    }
  }
  if (current.length > 0) pieces.push(current.join(''));
  return pieces;
}

/** Folds text for locating a keyword the way moderation matches it: width, case, spacing, punctuation. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\p{Z}\p{C}]/gu, '');
}

/** The field a flagged keyword was found in, so the vendor knows where to edit. */
export function fieldWith(fields: readonly TextField[], keyword: string): TextField | undefined {
  const needle = fold(keyword);
  return needle === '' ? undefined : fields.find((field) => fold(field.text).includes(needle));
}

/**
 * Submitted SKUs as stored. A SKU keeps the id it already has in the stored product (orders refer
 * to it); any other id, a repeated one, or none, gets a new short id unique in the product. An
 * existing SKU submitted with `stockSeen` gets the stored stock moved by what the vendor changed,
 * never below zero, so sales made while the form was open are not undone.
 */
export function toStoredSkus(submitted: readonly SubmittedSku[], stored: readonly Pick<Sku, 'id' | 'stock'>[], newId: () => string): Sku[] {
  const known = new Map(stored.map((sku) => [sku.id, sku]));
  const taken = new Set<string>();
  const fresh = (): string => {
    let id = newId();
    while (known.has(id) || taken.has(id)) id = newId();
    return id;
  };
  return submitted.map(({ id, stockSeen, ...sku }) => {
    const existing = id !== undefined && !taken.has(id) ? known.get(id) : undefined;
    const kept = existing ? existing.id : fresh();
    taken.add(kept);
    const stock = existing && stockSeen !== undefined ? Math.max(0, existing.stock + sku.stock - stockSeen) : sku.stock;
    return { id: kept, ...sku, stock };
  });
}
