// What `npm start` shows a newcomer: the demo shop with an open 接龙 (seeded only when asked for,
// so other tests start from a shop without campaigns) that anyone can see and join.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';

describe('the demo shop npm start seeds', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ demoCampaign: true });
  });
  afterAll(() => emu.close());

  it('has an open 接龙 on the shop home, with 腊肉 falling at 50 and 100 斤 and 截团 at 20:00', async () => {
    const listed = await emu.reply('campaigns', { action: 'shopCampaigns', payload: { shopId: DEMO_SHOP_ID } });
    expect(listed.ok).toBe(true);
    expect(listed.data.campaigns).toHaveLength(1);
    const [card] = listed.data.campaigns;
    expect(card).toMatchObject({ title: '今晚截单：酉阳腊肉，满50斤每斤降5元', state: 'open', entries: 0, lowestPriceLi: 45_000 });
    expect(card.timeText).toMatch(/^(今天|明天) 20:00 截团$/);

    const page = await emu.reply('campaigns', { action: 'getCampaign', payload: { campaignId: card.id } });
    const larou = page.data.campaign.items.find((item: { productId: string }) => item.productId === 'larou');
    expect(larou.tiers).toEqual([{ minQty: 50, priceLi: 47_000 }, { minQty: 100, priceLi: 45_000 }]);
  });

  it('takes a buyer’s 跟团 at the campaign price, picked up at the shop in town', async () => {
    const placed = await emu.reply(
      'orders',
      {
        action: 'place',
        requestId: 'demo-join-1',
        payload: { shopId: DEMO_SHOP_ID, campaignId: 'demo-campaign', lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 2 }], fulfilment: { kind: 'pickup', pointId: 'town', contact: { name: '王阿姨', phone: '13800138000' } }, payment: 'offline' },
      },
      'demo-buyer-wangayi',
    );
    expect(placed.ok).toBe(true);
    expect(placed.data.order.totalFen).toBe(10_400);
    expect(placed.data.order.campaign).toMatchObject({ campaignId: 'demo-campaign', seq: null });
  });
});
