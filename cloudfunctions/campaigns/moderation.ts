// The content check before a campaign's words go public: the shared msgSecCheck (as for goods)
// over the campaign's title and text, and which edits need it again.
import type { CampaignDoc } from '@core/campaigns';
import type { TextField } from '@core/goods';
import { checkContent } from '../_shared/moderation';

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

/** Passes when WeChat clears the campaign's words, else CONTENT_REJECTED at `campaign.title`/`campaign.text` (TIMEOUT when the check failed). */
export function checkCampaignTexts(campaign: Pick<CampaignDoc, 'title' | 'text'>, openid: string): Promise<void> {
  return checkContent(campaignTexts(campaign), openid, { pathPrefix: 'campaign.', whole: '团的文字' });
}
