// The shop function: storefront reads for everyone; shops, settings, members and invites for
// vendors. Each module holds a few actions; every vendor action checks the caller's role first.
import { shopContract } from '@core/contracts';
import { createHandler } from '../_shared/handler';
import { inviteActions } from './invites';
import { memberActions } from './members';
import { settingsActions } from './settings';
import { shopActions } from './shops';
import { storefrontActions } from './storefront';

export const main = createHandler(shopContract, {
  ...storefrontActions,
  ...shopActions,
  ...settingsActions,
  ...memberActions,
  ...inviteActions,
});
