import { View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/call';
import { useRemote } from '../../utils/use-remote';
import { SinglePageHint } from '../../components/single-page-hint';
import { EmptyState, RemoteStatus } from '../../components/status';
import { campaignsContract, shareContract, shopContract, type CampaignCard, type OutputOf } from '@core/contracts';
import { routes } from '@core/routes';
import { readEntry, type Entry } from '../../utils/entry';
import { useRoute } from '../../utils/use-route';
import { useShareCard } from '../../utils/use-share-card';
import { recordVisit } from '../../utils/visit';
import { BuyerLinks } from './buyer-links';
import { CampaignStrip } from './campaign-strip';
import { ProductCard } from './product-card';
import { SearchBox } from './search-box';
import { ShopHeader } from './shop-header';
import { VendorEntry } from './vendor-entry';
import './index.css';

type ShopHome = OutputOf<typeof shopContract, 'listProducts'>;

const SHOP_TARGET = { kind: 'shop' } as const;

/**
 * Shop home: who sells, how to reach them, and the goods on sale, with a search. Opens `shopId`
 * from the link (or the shop of a poster code), else the default shop.
 */
export default function ShopHomePage() {
  const route = useRoute('shop');
  const { state, load, retry } = useRemote<ShopHome>();
  const [campaigns, setCampaigns] = useState<CampaignCard[]>([]);
  const [shopId, setShopId] = useState<string | null>(null);
  const [keyword, setKeyword] = useState('');
  const [entry, setEntry] = useState<Entry | null>(null);
  // The last shop shown, so a search keeps the header in place while it runs.
  const lastShop = useRef<ShopHome['shop'] | null>(null);

  useLoad(() => {
    const opened = readEntry(route);
    setEntry(opened);
    const start = (id: string) => {
      setShopId(id);
      void load(() => call(shopContract, 'listProducts', { shopId: id }));
      // A side section: if it fails the goods still show, so it is simply left out.
      void call(campaignsContract, 'shopCampaigns', { shopId: id }).then((reply) => setCampaigns(reply.ok ? reply.data.campaigns : []));
      recordVisit(id, SHOP_TARGET, opened);
    };
    if (!route.shopId && opened.posterCode) {
      // Opened from a poster's code: its scene is a share code naming the shop.
      void call(shareContract, 'resolve', { code: opened.posterCode }).then((reply) =>
        start(reply.ok ? reply.data.shopId : process.env.TARO_APP_SHOP_ID),
      );
      return;
    }
    start(route.shopId || process.env.TARO_APP_SHOP_ID);
  });

  if (state.status === 'done') lastShop.current = state.data.shop;
  const shop = lastShop.current;
  const singlePage = entry?.singlePage ?? false;

  useEffect(() => {
    if (shop?.name) void Taro.setNavigationBarTitle({ title: shop.name });
  }, [shop?.name]);

  const firstImage = state.status === 'done' ? state.data.products[0]?.image : undefined;
  useShareCard({
    shopId,
    target: SHOP_TARGET,
    title: shop ? `${shop.name}：${shop.intro || '好货上新'}` : '仙人掌小店',
    plainPath: routes.shop({ shopId: shopId ?? undefined }),
    imageUrl: firstImage || shop?.avatar || undefined,
    singlePage,
  });

  const search = (next: string) => {
    if (!shopId) return;
    setKeyword(next);
    void load(() => call(shopContract, 'listProducts', next ? { shopId, keyword: next } : { shopId }));
  };

  if (!shop) return <RemoteStatus state={state} onRetry={retry} />;

  const now = Date.now();
  return (
    <View className={`shop-home ${singlePage ? 'is-single-page' : ''}`}>
      {singlePage && <SinglePageHint />}
      <ShopHeader shop={shop} />
      {!singlePage && shopId && <BuyerLinks shopId={shopId} />}
      {!singlePage && <VendorEntry />}
      {campaigns.length > 0 && (
        <CampaignStrip
          campaigns={campaigns}
          onOpen={(campaignId) => {
            // As with goods: single-page mode cannot navigate.
            if (!singlePage) void Taro.navigateTo({ url: routes.campaign({ campaignId }) });
          }}
        />
      )}
      <SearchBox keyword={keyword} onSearch={search} />
      <RemoteStatus state={state} onRetry={retry} />
      {state.status === 'done' &&
        (state.data.products.length === 0 ? (
          <EmptyState text={keyword ? `没有找到“${keyword}”，换个词试试` : '店主还没有上架商品，过几天再来看看'} />
        ) : (
          <View className='product-grid'>
            {state.data.products.map((product) => (
              <ProductCard
                key={product.id}
                product={product}
                now={now}
                onOpen={() => {
                  // Single-page mode cannot navigate: the hint above says how to get in.
                  if (singlePage) return;
                  void Taro.navigateTo({ url: routes.product({ productId: product.id }) });
                }}
              />
            ))}
          </View>
        ))}
    </View>
  );
}
