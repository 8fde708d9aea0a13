// The rules of WeChat's shipping record (src/core/shipping-record.ts): which change owes WeChat an
// upload, what it says, and the carrier table; plus the re-ship a corrected number makes.
import type { OrderDoc } from '@core/model';
import { transition, type Actor, type OrderEvent } from '@core/orders';
import { CARRIERS, expressCompanyCode, itemDesc, newShippingRecord, rfc3339Shanghai, uploadShippingInfoRequest } from '@core/shipping-record';
import { BUYER, HANDED_OVER_UNTIL, MCH, MIN, newOrder, PAYMENT, T0, VENDOR } from './order-fixtures';

let tick = 0;
function step(order: OrderDoc, event: OrderEvent, actor: Actor): OrderDoc {
  const result = transition(order, event, { actor, at: T0 + ++tick * MIN });
  if (!result.ok) throw new Error(`${event.type} refused: ${result.problem.message}`);
  return result.order;
}

const paid = (kind: 'express' | 'pickup' = 'express') => step(newOrder('wechat', kind), { type: 'pay_confirmed', amountFen: 12_600, transactionId: '4200000001', subMchId: MCH }, PAYMENT);
const ship = (order: OrderDoc, number: string | null, carrier = '中通') => step(order, { type: 'ship', tracking: number ? { carrier, number } : null, autoCompleteAt: HANDED_OVER_UNTIL }, VENDOR);
/** What commit would store: the order after the change, with the record it owes. */
const saved = (before: OrderDoc, after: OrderDoc): OrderDoc => ({ ...after, shippingRecord: newShippingRecord(before, after, after.updatedAt, after.updatedAt + MIN) ?? before.shippingRecord ?? null });

describe('shipping record: when an order owes WeChat an upload', () => {
  it('is owed once when a WeChat Pay order ships, with the carrier’s WeChat code', () => {
    const before = paid();
    const shipped = saved(before, ship(before, 'ZT001'));
    expect(shipped.shippingRecord).toMatchObject({ seq: 1, logisticsType: 1, trackingNo: 'ZT001', carrier: '中通', expressCompany: 'ZTO', status: 'pending', attempts: 0 });
    const completed = step(shipped, { type: 'complete' }, BUYER);
    expect(newShippingRecord(shipped, completed, completed.updatedAt, 0)).toBeNull();
  });

  it('is owed again, as seq 2, for a corrected tracking number, and not for the same one', () => {
    const before = paid();
    const first = saved(before, ship(before, 'ZT001'));
    expect(ship(first, 'ZT001')).toBe(first);
    const corrected = ship(first, 'JT002', '极兔');
    expect(corrected).toMatchObject({ state: 'shipped', fulfilment: { tracking: { carrier: '极兔', number: 'JT002' } }, autoCompleteAt: HANDED_OVER_UNTIL });
    expect(newShippingRecord(first, corrected, corrected.updatedAt, 0)).toMatchObject({ seq: 2, trackingNo: 'JT002', expressCompany: 'JTSD' });
  });

  it('reports pickup made ready as type 4 and an express parcel without a number as local delivery', () => {
    const pickup = paid('pickup');
    const ready = step(pickup, { type: 'ready', autoCompleteAt: HANDED_OVER_UNTIL }, VENDOR);
    expect(newShippingRecord(pickup, ready, ready.updatedAt, 0)).toMatchObject({ logisticsType: 4, trackingNo: null, expressCompany: null });
    const express = paid();
    const byHand = ship(express, null);
    expect(newShippingRecord(express, byHand, byHand.updatedAt, 0)).toMatchObject({ logisticsType: 2, trackingNo: null });
  });

  it('owes nothing for transfer orders, nor for orders handed over before records were kept', () => {
    const transfer = step(step(newOrder('offline'), { type: 'transfer_marked', note: '' }, BUYER), { type: 'transfer_confirmed' }, VENDOR);
    expect(newShippingRecord(transfer, ship(transfer, 'ZT001'), T0, 0)).toBeNull();
    const old = { ...ship(paid(), 'ZT001'), shippingRecord: undefined };
    const completed = step(old, { type: 'complete' }, BUYER);
    expect(newShippingRecord(old, completed, T0, 0)).toBeNull();
  });

  it('keeps an unknown carrier blocked rather than sending what WeChat refuses', () => {
    const before = paid();
    expect(newShippingRecord(before, ship(before, 'X1', '隔壁小哥'), T0, 0)).toMatchObject({ status: 'blocked', expressCompany: null, lastError: expect.stringContaining('隔壁小哥') });
  });
});

describe('shipping record: what the upload says', () => {
  it('maps every listed carrier and the names vendors type to WeChat’s codes', () => {
    expect(CARRIERS.map((carrier) => [carrier.names[0], expressCompanyCode(carrier.names[0])])).toEqual([
      ['顺丰', 'SF'], ['中通', 'ZTO'], ['圆通', 'YTO'], ['韵达', 'YD'], ['申通', 'STO'], ['极兔', 'JTSD'], ['EMS', 'EMS'], ['邮政', 'YZPY'], ['京东', 'JD'],
    ]);
    expect(['顺丰速运', ' 中通快递 ', 'ems', '邮政EMS', '中国邮政', '京东物流', 'SF'].map(expressCompanyCode)).toEqual(['SF', 'ZTO', 'EMS', 'EMS', 'YZPY', 'JD', 'SF']);
    expect(expressCompanyCode('')).toBeNull();
    expect(expressCompanyCode('德邦')).toBeNull();
  });

  it('writes the upload time in RFC 3339 Beijing time and the goods within 120 characters', () => {
    expect(rfc3339Shanghai(Date.UTC(2022, 11, 15, 5, 29, 35, 120))).toBe('2022-12-15T13:29:35.120+08:00');
    const line = { name: '酉阳柴火烟熏腊肉', spec: '五花', quantity: 2 };
    expect(itemDesc({ lines: [line] } as OrderDoc)).toBe('酉阳柴火烟熏腊肉 五花×2');
    const long = itemDesc({ lines: Array.from({ length: 20 }, () => line) } as OrderDoc);
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('keys the upload by transaction id, names the payer, and adds 顺丰’s masked contact', () => {
    const before = paid();
    const shipped = saved(before, ship(before, 'SF001', '顺丰'));
    expect(uploadShippingInfoRequest(shipped, shipped.shippingRecord!)).toEqual({
      order_key: { order_number_type: 2, transaction_id: '4200000001' },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF001', express_company: 'SF', item_desc: '酉阳柴火烟熏腊肉 五花×2', contact: { receiver_contact: '138****8000' } }],
      upload_time: rfc3339Shanghai(shipped.updatedAt),
      payer: { openid: 'buyer-1' },
    });
  });
});
