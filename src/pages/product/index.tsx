import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../api/call';
import { useRemote } from '../../utils/use-remote';
import { callPhone, copyWechatId } from '../../components/contact';
import { Price } from '../../components/price';
import { SinglePageHint } from '../../components/single-page-hint';
import { RemoteStatus } from '../../components/status';
import { shareContract, shopContract, type OutputOf, type Sku } from '@core/contracts';
import { ERROR_MESSAGES } from '@core/errors';
import { formatLi } from '@core/money';
import { routes, type RouteParams } from '@core/routes';
import { shipNote } from '@core/ship';
import { writeCart } from '../../api/cart';
import { readEntry, type Entry } from '../../utils/entry';
import { useRoute } from '../../utils/use-route';
import { useShareCard } from '../../utils/use-share-card';
import { recordVisit } from '../../utils/visit';
import { BuyBar } from './buy-bar';
import { BuyBox } from './buy-box';
import { Gallery } from './gallery';
import { GroupOffer } from './group-offer';
import { SkuPicker } from './sku-picker';
import './index.css';

type ProductView = OutputOf<typeof shopContract, 'getProduct'>;

const NO_PRODUCT = { ok: false, error: { code: 'PRODUCT_NOT_FOUND', message: ERROR_MESSAGES.PRODUCT_NOT_FOUND } } as const;

/** The product a link names: `productId`, or a poster code's share code resolved to one. */
async function productIdFrom(route: RouteParams<'product'>, entry: Entry): Promise<string | undefined> {
  if (route.productId) return route.productId;
  if (!entry.posterCode) return undefined;
  const reply = await call(shareContract, 'resolve', { code: entry.posterCode });
  return reply.ok && reply.data.target.kind === 'product' ? reply.data.target.productId : undefined;
}

/** 联系店主: copy the WeChat ID, or call; with both, the buyer picks. */
function contactVendor(wechatId: string, phone: string): void {
  if (wechatId && phone) {
    void Taro.showActionSheet({ itemList: [`复制微信号 ${wechatId}`, `打电话 ${phone}`] }).then(
      ({ tapIndex }) => (tapIndex === 0 ? copyWechatId(wechatId) : callPhone(phone)),
      () => undefined,
    );
  } else if (wechatId) copyWechatId(wechatId);
  else callPhone(phone);
}

function firstAvailable(skus: Sku[]): Sku | undefined {
  return skus.find((sku) => sku.stock >= sku.minQty) ?? skus[0];
}

/**
 * One product: photos, specs to pick, a quantity that respects the minimum and steps, the unit
 * price that applies at it and the line total, bulk prices, stock, shipping, shelf life, and a
 * way to reach the vendor.
 */
export default function ProductPage() {
  const route = useRoute('product');
  const { state, load, retry } = useRemote<ProductView>();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [skuId, setSkuId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState(1);

  useLoad(() => {
    const opened = readEntry(route);
    setEntry(opened);
    void load(async () => {
      const productId = await productIdFrom(route, opened);
      if (!productId) return NO_PRODUCT;
      const reply = await call(shopContract, 'getProduct', { productId });
      if (reply.ok) recordVisit(reply.data.shop.id, { kind: 'product', productId }, opened);
      return reply;
    });
  });

  const data = state.status === 'done' ? state.data : null;
  const productName = data?.product.name ?? null;
  useEffect(() => {
    if (productName) void Taro.setNavigationBarTitle({ title: productName });
  }, [productName]);

  // The first spec that can be bought, at its smallest quantity, once the product arrives.
  useEffect(() => {
    if (!data) return;
    const sku = firstAvailable(data.product.skus);
    if (sku) {
      setSkuId(sku.id);
      setQuantity(sku.minQty);
    }
  }, [data]);

  const singlePage = entry?.singlePage ?? false;
  const productId = data?.product.id ?? '';
  useShareCard({
    shopId: data?.shop.id ?? null,
    target: { kind: 'product', productId },
    title: data ? `${data.product.name} ${formatLi(data.product.fromPriceLi)}/${data.product.unit}` : '仙人掌小店',
    plainPath: routes.product({ productId: productId || undefined }),
    imageUrl: data?.product.images[0] || data?.product.image || undefined,
    singlePage,
  });

  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;

  const { shop, product } = state.data;
  const pricesDiffer = new Set(product.skus.map((sku) => sku.priceLi)).size > 1;
  const sku = product.skus.find((candidate) => candidate.id === skuId) ?? firstAvailable(product.skus);
  const { wechatId, phone } = shop.contact;
  const item =
    sku && !product.soldOut && sku.stock >= sku.minQty
      ? { productId: product.id, skuId: sku.id, quantity: Math.max(quantity, sku.minQty), name: product.name, spec: sku.spec, unit: product.unit, image: product.image, minQty: sku.minQty, stepQty: sku.stepQty }
      : null;
  // 发起拼团: checkout of the chosen spec at the offer's price.
  const startGroup = (groupOfferId: string) => {
    if (!item) return;
    writeCart(shop.id, [item], 'buynow');
    void Taro.navigateTo({ url: routes.checkout({ shopId: shop.id, from: 'buynow', groupOfferId, ref: entry?.ref, scene: entry?.scene }) });
  };
  return (
    <View className={`product-page ${singlePage ? 'is-single-page' : ''}`}>
      {singlePage && <SinglePageHint />}
      <Gallery images={product.images} />
      <View className='product-section'>
        <Text className='product-title'>{product.name}</Text>
        <Price className='product-main-price' priceLi={product.fromPriceLi} unit={product.unit} from={pricesDiffer} />
        <Text className='ship-note'>{shipNote(product.ship, Date.now())}</Text>
        {product.perishable && <Text className='shelf-life'>保质期 {product.perishable.shelfLifeDays} 天</Text>}
        {product.soldOut && <Text className='sold-out-badge'>已售完</Text>}
      </View>
      <SkuPicker
        skus={product.skus}
        unit={product.unit}
        selectedId={sku?.id ?? ''}
        onSelect={(picked) => {
          setSkuId(picked.id);
          setQuantity(picked.minQty);
        }}
      />
      {sku && !product.soldOut && <BuyBox sku={sku} unit={product.unit} quantity={Math.max(quantity, sku.minQty)} onQuantity={setQuantity} />}
      <GroupOffer productId={product.id} skuId={sku?.id ?? ''} onStart={item && !singlePage ? startGroup : null} />
      {product.description && (
        <View className='product-section'>
          <Text className='section-title'>商品介绍</Text>
          <Text className='product-description'>{product.description}</Text>
        </View>
      )}
      <BuyBar
        shopId={shop.id}
        entry={entry}
        item={item}
        onContact={wechatId || phone ? () => contactVendor(wechatId, phone) : null}
      />
    </View>
  );
}
