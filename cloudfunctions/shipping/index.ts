// The shipping function: the vendor's shipping workspace (issue 12, part 1). Paid orders still to
// hand over with filters and counts, the 备货单, the 发货单 export as .xlsx, and batch shipping by
// importing that sheet filled in. Orders change only through the orders store (import.ts).
import { shippingContract } from '@core/contracts';
import { createHandler } from '../_shared/handler';
import { importActions } from './import';
import { workspaceActions } from './workspace';

export const main = createHandler(shippingContract, {
  ...workspaceActions,
  ...importActions,
});
