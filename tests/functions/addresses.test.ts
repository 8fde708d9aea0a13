// A buyer's address book in the orders function: each buyer sees and changes only their own
// addresses, one default at most (listed first), and refusals change nothing.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { PEOPLE } from '../support/roles';
import { ERROR_MESSAGES } from '@core/errors';
import type { Address } from '@core/contracts';

const WANG = 'test-address-wang';
const LI = 'test-address-li';

const home: Address = { name: '王阿姨', phone: '13800138000', province: '重庆市', city: '重庆市', district: '酉阳县', detail: '龙潭镇老街 18 号' };
const work: Address = { name: '王阿姨', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

describe('orders function: the buyer’s address book', () => {
  let emu: TestEmulator;
  const orders = (action: string, payload: unknown, openid: string) => emu.reply('orders', { action, payload }, openid);
  const list = async (openid: string) => (await orders('listAddresses', {}, openid)).data.addresses as { id: string; isDefault: boolean; detail: string }[];

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  it('makes a buyer’s first address the default and lists the default first after later ones', async () => {
    const first = await orders('saveAddress', home, WANG);
    expect(first.data.address).toEqual({ ...home, id: expect.any(String), isDefault: true });
    const second = await orders('saveAddress', work, WANG);
    expect(second.data.address.isDefault).toBe(false);
    expect((await list(WANG)).map((a) => a.detail)).toEqual([home.detail, work.detail]);
  });

  it('moves the default when another address is saved as default, leaving exactly one', async () => {
    const [, other] = await list(WANG);
    const reply = await orders('saveAddress', { ...work, id: other.id, detail: '文三路 2 号', isDefault: true }, WANG);
    expect(reply.data.address).toMatchObject({ id: other.id, detail: '文三路 2 号', isDefault: true });
    const after = await list(WANG);
    expect(after.filter((a) => a.isDefault).map((a) => a.id)).toEqual([other.id]);
    expect(after[0].id).toBe(other.id);
    expect(after).toHaveLength(2);
  });

  it('never shows, edits or deletes another buyer’s address: it is as if it did not exist', async () => {
    const [mine] = await list(WANG);
    const before = emu.db.find('addresses');
    expect(await list(LI)).toEqual([]);
    expect((await orders('saveAddress', { ...home, id: mine.id, detail: '改成小李家' }, LI)).error).toEqual({ code: 'ADDRESS_NOT_FOUND', message: ERROR_MESSAGES.ADDRESS_NOT_FOUND });
    expect((await orders('deleteAddress', { id: mine.id }, LI)).error.code).toBe('ADDRESS_NOT_FOUND');
    expect(emu.db.find('addresses')).toEqual(before);
  });

  it('deletes a buyer’s own address, and a second delete answers ADDRESS_NOT_FOUND', async () => {
    const [, second] = await list(WANG);
    expect((await orders('deleteAddress', { id: second.id }, WANG)).data).toEqual({});
    expect((await list(WANG)).map((a) => a.id)).not.toContain(second.id);
    expect((await orders('deleteAddress', { id: second.id }, WANG)).error.code).toBe('ADDRESS_NOT_FOUND');
  });

  it('refuses a bad phone number or a missing street with field paths, saving nothing', async () => {
    const before = emu.db.find('addresses');
    const reply = await orders('saveAddress', { ...home, phone: '12345', detail: ' ' }, WANG);
    expect(reply.error.code).toBe('VALIDATION_FAILED');
    expect(reply.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['detail', 'phone']);
    expect(emu.db.find('addresses')).toEqual(before);
  });

  it('keeps at most 20 addresses per buyer', async () => {
    const buyer = PEOPLE.stranger;
    for (let i = 0; i < 20; i++) expect((await orders('saveAddress', { ...home, detail: `第 ${i} 号` }, buyer)).ok).toBe(true);
    const before = emu.db.find('addresses');
    expect((await orders('saveAddress', { ...home, detail: '第 21 号' }, buyer)).error).toEqual({ code: 'ADDRESS_LIMIT', message: ERROR_MESSAGES.ADDRESS_LIMIT });
    expect(emu.db.find('addresses')).toEqual(before);
  });

  it('asks a caller without an openid to log in', async () => {
    const reply = await emu.reply('orders', { action: 'listAddresses', payload: {} });
    expect(reply.error.code).toBe('UNAUTHENTICATED');
  });
});
