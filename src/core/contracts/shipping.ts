// The `shipping` function: the vendor's shipping workspace. Paid orders not yet handed over, with
// filters and counts; from a selection the 备货单 (what to prepare) and the 发货单 export (.xlsx);
// and batch shipping by importing that sheet with 快递公司 and 快递单号 filled in. Only owner and
// staff (manageOrders) call it; every order it reads or ships is of the shop named.
import { z } from 'zod';
import { defineContract } from './define';
import { AmountFen, EpochMs, FileRef, Id, text } from './common';
import { FulfilmentKind } from './orders';
import { expressCompanyCode } from '../shipping-record';

/** The most orders one selection holds: a export of 5,000 orders is the bench's size. */
export const SELECTION_MAX = 5000;

/** Which paid, not yet handed-over orders: all filters are optional and combine. */
export const WorkspaceFilter = z.object({
  campaignId: Id.optional(),
  /** Placed from a live show's page. */
  liveShowId: Id.optional(),
  /** Placed at or after (epoch ms). */
  from: EpochMs.optional(),
  /** Placed before (epoch ms). */
  to: EpochMs.optional(),
  kind: FulfilmentKind.optional(),
  pointId: Id.optional(),
});
export type WorkspaceFilter = z.infer<typeof WorkspaceFilter>;

/** A selection: the filter, narrowed to the orders ticked when `orderIds` is given. */
const Selection = z.object({ shopId: Id, filter: WorkspaceFilter.default({}), orderIds: z.array(Id).max(SELECTION_MAX).optional() });

export const WorkspaceOrder = z.object({
  id: Id,
  orderNo: z.string(),
  /** 跟团号 in its campaign; null outside campaigns. */
  seq: z.number().int().nullable(),
  campaignId: Id.nullable(),
  kind: FulfilmentKind,
  /** Receiver (delivery) or pickup contact. */
  name: z.string(),
  phone: z.string(),
  /** The address in one line, or the pickup point's name. */
  place: z.string(),
  pointId: Id.nullable(),
  summary: z.string(),
  totalFen: AmountFen,
  buyerNote: z.string(),
  createdAt: EpochMs,
});
export type WorkspaceOrder = z.infer<typeof WorkspaceOrder>;

export const WorkspaceCounts = z.object({
  total: z.number().int(),
  byKind: z.object({ express: z.number().int(), local: z.number().int(), pickup: z.number().int() }),
  byPoint: z.array(z.object({ pointId: Id, name: z.string(), count: z.number().int() })),
});
export type WorkspaceCounts = z.infer<typeof WorkspaceCounts>;

export const PrepLine = z.object({ productId: Id, skuId: Id, name: z.string(), spec: z.string(), unit: z.string(), quantity: z.number().int() });
export type PrepLine = z.infer<typeof PrepLine>;

export const PrepList = z.object({
  orderCount: z.number().int(),
  lines: z.array(PrepLine),
  /** The same per pickup point (pickup orders only), by point name. */
  byPoint: z.array(z.object({ pointId: Id, name: z.string(), orderCount: z.number().int(), lines: z.array(PrepLine) })),
});
export type PrepList = z.infer<typeof PrepList>;

/** Why a row of an imported sheet was not applied. */
export const ImportProblemKind = z.enum(['incomplete', 'formula', 'unknown_order', 'other_shop', 'not_shippable', 'unknown_carrier', 'duplicate_tracking']);
export type ImportProblemKind = z.infer<typeof ImportProblemKind>;

export const ImportProblem = z.object({ row: z.number().int(), orderNo: z.string(), kind: ImportProblemKind, message: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportResult = z.object({
  /** Orders shipped by this import. */
  shipped: z.number().int(),
  /** Orders the sheet names that were already shipped with the same number (an import run again). */
  alreadyShipped: z.number().int(),
  /** Orders whose shipping failed when applied (changed meanwhile): reported in problems too. */
  problems: z.array(ImportProblem),
  /** Rows read (after the header), blank ones included. */
  rows: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

const vendorErrors = ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'] as const;

export const shippingContract = defineContract('shipping', {
  /** The to-ship list: first `limit` orders (oldest first) of the filter, with counts of the whole filter. */
  workspace: {
    access: 'user',
    input: z.object({ shopId: Id, filter: WorkspaceFilter.default({}), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ orders: z.array(WorkspaceOrder), counts: WorkspaceCounts, truncated: z.boolean() }),
    errors: vendorErrors,
  },
  /** 备货单 of a selection. */
  prepList: { access: 'user', input: Selection, output: PrepList, errors: vendorErrors },
  /** 发货单 of a selection as .xlsx in cloud storage: its fileID and a temporary download URL. */
  exportSheet: {
    access: 'user',
    input: Selection,
    output: z.object({ fileID: z.string(), url: z.string(), orderCount: z.number().int(), rows: z.number().int() }),
    errors: vendorErrors,
  },
  /**
   * Where the mini-program puts the vendor's filled sheet in cloud storage before importing it: a
   * path in the caller's own upload folder, the only place importShipments reads from.
   */
  importUploadPath: {
    access: 'user',
    input: z.object({ shopId: Id }),
    output: z.object({ cloudPath: z.string() }),
    errors: vendorErrors,
  },
  /**
   * Ships the orders of a filled 发货单 (a cloud fileID the vendor uploaded), or of a two-column
   * sheet of 订单号 and 单号: `carrier`, picked on the page, is the carrier of every row that names
   * none (a sheet without a 快递公司 column needs it: SHEET_CARRIER_MISSING). Only a file the
   * caller uploaded (in their own upload folder, src/core/uploads.ts) is read: SHEET_NOT_YOURS.
   */
  importShipments: {
    access: 'user',
    input: z.object({
      shopId: Id,
      fileID: FileRef.pipe(z.string().min(1)),
      carrier: text(20)
        .refine((name) => expressCompanyCode(name) !== null, '请从列表里选快递公司')
        .optional(),
    }),
    output: ImportResult,
    errors: [...vendorErrors, 'SHEET_NOT_YOURS', 'SHEET_INVALID', 'SHEET_TOO_LARGE', 'SHEET_COLUMNS_MISSING', 'SHEET_CARRIER_MISSING'],
  },
});
