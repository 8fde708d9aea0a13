// How the mini-program was opened (weapp): WeChat's scene and, from a group card, the shareTicket.
// The H5 build reads them from the page query instead (launch.h5.ts).
import Taro from '@tarojs/taro';
import { SINGLE_PAGE_SCENE, type Launch } from './scene';
import type { EntryParams } from './entry';

/** What counts when WeChat cannot say (an old base library): a plain open from the chat list. */
const UNKNOWN_SCENE = 1001;

export function launchInfo(_params: EntryParams): Launch {
  try {
    const enter = Taro.getEnterOptionsSync();
    const launch = Taro.getLaunchOptionsSync();
    return {
      scene: enter.scene || UNKNOWN_SCENE,
      shareTicket: enter.shareTicket || undefined,
      // Opened from Moments: the page runs alone, without login or navigation.
      singlePage: launch.scene === SINGLE_PAGE_SCENE || enter.scene === SINGLE_PAGE_SCENE,
    };
  } catch {
    return { scene: UNKNOWN_SCENE, singlePage: false };
  }
}
