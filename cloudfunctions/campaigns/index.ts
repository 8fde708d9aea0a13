// The campaigns function: group-buy campaigns (团, 接龙). Vendors draft, open, end and copy them and
// read their orders and settlement; buyers read a campaign, its public list and their own entry.
// Orders themselves are placed, counted and settled by the orders function.
import { campaignsContract } from '@core/contracts';
import { createHandler } from '../_shared/handler';
import { buyerActions } from './buyer';
import { vendorActions } from './vendor';

export const main = createHandler(campaignsContract, {
  ...vendorActions,
  ...buyerActions,
});
