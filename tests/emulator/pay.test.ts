/**
 * The emulator's `wx.wxPayApi` sandbox, driven by a real cloud function (fixture `payee`) running
 * the unmodified wx-server-sdk in the emulator's FunctionHost. The admin server here is wired the
 * way server.ts wires it: multipart `wx.wxPayApi` → PaySandbox.handle with the caller taken from
 * the instance key, and the pay sheet routes through payHttp.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionHost } from '../../emulator/functions/host';
import { multipartAction } from '../../emulator/openapi';
import { PaySandbox, payHttp } from '../../emulator/pay';
import type { HttpReply } from '../../emulator/http';

const FUNCTIONS = join(__dirname, '..', 'functions', 'fixtures');
const NOW = Date.UTC(2026, 10, 22, 4, 30, 0); // 12:30:00 in Beijing
const BUYER = { OPENID: 'o-buyer-pay', APPID: 'wx-cactus-test' };

interface Exchange {
  contentType: string;
  reply: HttpReply;
}

class Harness {
  sandbox!: PaySandbox;
  exchanges: Exchange[] = [];
  logs: string[] = [];
  host!: FunctionHost;
  url = '';
  dataDir = mkdtempSync(join(tmpdir(), 'cactus-pay-'));
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.route(req, Buffer.concat(chunks)).then(
        ({ status, headers, body }) => res.writeHead(status, headers).end(body),
        (e: Error) => res.writeHead(500).end(e.stack),
      );
    });
  });

  newSandbox(): void {
    this.sandbox = new PaySandbox({
      now: () => NOW,
      file: join(this.dataDir, `pay-${Date.now()}-${Math.random()}.json`),
      invoke: async (name, event) => {
        const outcome = await this.host.invoke(name, event, { APPID: BUYER.APPID, SOURCE: 'wx_pay' });
        return outcome.ok ? outcome.result : { failed: outcome.kind, message: outcome.message };
      },
    });
  }

  async route(req: http.IncomingMessage, body: Buffer): Promise<HttpReply> {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const contentType = String(req.headers['content-type'] ?? '');
    if (path.startsWith('/admin/') && multipartAction(body, contentType) === 'wx.wxPayApi') {
      const caller = this.host.callerOf(path.slice('/admin/'.length));
      const reply = await this.sandbox.handle({ body, contentType, caller: caller && { openid: caller.OPENID, appid: caller.APPID } });
      this.exchanges.push({ contentType, reply });
      return reply;
    }
    const page = await payHttp(this.sandbox, { method: req.method ?? 'GET', path, body });
    if (page) return { status: page.status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(page.json)) };
    return { status: 404, headers: {}, body: Buffer.alloc(0) };
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.host = new FunctionHost({
      functionsDir: FUNCTIONS,
      adminUrl: `${this.url}/admin`,
      baseEnv: process.env,
      maxInstancesPerFunction: 2,
      log: (m) => this.logs.push(m),
    });
    this.newSandbox();
  }

  async call<T = any>(event: Record<string, unknown>): Promise<T> {
    const outcome = await this.host.invoke('payee', event, BUYER);
    if (!outcome.ok) throw new Error(`payee failed: ${outcome.kind} ${outcome.message}`);
    return outcome.result as T;
  }

  async stop(): Promise<void> {
    await this.host.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const h = new Harness();
beforeAll(() => h.start());
afterAll(() => h.stop());
beforeEach(() => {
  h.newSandbox();
  h.exchanges = [];
});

let serial = 0;
const tradeNo = () => `CT${NOW}${++serial}`;

describe('cloudPay.unifiedOrder', () => {
  it('returns the wx.requestPayment parameters for a new order, and the SDK reports ok', async () => {
    const outTradeNo = tradeNo();
    const reply = await h.call({ kind: 'order', outTradeNo, totalFee: 5800 });

    expect(reply).toMatchObject({
      errCode: 0,
      errMsg: 'cloudPay.unifiedOrder:ok',
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      subMchId: '1900000109',
      tradeType: 'JSAPI',
      prepayId: expect.stringMatching(/^wx\d+/),
      payment: {
        appId: BUYER.APPID,
        timeStamp: String(Math.floor(NOW / 1000)),
        nonceStr: expect.any(String),
        package: `prepay_id=${reply.prepayId}`,
        signType: 'MD5',
        paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
      },
    });
    expect(h.sandbox.orders()).toEqual([
      expect.objectContaining({ outTradeNo, totalFee: 5800, tradeState: 'NOTPAY', subOpenid: BUYER.OPENID, functionName: 'payee' }),
    ]);
  });

  it('never answers with the content type the SDK reserves for platform errors', async () => {
    await h.call({ kind: 'order', outTradeNo: tradeNo(), totalFee: 100 });
    expect(h.exchanges).toHaveLength(1);
    expect(h.exchanges[0].contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(h.exchanges[0].reply.headers['content-type']).not.toBe('application/json; charset=utf-8');
  });

  it('gives the same prepay for a repeated identical order', async () => {
    const outTradeNo = tradeNo();
    const first = await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    const again = await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    expect(again.prepayId).toBe(first.prepayId);
    expect(h.sandbox.orders()).toHaveLength(1);
  });

  it('rejects a repeated out_trade_no with a different amount, as WeChat Pay does', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    const reply = await h.call({ kind: 'order', outTradeNo, totalFee: 1 });
    expect(reply).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 0, errCodeDes: '201 商户订单号重复' });
    expect(h.sandbox.orders()[0].totalFee).toBe(100);
  });

  it('rejects an out_trade_no longer than 32 characters', async () => {
    const reply = await h.call({ kind: 'order', outTradeNo: 'X'.repeat(33), totalFee: 100 });
    expect(reply).toMatchObject({ returnCode: 'FAIL', returnMsg: expect.stringContaining('out_trade_no') });
    expect(h.sandbox.orders()).toHaveLength(0);
  });

  it('rejects an amount that is not a whole number of fen', async () => {
    const reply = await h.call({ kind: 'order', outTradeNo: tradeNo(), totalFee: 12.5 });
    expect(reply).toMatchObject({ returnCode: 'FAIL', returnMsg: expect.stringContaining('total_fee') });
  });

  it('refuses to place an order that is already paid', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    await h.sandbox.pay(outTradeNo);
    const reply = await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    expect(reply).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已支付' });
  });

  it('fails a cloudPay api it does not emulate with a clear name', async () => {
    const reply = await h.call({ kind: 'closeOrder', outTradeNo: tradeNo() });
    expect(reply).toMatchObject({ thrown: true, errMsg: expect.stringContaining('not emulated: cloudPay.closeOrder') });
  });
});

describe('the pay sheet and the payment notification', () => {
  it('notifies the callback function with the documented fields once the buyer pays', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 5800, attach: 'ack' });
    const { delivered, answers } = await h.sandbox.pay(outTradeNo);

    expect(delivered).toBe(1);
    const { event } = answers[0] as { event: Record<string, unknown> };
    expect(event).toEqual(
      expect.objectContaining({
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo,
        totalFee: 5800,
        cashFee: 5800,
        feeType: 'CNY',
        subMchId: '1900000109',
        subOpenid: BUYER.OPENID,
        tradeType: 'JSAPI',
        attach: 'ack',
        transactionId: expect.stringMatching(/^4200\d{24}$/),
        timeEnd: '20261122123000',
      }),
    );
    expect(h.sandbox.orders()[0]).toMatchObject({ tradeState: 'SUCCESS', acknowledged: true, notifications: 1 });
  });

  it('redelivers while the callback does not answer errcode 0, then stops', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 100, attach: 'nack-2' });
    const { delivered, answers } = await h.sandbox.pay(outTradeNo, { retries: 5 });
    expect(delivered).toBe(3);
    expect(answers.map((a) => (a as { errcode: number }).errcode)).toEqual([-1, -1, 0]);
  });

  it('gives up after the allowed retries when the callback keeps failing', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 100, attach: 'throw' });
    const { delivered } = await h.sandbox.pay(outTradeNo, { retries: 1 });
    expect(delivered).toBe(2);
    expect(h.sandbox.orders()[0]).toMatchObject({ tradeState: 'SUCCESS', acknowledged: false });
    expect(h.logs.join('\n')).toContain('callback broken');
  });

  it('delivers duplicates of the same payment when asked, each with the same transaction', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    const { delivered, answers } = await h.sandbox.pay(outTradeNo, { duplicates: 2 });
    expect(delivered).toBe(3);
    const ids = new Set(answers.map((a) => (a as { event: { transactionId: string } }).event.transactionId));
    expect(ids.size).toBe(1);
  });

  it('can notify a mismatched amount, so callbacks can prove they check it', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 5800 });
    const { answers } = await h.sandbox.pay(outTradeNo, { amountFen: 1 });
    expect((answers[0] as { event: { totalFee: number } }).event.totalFee).toBe(1);
  });

  it('lets the H5 app confirm a payment and list orders over HTTP', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 300 });
    const paid = await fetch(`${h.url}/api/pay`, { method: 'POST', body: JSON.stringify({ outTradeNo }) });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toEqual({ errMsg: 'requestPayment:ok', delivered: 1, acknowledged: true });

    const unknown = await fetch(`${h.url}/api/pay`, { method: 'POST', body: JSON.stringify({ outTradeNo: 'nope' }) });
    expect(unknown.status).toBe(404);

    const list = await (await fetch(`${h.url}/api/pay/orders`)).json();
    expect(list.orders).toEqual([expect.objectContaining({ outTradeNo, tradeState: 'SUCCESS' })]);
    expect(list.refunds).toEqual([]);
  });
});

describe('cloudPay.queryOrder', () => {
  it('reports an unpaid order as NOTPAY and a paid one with its transaction', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    expect(await h.call({ kind: 'query', outTradeNo })).toMatchObject({ errMsg: 'cloudPay.queryOrder:ok', resultCode: 'SUCCESS', tradeState: 'NOTPAY' });

    await h.sandbox.pay(outTradeNo);
    const [order] = h.sandbox.orders();
    expect(await h.call({ kind: 'query', outTradeNo })).toMatchObject({
      tradeState: 'SUCCESS',
      transactionId: order.transactionId,
      totalFee: 100,
      timeEnd: '20261122123000',
    });
  });

  it('answers ORDERNOTEXIST for an order it never saw', async () => {
    expect(await h.call({ kind: 'query', outTradeNo: tradeNo() })).toMatchObject({ resultCode: 'FAIL', errCodeDes: '此交易订单号不存在' });
  });
});

describe('cloudPay.refund', () => {
  async function paidOrder(totalFee: number): Promise<string> {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee });
    await h.sandbox.pay(outTradeNo);
    return outTradeNo;
  }

  it('refunds part of a paid order and marks it REFUND', async () => {
    const outTradeNo = await paidOrder(1000);
    const reply = await h.call({ kind: 'refund', outTradeNo, outRefundNo: `${outTradeNo}R1`, totalFee: 1000, refundFee: 300 });
    expect(reply).toMatchObject({ errMsg: 'cloudPay.refund:ok', resultCode: 'SUCCESS', refundFee: 300, totalFee: 1000, refundId: expect.any(String) });
    expect(h.sandbox.orders()[0]).toMatchObject({ tradeState: 'REFUND', refundedFee: 300 });
    expect(await h.call({ kind: 'query', outTradeNo })).toMatchObject({ tradeState: 'REFUND' });
  });

  it('never refunds more than was paid in total', async () => {
    const outTradeNo = await paidOrder(1000);
    await h.call({ kind: 'refund', outTradeNo, outRefundNo: `${outTradeNo}R1`, totalFee: 1000, refundFee: 700 });
    const over = await h.call({ kind: 'refund', outTradeNo, outRefundNo: `${outTradeNo}R2`, totalFee: 1000, refundFee: 301 });
    expect(over).toMatchObject({ resultCode: 'FAIL', errCodeDes: '累计退款金额大于支付金额' });
    const rest = await h.call({ kind: 'refund', outTradeNo, outRefundNo: `${outTradeNo}R3`, totalFee: 1000, refundFee: 300 });
    expect(rest).toMatchObject({ resultCode: 'SUCCESS' });
    expect(h.sandbox.refunds().map((r) => r.refundFee)).toEqual([700, 300]);
  });

  it('applies each out_refund_no once: a replay returns the first result', async () => {
    const outTradeNo = await paidOrder(1000);
    const event = { kind: 'refund', outTradeNo, outRefundNo: `${outTradeNo}R1`, totalFee: 1000, refundFee: 400 };
    const first = await h.call(event);
    const replay = await h.call(event);
    expect(replay.refundId).toBe(first.refundId);
    expect(h.sandbox.refunds()).toHaveLength(1);
    expect(h.sandbox.orders()[0].refundedFee).toBe(400);
  });

  it('rejects a replayed out_refund_no with a different amount', async () => {
    const outTradeNo = await paidOrder(1000);
    await h.call({ kind: 'refund', outTradeNo, outRefundNo: `${outTradeNo}R1`, totalFee: 1000, refundFee: 400 });
    const changed = await h.call({ kind: 'refund', outTradeNo, outRefundNo: `${outTradeNo}R1`, totalFee: 1000, refundFee: 500 });
    expect(changed).toMatchObject({ resultCode: 'FAIL', errCodeDes: expect.stringContaining('与之前请求不一致') });
  });

  it('refuses to refund an order that was not paid', async () => {
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    const reply = await h.call({ kind: 'refund', outTradeNo, outRefundNo: `${outTradeNo}R1`, totalFee: 100, refundFee: 100 });
    expect(reply).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单未支付' });
    expect(h.sandbox.refunds()).toEqual([]);
  });
});

describe('pay sandbox state', () => {
  it('survives a restart when given a file', async () => {
    const file = join(h.dataDir, 'restart.json');
    const invoke = async () => ({ errcode: 0 });
    const before = new PaySandbox({ now: () => NOW, file, invoke });
    h.sandbox = before;
    const outTradeNo = tradeNo();
    await h.call({ kind: 'order', outTradeNo, totalFee: 100 });
    await before.pay(outTradeNo);

    const after = new PaySandbox({ now: () => NOW, file, invoke });
    expect(after.orders()).toEqual(before.orders());
    h.sandbox = after;
    expect(await h.call({ kind: 'query', outTradeNo })).toMatchObject({ tradeState: 'SUCCESS' });
  });
});
