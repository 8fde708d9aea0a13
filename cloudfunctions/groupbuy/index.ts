// The groupbuy function: N-person 拼团. Vendors set a product's offer and read its groups; buyers
// read a product's offer with its open groups and a group's page. Orders are placed, seated, paid,
// succeeded and refunded by the orders function (orders/group-orders.ts, orders/group-settle.ts).
import { groupBuyContract } from '@core/contracts';
import { createHandler } from '../_shared/handler';
import { buyerActions } from './buyer';
import { vendorActions } from './vendor';

export const main = createHandler(groupBuyContract, {
  ...vendorActions,
  ...buyerActions,
});
