// The live function: Channels (视频号) live shows. Owners and staff schedule shows with their items
// and live prices; a show's streamers run it from the console; buyers read the live page and poll
// its pulse to follow the pinned item. Orders are placed by the orders function with the show's id
// (orders/live-orders.ts), which applies the live price and moves the show's counters.
import { liveContract } from '@core/contracts';
import { createHandler } from '../_shared/handler';
import { buyerActions } from './buyer';
import { dashboardActions } from './dashboard';
import { linksActions } from './links';
import { runActions } from './run';
import { vendorActions } from './vendor';

export const main = createHandler(liveContract, {
  ...vendorActions,
  ...runActions,
  ...dashboardActions,
  ...linksActions,
  ...buyerActions,
});
