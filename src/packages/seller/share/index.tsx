import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import { useLoad, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { shareContract, shopContract, type OutputOf, type ShareTarget } from '@core/contracts';
import { formatLi } from '@core/money';
import { routes } from '@core/routes';
import { useRoute } from '../../../utils/use-route';
import { copied } from '../../../utils/clipboard';
import { drawPoster, previewPoster, savePoster } from '../../../utils/poster';
import type { PosterPlace } from '../../../utils/poster-layout';
import '../../../components/page.css';
import './index.css';
import { PrivacySheet } from '../../../components/privacy-sheet';

// What buyers see is what can be shared: the storefront listing (display URLs included).
type Listing = OutputOf<typeof shopContract, 'listProducts'>;
type Product = Listing['products'][number];

/** The poster is drawn on the page's hidden canvas (#poster-canvas) and downloads as poster.png. */
const POSTER: PosterPlace = { canvasId: 'poster-canvas', fileName: 'poster.png' };

type Result =
  | { kind: 'text'; text: string }
  | { kind: 'poster'; image: string }
  | { kind: 'link'; path: string }
  | { kind: 'busy'; what: string }
  | { kind: 'error'; message: string };

/**
 * 分享工具: pick goods, then copy a ready-made 群发文案, make a poster with the mini-program code,
 * or get the card link. Sharing is never rewarded (WeChat forbids induced sharing).
 */
export default function ShareToolsPage() {
  const route = useRoute('share');
  const shopId = route?.shopId ?? '';
  const { state, load, retry } = useRemote<Listing>();
  const [picked, setPicked] = useState<string[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const [textCopied, setTextCopied] = useState(false);
  const [cardPath, setCardPath] = useState<string | null>(null);

  useLoad(() => {
    if (route) void load(() => call(shopContract, 'listProducts', { shopId }));
  });

  const products = state.status === 'done' ? state.data.products : [];
  const chosen = products.filter((product) => picked.includes(product.id));
  const first: Product | undefined = chosen[0];
  const target: ShareTarget = first ? { kind: 'product', productId: first.id } : { kind: 'shop' };

  // The card the share button sends: the first chosen product (or the shop), with my share code.
  useShareAppMessage(() => ({
    title: first ? `${first.name} ${formatLi(first.fromPriceLi)}/${first.unit}` : '来看看我的小店',
    path: cardPath ?? (first ? routes.product({ productId: first.id }) : routes.shop({ shopId })),
    ...(first?.image ? { imageUrl: first.image } : {}),
  }));

  const toggle = (id: string) => {
    setResult(null);
    setCardPath(null);
    setPicked(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id].slice(0, 20));
  };

  const makeText = async () => {
    setResult({ kind: 'busy', what: '正在写文案…' });
    setTextCopied(false);
    const reply = await call(shareContract, 'groupText', { shopId, productIds: picked });
    if (!reply.ok) return setResult({ kind: 'error', message: reply.error.message });
    setResult({ kind: 'text', text: reply.data.text });
    setTextCopied(await copied(reply.data.text, '已复制，去群里粘贴'));
  };

  const makePoster = async () => {
    setResult({ kind: 'busy', what: '正在做海报…' });
    const reply = await call(shareContract, 'posterCode', { shopId, target });
    if (!reply.ok) return setResult({ kind: 'error', message: reply.error.message });
    try {
      const shopName = state.status === 'done' ? state.data.shop.name : '';
      const image = await drawPoster(POSTER, {
        photo: first?.image ?? '',
        title: first?.name ?? '我的小店',
        price: first ? `${formatLi(first.fromPriceLi)}/${first.unit}` : '',
        lines: shopName ? [{ text: shopName }] : [],
        hint: '长按识别小程序码',
        codePng: reply.data.png,
      });
      setResult({ kind: 'poster', image });
    } catch {
      setResult({ kind: 'error', message: '海报没画出来，请再试一次' });
    }
  };

  const makeLink = async () => {
    setResult({ kind: 'busy', what: '正在生成链接…' });
    const reply = await call(shareContract, 'createRef', { shopId, target });
    if (!reply.ok) return setResult({ kind: 'error', message: reply.error.message });
    setCardPath(reply.data.path);
    setResult({ kind: 'link', path: reply.data.path });
  };

  if (!route) return <BrokenLink />;
  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;

  return (
    <View className='app-page share-tools'>
      <View className='card'>
        <Text className='card-title'>1. 选要分享的商品</Text>
        <Text className='note'>文案可以选多件；海报和卡片用第一件，不选就是整个小店。</Text>
        {products.length === 0 && <EmptyState text='还没有在卖的商品' />}
        {products.map((product) => {
          const on = picked.includes(product.id);
          const image = product.image;
          return (
            <View key={product.id} className={`share-pick ${on ? 'is-picked' : ''}`} onClick={() => toggle(product.id)}>
              <View className='share-check'>{on ? '✓' : ''}</View>
              {image ? <Image className='share-pick-image' src={image} mode='aspectFill' /> : <View className='share-pick-image' />}
              <View className='share-pick-info'>
                <Text className='share-pick-name'>{product.name}</Text>
                <Text className='share-pick-price'>
                  {formatLi(product.fromPriceLi)}/{product.unit}
                </Text>
              </View>
            </View>
          );
        })}
      </View>

      <View className='card'>
        <Text className='card-title'>2. 怎么分享</Text>
        <Button className={`primary-button make-group-text ${picked.length === 0 ? 'is-disabled' : ''}`} disabled={picked.length === 0 || undefined} onClick={() => void makeText()}>
          群发文案（复制）
        </Button>
        <Button className='secondary-button make-poster' onClick={() => void makePoster()}>
          做海报
        </Button>
        <Button className='secondary-button make-link' onClick={() => void makeLink()}>
          卡片链接
        </Button>
        {process.env.TARO_ENV === 'weapp' && (
          <Button className='secondary-button share-card' openType='share'>
            发给微信好友或群
          </Button>
        )}
      </View>

      {result && (
        <View className={`card share-result result-${result.kind}`}>
          {result.kind === 'busy' && <Text className='note'>{result.what}</Text>}
          {result.kind === 'error' && <Text className='form-error share-error'>{result.message}</Text>}
          {result.kind === 'text' && (
            <>
              {textCopied && <Text className='form-saved text-copied'>已复制</Text>}
              <Text className='group-text'>{result.text}</Text>
              <Button className='secondary-button copy-again' onClick={() => void copied(result.text, '已复制').then(setTextCopied)}>
                再复制一次
              </Button>
            </>
          )}
          {result.kind === 'poster' && (
            <>
              <Image className='poster-image' src={result.image} mode='widthFix' onClick={() => previewPoster(result.image)} />
              <Button className='primary-button save-poster' onClick={() => void savePoster(POSTER, result.image)}>
                保存海报
              </Button>
            </>
          )}
          {result.kind === 'link' && (
            <>
              <Text className='share-link-path'>{result.path}</Text>
              <Button className='primary-button copy-link' onClick={() => void copied(result.path, '链接已复制')}>
                复制链接
              </Button>
            </>
          )}
        </View>
      )}
      {/* The mini-program draws the poster here, out of sight. */}
      <Canvas type='2d' id='poster-canvas' className='poster-canvas' />
      <PrivacySheet />
    </View>
  );
}
