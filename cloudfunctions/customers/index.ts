// The customers function: a shop's book of regulars (熟客本) for its owner and staff: who bought,
// how often and how much, and the vendor's own note and tags.
import { customersContract } from '@core/contracts';
import { createHandler } from '../_shared/handler';
import { vendorActions } from './vendor';

export const main = createHandler(customersContract, vendorActions);
