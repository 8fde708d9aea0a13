// The orders timers run for the platform alone: a call that merely looks like a timer event, from
// a buyer, a visitor or another function, is an ordinary call, refused and changing nothing.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { PEOPLE } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { ERROR_MESSAGES } from '@core/errors';

const BUYER = PEOPLE.stranger;
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
const UNKNOWN_ACTION = { ok: false, error: { code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION } };

describe('orders timers', () => {
  let emu: TestEmulator;
  /** An unpaid order already past its time: exactly what the expiry sweep would cancel. */
  let overdueId: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    const placed = await emu.reply(
      'orders',
      { action: 'place', requestId: 'timer-bait', payload: { shopId: DEMO_SHOP_ID, lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' } },
      BUYER,
    );
    const [order] = emu.db.find('orders', { _id: placed.data.order.id });
    overdueId = emu.db.insert('orders', { ...order, _id: 'overdue-order', requestId: 'timer-bait-copy', expiresAt: Date.now() - 1000 });
  });
  afterAll(() => emu.close());

  const snapshot = () => ({ orders: emu.db.find('orders'), products: emu.db.find('products') });
  const timerEvent = (TriggerName: string) => ({ Type: 'Timer', TriggerName, Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' });

  it('refuses a buyer’s or a visitor’s call shaped like a timer event as an unknown action, and runs no sweep', async () => {
    const before = snapshot();
    for (const trigger of ['expireUnpaid', 'autoComplete']) {
      expect(await emu.reply('orders', timerEvent(trigger), BUYER)).toEqual(UNKNOWN_ACTION);
      expect(await emu.reply('orders', timerEvent(trigger))).toEqual(UNKNOWN_ACTION);
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses the same event from another function, whose context says it came through a function', async () => {
    const before = snapshot();
    const res = await fetch(emu.adminUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'functions.invokeFunction', function_name: 'orders', request_data: JSON.stringify(timerEvent('expireUnpaid')) }),
    });
    const { data } = await res.json();
    expect(JSON.parse(data.response_data)).toEqual(UNKNOWN_ACTION);
    expect(snapshot()).toEqual(before);
  });

  it('still runs the sweep when the platform’s timer fires', async () => {
    await emu.timers.tick(Date.now() + 61_000);
    expect(emu.db.find('orders', { _id: overdueId })[0]).toMatchObject({ state: 'cancelled', expiresAt: null });
  });
});
