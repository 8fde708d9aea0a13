// The H5 app's image upload through the emulator, and the fileID it gets back used by a function.
import QRCode from 'qrcode';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

describe('image uploads from the H5 app', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ seed: false });
  });
  afterAll(() => emu.close());

  async function upload(bytes: Buffer, type: string, openid = 'demo-owner-laozhang') {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo');
    const res = await fetch(`${emu.url}/api/upload`, { method: 'POST', body: form, headers: { 'x-cactus-openid': openid } });
    return { status: res.status, body: await res.json() };
  }

  it('stores an image and answers with a cloud fileID and a URL that serves the same bytes', async () => {
    const png = await QRCode.toBuffer('a photo of cured meat');
    const { status, body } = await upload(png, 'image/png');
    expect(status).toBe(200);
    expect(body.fileID).toMatch(/^cloud:\/\/cactus-local\.[^/]+\/uploads\/demo-owner-laozhang\/\d+-[0-9a-f]{8}\.png$/);
    const served = await fetch(body.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it('refuses files that are not images', async () => {
    const { status, body } = await upload(Buffer.from('#!/bin/sh'), 'text/x-shellscript');
    expect(status).toBe(415);
    expect(body.errMsg).toContain('only images');
  });
});
