// WeChat Pay and timer triggers as the emulator's server runs them: a function orders through
// cloudPay, the buyer pays on the H5 pay sheet, and the callback function hears about it; a
// timer trigger declared in config.json runs its function.
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

describe('payments and timers through the emulator server', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: join(__dirname, 'fixtures'), seed: false });
  });
  afterAll(() => emu.close());

  it('pays an order from the pay sheet and tells the callback function once it acknowledges', async () => {
    const order = await emu.reply('payee', { kind: 'order', outTradeNo: 'T20261122001', totalFee: 5800, attach: 'nack-1' }, 'demo-buyer-wangayi');
    expect(order).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', payment: { signType: 'MD5' } });

    const res = await fetch(`${emu.url}/api/pay`, { method: 'POST', body: JSON.stringify({ outTradeNo: 'T20261122001' }) });
    // The first notification was refused by the callback, so WeChat sent it again.
    expect(await res.json()).toEqual({ errMsg: 'requestPayment:ok', delivered: 2, acknowledged: true });
    const query = await emu.reply('payee', { kind: 'query', outTradeNo: 'T20261122001' });
    expect(query).toMatchObject({ tradeState: 'SUCCESS', totalFee: 5800 });
    const { orders } = await (await fetch(`${emu.url}/api/pay/orders`)).json();
    expect(orders[0]).toMatchObject({ outTradeNo: 'T20261122001', subOpenid: 'demo-buyer-wangayi' });
  });

  it('never refunds more than was paid', async () => {
    await emu.reply('payee', { kind: 'order', outTradeNo: 'T20261122002', totalFee: 1000 });
    await fetch(`${emu.url}/api/pay`, { method: 'POST', body: JSON.stringify({ outTradeNo: 'T20261122002' }) });
    const first = await emu.reply('payee', { kind: 'refund', outTradeNo: 'T20261122002', outRefundNo: 'R1', totalFee: 1000, refundFee: 600 });
    const tooMuch = await emu.reply('payee', { kind: 'refund', outTradeNo: 'T20261122002', outRefundNo: 'R2', totalFee: 1000, refundFee: 600 });
    expect(first).toMatchObject({ resultCode: 'SUCCESS' });
    expect(tooMuch).toMatchObject({ resultCode: 'FAIL' });
  });

  it('runs a timer trigger declared in config.json when its time comes, for no user, as the platform’s trigger', async () => {
    expect(emu.timers.list()).toContain('ticker/everySecond * * * * * * *');
    await emu.timers.tick(Date.now() + 1000);
    const [run] = emu.db.find('tickerRuns');
    expect(run.event).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' });
    // getWXContext() of a timer's run: OPENID and APPID come with mini-program calls only.
    expect(run.context).toEqual({ ENV: 'cactus-local', SOURCE: 'wx_trigger' });
  });

  it('tells a function called through the gateway that the call came from the mini-program, for its user', async () => {
    expect(await emu.reply('probe', {}, 'demo-buyer-wangayi')).toMatchObject({ openid: 'demo-buyer-wangayi', source: 'wx_client' });
  });
});
