import { ordersContract } from '@core/contracts';

const place = ordersContract.actions.place.input;
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '', detail: '文三路 1 号' };
const lines = [{ productId: 'lalian', skuId: 'no3-15', quantity: 1000 }];

describe('orders contract', () => {
  it('accepts a place request and fills the buyer note and source', () => {
    const parsed = place.parse({ shopId: 'demo-shop', lines, fulfilment: { kind: 'express', address }, payment: 'offline' });
    expect(parsed).toMatchObject({ buyerNote: '', source: { ref: null, scene: null } });
  });

  it('wants an address for delivery and a contact for pickup', () => {
    expect(place.safeParse({ shopId: 'demo-shop', lines, fulfilment: { kind: 'express' }, payment: 'offline' }).success).toBe(false);
    expect(place.safeParse({ shopId: 'demo-shop', lines, fulfilment: { kind: 'pickup', pointId: 'town' }, payment: 'offline' }).success).toBe(false);
    expect(place.safeParse({ shopId: 'demo-shop', lines, fulfilment: { kind: 'pickup', pointId: 'town', contact: { name: '王', phone: '13800138000' } }, payment: 'offline' }).success).toBe(true);
  });

  it('asks for an 11-digit mobile number in plain Chinese', () => {
    const result = place.safeParse({ shopId: 'demo-shop', lines, fulfilment: { kind: 'local', address: { ...address, phone: '12345' } }, payment: 'wechat' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['fulfilment', 'address', 'phone'], message: '请填写 11 位手机号' });
  });

  it('never takes a price, a total to charge or a buyer id from the client', () => {
    const parsed = place.parse({ shopId: 'demo-shop', lines: [{ ...lines[0], unitPriceLi: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline', totalFen: 1, buyerOpenId: 'x' });
    expect(parsed.lines[0]).not.toHaveProperty('unitPriceLi');
    expect(parsed).not.toHaveProperty('totalFen');
    expect(parsed).not.toHaveProperty('buyerOpenId');
  });

  it('refuses empty carts, zero quantities and zero refunds', () => {
    expect(place.safeParse({ shopId: 'demo-shop', lines: [], fulfilment: { kind: 'express', address }, payment: 'offline' }).success).toBe(false);
    expect(place.safeParse({ shopId: 'demo-shop', lines: [{ ...lines[0], quantity: 0 }], fulfilment: { kind: 'express', address }, payment: 'offline' }).success).toBe(false);
    expect(ordersContract.actions.refund.input.safeParse({ orderId: 'o1', amountFen: 0 }).success).toBe(false);
    expect(ordersContract.actions.rejectTransfer.input.safeParse({ orderId: 'o1', reason: '  ' }).success).toBe(false);
  });
});
