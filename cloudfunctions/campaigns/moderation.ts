// The content check before a campaign's words go public: WeChat requires user text a mini-program
// publishes to pass security.msgSecCheck (v2), on behalf of the user who wrote it. As for goods:
// when the check itself fails, nothing is published and the vendor is asked to try again.
import cloud from 'wx-server-sdk';
import { AppError } from '@core/errors';
import type { CampaignDoc } from '@core/campaigns';
import { fieldWith, packTexts, type TextField } from '@core/goods';

/** WeChat's limit for one `content`. */
const MAX_CONTENT_CHARS = 2500;
/** Scene 1 (资料): text on a page others read, which a campaign is. */
const SCENE_PROFILE = 1;

interface MsgSecCheckReply {
  result?: { suggest?: string };
  detail?: { strategy?: string; keyword?: string }[];
}

/** The words of a campaign buyers read: its title and text. */
export function campaignTexts(campaign: Pick<CampaignDoc, 'title' | 'text'>): TextField[] {
  const fields: TextField[] = [
    { path: 'title', label: '团的标题', text: campaign.title },
    { path: 'text', label: '团的介绍', text: campaign.text },
  ];
  return fields.filter((field) => field.text !== '');
}

/** Whether buyers would read a text they could not before (only then is a public campaign checked again). */
export function hasNewText(before: Pick<CampaignDoc, 'title' | 'text'>, after: Pick<CampaignDoc, 'title' | 'text'>): boolean {
  const seen = new Set(campaignTexts(before).map((field) => field.text));
  return campaignTexts(after).some((field) => !seen.has(field.text));
}

function rejection(fields: readonly TextField[], reply: MsgSecCheckReply, pathPrefix: string): AppError {
  const keyword = reply.detail?.find((entry) => entry.keyword)?.keyword;
  if (!keyword) return new AppError('CONTENT_REJECTED');
  const field = fieldWith(fields, keyword);
  if (!field) return new AppError('CONTENT_REJECTED', `团里的文字“${keyword}”不能发布，请修改后再发布`);
  const message = `${field.label}里的“${keyword}”不能发布，请修改后再发布`;
  return new AppError('CONTENT_REJECTED', message, [{ path: pathPrefix + field.path, message }]);
}

/** Passes when WeChat clears every text, else throws CONTENT_REJECTED (or TIMEOUT when the check itself failed). */
export async function checkContent(fields: readonly TextField[], openid: string, pathPrefix: string): Promise<void> {
  for (const content of packTexts(fields.map((field) => field.text), MAX_CONTENT_CHARS)) {
    let reply: MsgSecCheckReply;
    try {
      reply = (await cloud.openapi.security.msgSecCheck({ content, version: 2, scene: SCENE_PROFILE, openid })) as MsgSecCheckReply;
    } catch (err) {
      console.error('[campaigns] msgSecCheck failed; nothing was published', err);
      throw new AppError('TIMEOUT');
    }
    const suggest = reply.result?.suggest;
    if (suggest === 'pass') continue;
    if (suggest === undefined) {
      console.error('[campaigns] msgSecCheck replied without a verdict; nothing was published', reply);
      throw new AppError('TIMEOUT');
    }
    throw rejection(fields, reply, pathPrefix);
  }
}
