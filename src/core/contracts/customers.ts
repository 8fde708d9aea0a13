// The `customers` function: a shop's book of regulars (熟客本), for its owner and staff only.
// A customer is a buyer with at least one paid order in the shop; their figures are read from the
// orders themselves (see cloudfunctions/customers/book.ts for why), the vendor's note and tags are
// the only thing stored per customer. A customer's phone and addresses are shown to the shop they
// bought from and to nobody else.
import { z } from 'zod';
import { defineContract } from './define';
import { AmountFen, EpochMs, Id, text } from './common';
import { Address, OrderState } from './orders';

export const CUSTOMER_TAGS_MAX = 10;
export const CUSTOMER_TAG_MAX = 10;
export const CUSTOMER_NOTE_MAX = 200;
/** The columns of the exported book, in order. */
export const CUSTOMER_SHEET_COLUMNS = ['名字', '电话', '下单次数', '消费金额', '已退款', '第一次下单', '最近下单', '标签', '备注'] as const;

/** A vendor's tag: "老乡", "要发票"; no spaces inside so a search box finds it whole. */
export const CustomerTag = z.string().trim().min(1, '标签不能是空的').max(CUSTOMER_TAG_MAX, `标签最多 ${CUSTOMER_TAG_MAX} 个字`).regex(/^\S+$/, '标签里不能有空格');

/** Where a customer's orders came from: a 接龙 campaign, a 拼团, a share link. */
export const CustomerSources = z.object({
  campaignIds: z.array(Id),
  groupIds: z.array(Id),
  shareRefs: z.array(z.string()),
});
export type CustomerSources = z.infer<typeof CustomerSources>;

/** A row of the book: "王阿姨 138****8000 · 买过 3 次 · 共 ¥256.40 · 老乡". */
export const CustomerRow = z.object({
  /** Stable per shop and buyer. */
  id: Id,
  /** The name on their latest order (receiver or pickup contact). */
  name: z.string(),
  /** Their latest phone, whole: the shop delivers to it. */
  phone: z.string(),
  firstOrderAt: EpochMs,
  lastOrderAt: EpochMs,
  /** Paid orders. */
  orderCount: z.number().int().nonnegative(),
  /** Paid minus refunded, to the fen. */
  spentFen: AmountFen,
  refundedFen: AmountFen,
  tags: z.array(z.string()),
  note: z.string(),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

export const CustomerOrderRow = z.object({
  id: Id,
  orderNo: z.string(),
  state: OrderState,
  title: z.string(),
  totalFen: AmountFen,
  paidFen: AmountFen,
  refundedFen: AmountFen,
  createdAt: EpochMs,
});
export type CustomerOrderRow = z.infer<typeof CustomerOrderRow>;

export const CustomerDetail = CustomerRow.extend({
  /** Every name and phone they used, latest first. */
  names: z.array(z.string()),
  phones: z.array(z.string()),
  /** Delivery addresses used, latest first, once each. */
  addresses: z.array(Address),
  /** Pickup points they chose, by name. */
  pickupPoints: z.array(z.string()),
  sources: CustomerSources,
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;

const vendorErrors = ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'] as const;

export const customersContract = defineContract('customers', {
  /**
   * The book, latest buyer first. `keyword` finds a part of a name, a phone number or a tag ("王", "8000", "老乡").
   * Paged by cursor.
   */
  listCustomers: {
    access: 'user',
    input: z.object({
      shopId: Id,
      keyword: text(20).optional(),
      cursor: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    output: z.object({ customers: z.array(CustomerRow), nextCursor: z.string().nullable() }),
    errors: vendorErrors,
  },
  /** One customer with everything the shop knows and their orders, newest first (at most 50). */
  customer: {
    access: 'user',
    input: z.object({ shopId: Id, customerId: Id }),
    output: z.object({ customer: CustomerDetail, orders: z.array(CustomerOrderRow) }),
    errors: [...vendorErrors, 'CUSTOMER_NOT_FOUND'],
  },
  /**
   * The book (or what `keyword` finds) as an .xlsx in cloud storage: one row per customer with
   * 名字, 电话, 下单次数, 消费金额, 已退款, 第一次下单, 最近下单, 标签, 备注; its fileID and a
   * temporary download URL.
   */
  exportCustomers: {
    access: 'user',
    input: z.object({ shopId: Id, keyword: text(20).optional() }),
    output: z.object({ fileID: z.string(), url: z.string(), customerCount: z.number().int().nonnegative() }),
    errors: vendorErrors,
  },
  /** Replaces the vendor's note and tags of a customer (tags once each, in the order given). */
  setNote: {
    access: 'user',
    input: z.object({
      shopId: Id,
      customerId: Id,
      note: text(CUSTOMER_NOTE_MAX),
      tags: z.array(CustomerTag).max(CUSTOMER_TAGS_MAX, `标签最多 ${CUSTOMER_TAGS_MAX} 个`),
    }),
    output: z.object({ customer: CustomerRow }),
    errors: [...vendorErrors, 'CUSTOMER_NOT_FOUND'],
  },
});
