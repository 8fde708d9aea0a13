import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api/call';
import { PosterMaker } from '../../../components/poster-maker';
import { liveContract, type LiveState, type OutputOf } from '@core/contracts';
import { copied } from '../../../utils/clipboard';
import type { PosterSpec } from '../../../utils/poster-layout';

export type ShowLinks = OutputOf<typeof liveContract, 'links'>;

interface Props {
  shopId: string;
  showId: string;
  /** Absent: the show itself. */
  itemId?: string;
  /** What the block is for: "整场直播", or the item's name and spec. */
  title: string;
  showState: LiveState;
  /** The poster's photo, title and price line for this show or item. */
  poster: Omit<PosterSpec, 'codePng' | 'hint'>;
  /** The links, once made: the page keeps them for its share card. */
  onLinks: (key: string, links: ShowLinks) => void;
  /** Start open (the show's own block). */
  open?: boolean;
}

type Made = { kind: 'busy' } | { kind: 'done'; links: ShowLinks } | { kind: 'error'; message: string };

/** Links for the show or one item: copy path, copy 群发文案, short link, poster with the code, and the card (weapp). */
export function LinksBlock({ shopId, showId, itemId, title, showState, poster, onLinks, open = false }: Props) {
  const key = itemId ?? 'show';
  const [made, setMade] = useState<Made | null>(null);
  const [expanded, setExpanded] = useState(open);

  const make = async () => {
    setMade({ kind: 'busy' });
    const reply = await call(liveContract, 'links', { showId, ...(itemId ? { itemId } : {}) });
    if (!reply.ok) return setMade({ kind: 'error', message: reply.error.message });
    onLinks(key, reply.data);
    setMade({ kind: 'done', links: reply.data });
  };
  // The links are made the first time the block is open (the show's own block: at once).
  const started = useRef(false);
  useEffect(() => {
    if (!expanded || started.current) return;
    started.current = true;
    void make();
  });

  const links = made?.kind === 'done' ? made.links : null;
  // Before the show the 预告 words; during it the live ones; after it neither fits.
  const text = showState === 'scheduled' ? links?.announceText : showState === 'live' ? links?.liveText : undefined;
  return (
    <View className={`live-links live-links-${key}`}>
      <View className='live-links-head' onClick={() => setExpanded(!expanded)}>
        <Text className='live-links-title'>{title}</Text>
        <Text className='live-links-toggle'>{expanded ? '收起' : '链接和海报 ›'}</Text>
      </View>
      {expanded && (
        <View className='live-links-body'>
          {made?.kind === 'busy' && <Text className='note'>正在生成链接…</Text>}
          {made?.kind === 'error' && (
            <>
              <Text className='inline-error live-links-error'>{made.message}</Text>
              <Button className='secondary-button live-links-retry' onClick={() => void make()}>
                再试一次
              </Button>
            </>
          )}
          {links && (
            <>
              <Text className='live-links-path'>{links.path}</Text>
              <Button className='secondary-button live-copy-path' onClick={() => void copied(links.path, '路径已复制')}>
                复制小程序路径
              </Button>
              {text && (
                <>
                  <Text className='live-links-text'>{text}</Text>
                  <Button className='primary-button live-copy-text' onClick={() => void copied(text, '已复制，去群里粘贴')}>
                    {showState === 'scheduled' ? '复制预告群发文案' : '复制直播中群发文案'}
                  </Button>
                </>
              )}
              <View className='live-short-link'>
                <Text className='live-links-label'>短链接</Text>
                {links.shortLink.ok ? (
                  <>
                    <Text className='live-short-link-text'>{links.shortLink.link}</Text>
                    <Button className='small-button live-copy-short' onClick={() => links.shortLink.ok && void copied(links.shortLink.link, '短链接已复制')}>
                      复制
                    </Button>
                  </>
                ) : (
                  <Text className='note live-short-link-refused'>{links.shortLink.message}</Text>
                )}
              </View>
              {process.env.TARO_ENV === 'weapp' && (
                <Button className='secondary-button live-share-card' openType='share' data-key={key}>
                  发卡片到群：{links.cardTitle}
                </Button>
              )}
              <PosterMaker
                kind='live'
                shopId={shopId}
                target={{ kind: 'live', showId, ...(itemId ? { itemId } : {}) }}
                spec={(codePng) => ({ ...poster, hint: '长按识别小程序码，进直播间下单', codePng })}
                label='做海报（带小程序码）'
              />
            </>
          )}
        </View>
      )}
    </View>
  );
}
