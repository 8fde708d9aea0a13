// The goods function: vendors list, edit, publish and restock their products. Every action checks
// the caller's role in the shop that owns the goods; text goes public only after WeChat's check.
import { goodsContract } from '@core/contracts';
import { createHandler } from '../_shared/handler';
import { editActions } from './edit';
import { readActions } from './read';
import { shelfActions } from './shelf';

export const main = createHandler(goodsContract, {
  ...readActions,
  ...editActions,
  ...shelfActions,
});
