// Functions using cloud APIs through the unmodified SDK, run by the emulator.
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { DEMO_APPID } from '../../emulator/identities';

describe('cloud APIs seen from inside a function', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: join(__dirname, 'fixtures'), seed: false });
  });
  afterAll(() => emu.close());

  it('records a subscribe message in the outbox, sent on behalf of the calling user', async () => {
    const reply = await emu.reply('notifier', { kind: 'subscribe' }, 'demo-buyer-wangayi');
    expect(reply).toMatchObject({ errCode: 0 });
    const [message] = emu.openApi.outbox();
    expect(message).toMatchObject({
      touser: 'demo-buyer-wangayi',
      fromOpenId: 'demo-buyer-wangayi',
      templateId: 'tmpl-order-paid',
      data: { thing1: { value: '酉阳柴火烟熏腊肉' } },
    });
    const res = await fetch(`${emu.url}/api/outbox`);
    expect((await res.json())[0].templateId).toBe('tmpl-order-paid');
  });

  it('returns a real PNG mini-program code for a page and scene', async () => {
    const reply = await emu.reply('notifier', { kind: 'qrcode' });
    expect(reply.contentType).toBe('image/png');
    expect(reply.head).toBe('89504e470d0a1a0a');
    expect(reply.size).toBeGreaterThan(200);
  });

  it('lets a function call another function, whose context says the call came through a function', async () => {
    const reply = await emu.reply('notifier', { kind: 'call-probe' }, 'demo-buyer-xiaoli');
    expect(reply).toMatchObject({ threadId: expect.any(Number), source: 'wx_client,scf' });
  });

  it('decodes a CloudID with cloud.getOpenData for the user it was issued to, and for no one else', async () => {
    const viewer = 'demo-buyer-wangayi';
    const { shareTicket, openGId } = emu.shareTickets.issue('龙潭老乡群');
    const { cloudID } = emu.shareTickets.shareInfo(shareTicket, viewer)!;
    const openData = (list: string[], openid?: string) => emu.reply('notifier', { kind: 'open-data', list }, openid);
    expect(await openData([cloudID, 'cid_made_up'], viewer)).toEqual([
      { cloudID, data: { openGId, watermark: { appid: DEMO_APPID, timestamp: expect.any(Number) } } },
      { cloudID: 'cid_made_up', errCode: -601005, errMsg: 'invalid cloudID.' },
    ]);
    const otherUser = { cloudID, errCode: -601007, errMsg: 'cloudID and calling user does not match.' };
    expect(await openData([cloudID], 'demo-buyer-xiaoli')).toEqual([otherUser]);
    expect(await openData([cloudID])).toEqual([otherUser]);
  });

  it('fails an open API the emulator does not provide with a clear name', async () => {
    const reply = await emu.reply('notifier', { kind: 'other-api' });
    expect(reply.failed).toBe(true);
    expect(reply.message).toContain('not emulated: wxacode.get');
  });
});
