import { z } from 'zod';

/** Document ids: CloudBase's own or the readable ones the seed uses. */
export const Id = z.string().trim().min(1).max(64);
/** Integer 厘. */
export const PriceLi = z.number().int().nonnegative().max(100_000_000_000);
/** Integer 分. */
export const AmountFen = z.number().int().nonnegative().max(10_000_000_000);
/** Epoch milliseconds. */
export const EpochMs = z.number().int().nonnegative();
