// renameEntry: the caller's own entries in a campaign show another name (and avatar) on its list.
import { call } from '../../../api/call';
import { campaignsContract, type ActionDef, type Contract, type Reply } from '@core/contracts';

// The campaigns contract gains renameEntry with the campaigns function; until then, call it by name.
const withRename = campaignsContract as unknown as Contract<{ renameEntry: ActionDef }>;

export function renameEntry(campaignId: string, display: { name: string; avatar: string }): Promise<Reply<unknown>> {
  return call(withRename, 'renameEntry', { campaignId, name: display.name, ...(display.avatar ? { avatar: display.avatar } : {}) });
}
