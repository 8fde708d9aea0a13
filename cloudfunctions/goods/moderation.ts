// The content check before goods go public: WeChat requires user text a mini-program publishes to
// pass security.msgSecCheck (v2), on behalf of the user who wrote it.
import cloud from 'wx-server-sdk';
import { AppError } from '@core/errors';
import { fieldWith, packTexts, type TextField } from '@core/goods';

/** WeChat's limit for one `content`. */
const MAX_CONTENT_CHARS = 2500;
/** Scene 1 (资料): text on a profile or page others read, which a product listing is. */
const SCENE_PROFILE = 1;

/** The reply as the SDK hands it over (camelCased top level). */
interface MsgSecCheckReply {
  result?: { suggest?: string };
  detail?: { strategy?: string; keyword?: string }[];
}

/** Why the text cannot go public, naming the field and the word when WeChat says which word. */
function rejection(fields: readonly TextField[], reply: MsgSecCheckReply, pathPrefix: string): AppError {
  const keyword = reply.detail?.find((entry) => entry.keyword)?.keyword;
  if (!keyword) return new AppError('CONTENT_REJECTED');
  const field = fieldWith(fields, keyword);
  if (!field) return new AppError('CONTENT_REJECTED', `商品文字里的“${keyword}”不能发布，请修改后再发布`);
  const message = `${field.label}里的“${keyword}”不能发布，请修改后再发布`;
  return new AppError('CONTENT_REJECTED', message, [{ path: pathPrefix + field.path, message }]);
}

/**
 * Passes when WeChat clears every text, else throws CONTENT_REJECTED. `pathPrefix` places the
 * field paths in the caller's payload ('product.' for the edit form).
 *
 * When the check itself fails (quota, network, the API missing), nothing is published: unchecked
 * text must never go public. It is not the vendor's fault either, so no CONTENT_REJECTED (they would
 * hunt for a bad word that is not there): TIMEOUT asks them to try again, and the log tells us.
 */
export async function checkContent(fields: readonly TextField[], openid: string, pathPrefix: string): Promise<void> {
  for (const content of packTexts(fields.map((field) => field.text), MAX_CONTENT_CHARS)) {
    let reply: MsgSecCheckReply;
    try {
      reply = (await cloud.openapi.security.msgSecCheck({ content, version: 2, scene: SCENE_PROFILE, openid })) as MsgSecCheckReply;
    } catch (err) {
      console.error('[goods] msgSecCheck failed; nothing was published', err);
      throw new AppError('TIMEOUT');
    }
    const suggest = reply.result?.suggest;
    if (suggest === 'pass') continue;
    if (suggest === undefined) {
      console.error('[goods] msgSecCheck replied without a verdict; nothing was published', reply);
      throw new AppError('TIMEOUT');
    }
    throw rejection(fields, reply, pathPrefix);
  }
}
