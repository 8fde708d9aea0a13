// Starts a real emulator in-process on a free port with its own temporary data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type CallFunctionResult, type Emulator, type EmulatorOptions } from '../../emulator/server';

export interface TestEmulator extends Emulator {
  dataDir: string;
  /** What the emulator logged (function failures): kept out of the test output, open to assertions. */
  logs: string[];
  /** Calls a function through the gateway, as the H5 app does. */
  call(name: string, data: unknown, openid?: string): Promise<{ status: number; body: CallFunctionResult & { errCode?: number } }>;
  /** Calls a function and returns its reply (the function's return value). */
  reply<T = any>(name: string, data: unknown, openid?: string): Promise<T>;
}

export interface TestEmulatorOptions extends Partial<EmulatorOptions> {
  /**
   * Load one instance of every function before returning (CloudBase's provisioned concurrency).
   * For browser tests: a page's first load fires several calls at once, and paying every cold
   * start inside the first step's wait, on a loaded machine, is what made it time out.
   */
  warm?: boolean;
}

export async function startTestEmulator({ warm, ...options }: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cactus-test-'));
  const logs: string[] = [];
  // Timers run only when a test ticks them, so a fixture's every-second trigger never interferes.
  const emulator = await startEmulator({ port: 0, seed: true, timers: false, log: (message) => logs.push(message), ...options, dataDir });
  if (warm) {
    const cold = await emulator.functions.warm();
    if (cold.length) throw new Error(`functions that could not start: ${cold.join(', ')}; ${logs.join('\n')}`);
  }

  async function call(name: string, data: unknown, openid?: string) {
    const res = await fetch(`${emulator.url}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-cactus-openid': openid } : {}) },
      body: JSON.stringify({ name, data }),
    });
    return { status: res.status, body: await res.json() };
  }

  return {
    ...emulator,
    dataDir,
    logs,
    call,
    async reply(name, data, openid) {
      const { status, body } = await call(name, data, openid);
      if (status !== 200) throw new Error(`call ${name} failed with ${status}: ${JSON.stringify(body)}`);
      return body.result as never;
    },
    async close() {
      await emulator.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The owner switches WeChat Pay on (merchant `subMchId`) through shop.updateSettings, as the
 * settings page does; with `qrImage`, transfers show a receiving code too.
 */
export async function switchOnWechatPay(emu: TestEmulator, opts: { shopId: string; owner: string; subMchId?: string; qrImage?: string }): Promise<void> {
  const { shopId, owner, subMchId = '1900000109', qrImage } = opts;
  const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId } }, owner);
  const offline = qrImage ? { ...data.settings.payment.offline, qrImage } : data.settings.payment.offline;
  const settings = { ...data.settings, payment: { ...data.settings.payment, offline, wechatPay: { enabled: true, subMchId } } };
  const saved = await emu.reply('shop', { action: 'updateSettings', payload: { shopId, settings } }, owner);
  if (!saved.ok) throw new Error(`WeChat Pay not switched on: ${JSON.stringify(saved.error)}`);
}
