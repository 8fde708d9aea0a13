// renameEntry: the caller's own entries in a campaign show another name (and avatar) on its list.
import { call } from '../../../api/call';
import { campaignsContract } from '@core/contracts';

export function renameEntry(campaignId: string, display: { name: string; avatar: string }) {
  return call(campaignsContract, 'renameEntry', { campaignId, name: display.name, ...(display.avatar ? { avatar: display.avatar } : {}) });
}
