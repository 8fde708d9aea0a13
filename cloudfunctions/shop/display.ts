// What buyers see of shops and goods: the core views, with image refs turned into URLs.
import type { ProductCard, ProductDetail, ShopPublic } from '@core/contracts';
import { toShopPublic } from '@core/catalog';
import type { ShopDoc } from '@core/model';

type DisplayUrls = Map<string, string>;

const show = (urls: DisplayUrls, ref: string): string => urls.get(ref) ?? ref;

export function shopForBuyers(shop: ShopDoc, urls: DisplayUrls): ShopPublic {
  const view = toShopPublic(shop);
  return { ...view, avatar: show(urls, view.avatar) };
}

export function cardForBuyers(card: ProductCard, urls: DisplayUrls): ProductCard {
  return { ...card, image: show(urls, card.image) };
}

export function detailForBuyers(detail: ProductDetail, urls: DisplayUrls): ProductDetail {
  return { ...detail, image: show(urls, detail.image), images: detail.images.map((ref) => show(urls, ref)) };
}
