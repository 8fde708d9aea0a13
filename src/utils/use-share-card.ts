// Share cards of buyer pages: a card into a chat (path with the sharer's `ref` when one could be
// made) and a Moments post (query). Nothing is rewarded for sharing.
import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../api/call';
import { shareContract, type ShareTarget } from '@core/contracts';

interface ShareCard {
  /** Null until the page knows what it shows. */
  shopId: string | null;
  target: ShareTarget;
  title: string;
  /** The page path without a share code, e.g. `/pages/product/index?productId=larou`. */
  plainPath: string;
  imageUrl?: string;
  /** Single-page mode has no login, so no share code can be made. */
  singlePage: boolean;
  /**
   * The card's path with the share code, when the page is not the target's own page (a 拼团 group
   * is shared as its product, for attribution, but opens the group); default: the target's page.
   */
  pathWithRef?: (code: string) => string;
}

export function useShareCard({ shopId, target, title, plainPath, imageUrl, singlePage, pathWithRef }: ShareCard) {
  const [refPath, setRefPath] = useState<string | null>(null);
  // The target by value: a new object each render must not fetch again, a new campaign or product must.
  const targetKey = JSON.stringify(target);

  useEffect(() => {
    if (!shopId || singlePage) return;
    let alive = true;
    // A visitor without a login gets no code; the card then opens the plain path.
    void call(shareContract, 'createRef', { shopId, target }).then((reply) => {
      if (alive && reply.ok) setRefPath(pathWithRef ? pathWithRef(reply.data.code) : reply.data.path);
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shopId, targetKey, plainPath, singlePage]);

  const path = refPath ?? plainPath;
  useShareAppMessage(() => ({ title, path, ...(imageUrl ? { imageUrl } : {}) }));
  useShareTimeline(() => ({ title, query: path.split('?')[1] ?? '', ...(imageUrl ? { imageUrl } : {}) }));
  return path;
}
