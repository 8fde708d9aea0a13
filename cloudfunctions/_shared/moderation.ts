// The content check before user text goes public (goods, campaigns): WeChat requires user text a
// mini-program publishes to pass security.msgSecCheck (v2), on behalf of the user who wrote it.
import cloud from 'wx-server-sdk';
import { AppError } from '@core/errors';
import { fieldWith, packTexts, type TextField } from '@core/goods';

/** WeChat's limit for one `content`. */
const MAX_CONTENT_CHARS = 2500;
/** Scene 1 (资料): text on a profile or page others read, which a product listing or a campaign is. */
const SCENE_PROFILE = 1;

/** Where the checked fields sit, for the caller's error messages. */
export interface TextPlace {
  /** Places the field paths in the caller's payload: 'product.' for the edit form, 'campaign.'. */
  pathPrefix: string;
  /** The texts as a whole, for a word WeChat names that no one field holds: '商品文字', '团的文字'. */
  whole: string;
}

/** The reply as the SDK hands it over (camelCased top level). */
interface MsgSecCheckReply {
  result?: { suggest?: string };
  detail?: { strategy?: string; keyword?: string }[];
}

/** Why the text cannot go public, naming the field and the word when WeChat says which word. */
function rejection(fields: readonly TextField[], reply: MsgSecCheckReply, place: TextPlace): AppError {
  const keyword = reply.detail?.find((entry) => entry.keyword)?.keyword;
  if (!keyword) return new AppError('CONTENT_REJECTED');
  const field = fieldWith(fields, keyword);
  if (!field) return new AppError('CONTENT_REJECTED', `${place.whole}里的“${keyword}”不能发布，请修改后再发布`);
  const message = `${field.label}里的“${keyword}”不能发布，请修改后再发布`;
  return new AppError('CONTENT_REJECTED', message, [{ path: place.pathPrefix + field.path, message }]);
}

/**
 * Passes when WeChat clears every text, else throws CONTENT_REJECTED.
 *
 * When the check itself fails (quota, network, the API missing), nothing is published: unchecked
 * text must never go public. It is not the vendor's fault either, so no CONTENT_REJECTED (they would
 * hunt for a bad word that is not there): TIMEOUT asks them to try again, and the log tells us.
 */
export async function checkContent(fields: readonly TextField[], openid: string, place: TextPlace): Promise<void> {
  for (const content of packTexts(fields.map((field) => field.text), MAX_CONTENT_CHARS)) {
    let reply: MsgSecCheckReply;
    try {
      reply = (await cloud.openapi.security.msgSecCheck({ content, version: 2, scene: SCENE_PROFILE, openid })) as MsgSecCheckReply;
    } catch (err) {
      console.error('[moderation] msgSecCheck failed; nothing was published', err);
      throw new AppError('TIMEOUT');
    }
    const suggest = reply.result?.suggest;
    if (suggest === 'pass') continue;
    if (suggest === undefined) {
      console.error('[moderation] msgSecCheck replied without a verdict; nothing was published', reply);
      throw new AppError('TIMEOUT');
    }
    throw rejection(fields, reply, place);
  }
}
