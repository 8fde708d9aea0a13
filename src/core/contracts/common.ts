import { z } from 'zod';

/** Document ids: CloudBase's own or the readable ones the seed uses. */
export const Id = z.string().trim().min(1).max(64);
/** Integer 厘. */
export const PriceLi = z.number().int().nonnegative().max(100_000_000_000);
/** Integer 分. */
export const AmountFen = z.number().int().nonnegative().max(10_000_000_000);
/** Epoch milliseconds. */
export const EpochMs = z.number().int().nonnegative();
/** A WeChat scene value: how the mini-program was opened (1001 chat list, 1154 Moments...). */
export const Scene = z.number().int().min(1000).max(9999);
/** A cloud fileID (cloud://...) or a URL the emulator serves; empty when there is none. */
export const FileRef = z.string().trim().max(512);

/** Roles in a shop. The owner opened it; staff help run it; streamers sell it live. */
export const Role = z.enum(['owner', 'staff', 'streamer']);
export type Role = z.infer<typeof Role>;

/** Trimmed text of at most `max` characters, possibly empty. */
export const text = (max: number) => z.string().trim().max(max);
/** Trimmed text of 1..max characters. */
export const required = (max: number) => z.string().trim().min(1).max(max);
