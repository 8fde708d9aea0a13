// The vendor side of the shop function, through the real emulator and gateway: who may do what,
// what bad input is refused, and what each action leaves in the database.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { accessRows, addRoleFixtures, codeOf, openidOf, OTHER_SHOP_ID, OWNER_AND_STAFF, OWNER_ONLY, PEOPLE, type AccessCase } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { memberId, type InviteDoc, type MemberDoc } from '@core/model';
import { defaultShopSettings, MAX_SHOPS_PER_OWNER } from '@core/shops';
import type { ShopSettings } from '@core/contracts';

const HOUR_MS = 60 * 60 * 1000;
const CHINESE = /[\u4e00-\u9fa5]/;


/** The demo shop's settings with a few edits, valid by every rule. */
function editedSettings(): ShopSettings {
  const settings = defaultShopSettings('老张山货铺');
  settings.intro = '酉阳腊肉，熟人下单';
  settings.contact = { wechatId: 'laozhang-shanhuo', phone: '138-0000-0000' };
  settings.fulfilment.pickup = { enabled: true, points: [{ id: 'town', name: '镇上老张腊味店', address: '酉阳县龙潭镇老街 18 号', hours: '8:00-20:00' }] };
  return settings;
}

describe('shop function for vendors', () => {
  let emu: TestEmulator;
  let seq = 0;
  const now = Date.now();
  const shop = (action: string, payload: unknown, openid?: string) => emu.reply('shop', { action, payload }, openid);
  /** Everything a vendor action could change, to prove a refused one changed nothing. */
  const snapshot = () => ({ shops: emu.db.find('shops'), members: emu.db.find('members'), invites: emu.db.find('invites') });

  function insertInvite(fields: Partial<InviteDoc> = {}): string {
    const code = `testcode${String(++seq).padStart(4, '0')}`;
    const invite: InviteDoc = { _id: code, shopId: DEMO_SHOP_ID, role: 'staff', createdBy: PEOPLE.owner, createdAt: now, expiresAt: now + 48 * HOUR_MS, revokedAt: null, usedBy: null, usedAt: null, ...fields };
    emu.db.insert('invites', { ...invite });
    return code;
  }

  function insertMember(role: MemberDoc['role'] = 'staff', shopId = DEMO_SHOP_ID): string {
    const openid = `test-helper-${++seq}`;
    const member: MemberDoc = { _id: memberId(shopId, openid), shopId, openid, name: `帮手${seq}`, role, joinedAt: now };
    emu.db.insert('members', { ...member });
    return openid;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu, now);
  });
  afterAll(() => emu.close());

  describe('who may do what', () => {
    const cases: AccessCase[] = [
      { action: 'getSettings', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID }) },
      { action: 'updateSettings', allowed: OWNER_ONLY, payload: () => ({ shopId: DEMO_SHOP_ID, settings: editedSettings() }) },
      { action: 'listMembers', allowed: OWNER_ONLY, payload: () => ({ shopId: DEMO_SHOP_ID }) },
      { action: 'createInvite', allowed: OWNER_ONLY, payload: () => ({ shopId: DEMO_SHOP_ID, role: 'staff' }) },
      { action: 'revokeInvite', allowed: OWNER_ONLY, payload: () => ({ shopId: DEMO_SHOP_ID, code: insertInvite() }) },
      { action: 'removeMember', allowed: OWNER_ONLY, payload: () => ({ shopId: DEMO_SHOP_ID, openid: insertMember() }) },
    ];
    const rows = accessRows(cases);

    it.each(rows)('$action by $caller answers $outcome, and a refusal changes nothing', async ({ action, caller, outcome, payload }) => {
      const input = payload();
      const before = snapshot();
      const reply = await shop(action, input, openidOf(caller));
      expect(codeOf(reply)).toBe(outcome);
      if (outcome !== 'ok') expect(snapshot()).toEqual(before);
    });

    it.each([
      { action: 'createShop', payload: () => ({ name: '新店', ownerName: '某人' }) },
      { action: 'myShops', payload: () => ({}) },
      { action: 'acceptInvite', payload: () => ({ code: insertInvite(), name: '某人' }) },
    ])('$action without a login answers UNAUTHENTICATED and changes nothing', async ({ action, payload }) => {
      const input = payload();
      const before = snapshot();
      expect(codeOf(await shop(action, input))).toBe('UNAUTHENTICATED');
      expect(snapshot()).toEqual(before);
    });

    it('keeps the owner of another shop out of this one and this owner out of theirs', async () => {
      const before = snapshot();
      expect(codeOf(await shop('getSettings', { shopId: OTHER_SHOP_ID }, PEOPLE.owner))).toBe('NOT_A_MEMBER');
      expect(codeOf(await shop('removeMember', { shopId: OTHER_SHOP_ID, openid: PEOPLE.otherOwner }, PEOPLE.owner))).toBe('NOT_A_MEMBER');
      // Naming this shop while aiming at the other one finds nothing there either.
      expect(codeOf(await shop('removeMember', { shopId: DEMO_SHOP_ID, openid: PEOPLE.otherOwner }, PEOPLE.owner))).toBe('NOT_FOUND');
      const foreignInvite = insertInvite({ shopId: OTHER_SHOP_ID, createdBy: PEOPLE.otherOwner });
      const withInvite = snapshot();
      expect(codeOf(await shop('revokeInvite', { shopId: DEMO_SHOP_ID, code: foreignInvite }, PEOPLE.owner))).toBe('INVITE_INVALID');
      expect(snapshot()).toEqual(withInvite);
      expect(before.shops).toEqual(withInvite.shops);
    });

    it('answers SHOP_NOT_FOUND for a shop that does not exist', async () => {
      expect(codeOf(await shop('getSettings', { shopId: 'no-such-shop' }, PEOPLE.owner))).toBe('SHOP_NOT_FOUND');
    });
  });

  describe('bad payloads', () => {
    const brokenSettings = { ...editedSettings(), name: '', payment: { ...editedSettings().payment, wechatPay: { enabled: true, subMchId: 'abc' } } };
    it.each([
      ['createShop', { name: '   ', ownerName: '名'.repeat(21) }, ['name', 'ownerName']],
      ['myShops', 42, ['']],
      ['getSettings', {}, ['shopId']],
      ['updateSettings', { shopId: DEMO_SHOP_ID, settings: brokenSettings }, ['settings.name', 'settings.payment.wechatPay.subMchId']],
      ['listMembers', { shopId: '' }, ['shopId']],
      ['createInvite', { shopId: DEMO_SHOP_ID, role: 'owner', ttlHours: 0 }, ['role', 'ttlHours']],
      ['revokeInvite', { shopId: DEMO_SHOP_ID, code: 'x'.repeat(17) }, ['code']],
      ['acceptInvite', { code: '', name: 7 }, ['code', 'name']],
      ['removeMember', { shopId: DEMO_SHOP_ID }, ['openid']],
      ['listProducts', { shopId: DEMO_SHOP_ID, keyword: '腊'.repeat(21) }, ['keyword']],
      ['getProduct', { productId: ['larou'] }, ['productId']],
    ])('%s with a bad payload answers VALIDATION_FAILED naming the fields, and changes nothing', async (action, payload, paths) => {
      const before = snapshot();
      const reply = await shop(action as string, payload, PEOPLE.owner);
      expect(reply.error.code).toBe('VALIDATION_FAILED');
      expect(reply.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(paths);
      for (const field of reply.error.fields) expect(field.message).toMatch(CHINESE);
      expect(snapshot()).toEqual(before);
    });
  });

  describe('opening shops', () => {
    it('opens a shop with default settings and the caller as its owner member, under an id the database assigns', async () => {
      const reply = await shop('createShop', { name: ' 呼中冻梨 ', ownerName: '李姐' }, 'test-new-owner');
      expect(reply.ok).toBe(true);
      const { shopId } = reply.data;
      const [stored] = emu.db.find('shops', { _id: shopId });
      expect(stored).toMatchObject({ ...defaultShopSettings('呼中冻梨'), ownerOpenId: 'test-new-owner', createdAt: expect.any(Number) });
      expect(emu.db.find('members', { shopId })).toEqual([
        { _id: memberId(shopId, 'test-new-owner'), shopId, openid: 'test-new-owner', name: '李姐', role: 'owner', joinedAt: stored.createdAt },
      ]);
      const settings = await shop('getSettings', { shopId }, 'test-new-owner');
      expect(settings.data).toEqual({ settings: defaultShopSettings('呼中冻梨'), role: 'owner' });
    });

    it(`lets one person own at most ${MAX_SHOPS_PER_OWNER} shops`, async () => {
      const owner = 'test-busy-owner';
      for (let i = 1; i <= MAX_SHOPS_PER_OWNER; i++) expect((await shop('createShop', { name: `第${i}家店`, ownerName: '忙人' }, owner)).ok).toBe(true);
      const before = snapshot();
      const refused = await shop('createShop', { name: '第六家店', ownerName: '忙人' }, owner);
      expect(refused.error).toEqual({ code: 'SHOP_LIMIT', message: '一个微信最多开 5 家店' });
      expect(snapshot()).toEqual(before);
      expect(emu.db.find('shops', { ownerOpenId: owner })).toHaveLength(MAX_SHOPS_PER_OWNER);
    });

    it('leaves neither the shop nor the membership when the second write fails', async () => {
      const handle = emu.db.handle.bind(emu.db);
      // The member insert fails once, after the shop insert has gone through in the transaction.
      const spy = jest.spyOn(emu.db, 'handle').mockImplementation(async (body) => {
        if (body.action === 'database.insertDocument' && body.collectionName === 'members' && body.transactionId) {
          return { requestId: 'fault', code: 'DATABASE_REQUEST_FAILED', message: 'injected failure' };
        }
        return handle(body);
      });
      try {
        const reply = await shop('createShop', { name: '半路失败的店', ownerName: '某人' }, 'test-unlucky-owner');
        expect(reply.error.code).toBe('INTERNAL');
      } finally {
        spy.mockRestore();
      }
      expect(emu.db.find('shops', { ownerOpenId: 'test-unlucky-owner' })).toEqual([]);
      expect(emu.db.find('members', { openid: 'test-unlucky-owner' })).toEqual([]);
    });

    it('lists every shop a person works in with their role there, and none for a buyer', async () => {
      const streamerShops = await shop('myShops', {}, PEOPLE.streamer);
      expect(streamerShops.data.shops).toEqual([{ shop: expect.objectContaining({ id: DEMO_SHOP_ID, name: '老张山货铺' }), role: 'streamer' }]);
      const { data: created } = await shop('createShop', { name: '阿凤的小店', ownerName: '阿凤' }, PEOPLE.streamer);
      const again = await shop('myShops', {}, PEOPLE.streamer);
      expect(again.data.shops.map((entry: { shop: { id: string }; role: string }) => [entry.shop.id, entry.role])).toEqual([
        [DEMO_SHOP_ID, 'streamer'],
        [created.shopId, 'owner'],
      ]);
      expect(JSON.stringify(again)).not.toContain('ownerOpenId');
      expect((await shop('myShops', {}, PEOPLE.stranger)).data).toEqual({ shops: [] });
    });
  });

  describe('settings', () => {
    it('shows the settings to owner and staff with their role, and saves the owner’s edits', async () => {
      const staffView = await shop('getSettings', { shopId: DEMO_SHOP_ID }, PEOPLE.staff);
      expect(staffView.data.role).toBe('staff');
      const settings = { ...editedSettings(), name: '老张山货铺', payment: { ...editedSettings().payment, wechatPay: { enabled: true, subMchId: '1900000109' } }, orders: { payWithinMinutes: 120, autoCompleteDays: 7 } };
      const saved = await shop('updateSettings', { shopId: DEMO_SHOP_ID, settings }, PEOPLE.owner);
      expect(saved.data).toEqual({ settings });
      expect((await shop('getSettings', { shopId: DEMO_SHOP_ID }, PEOPLE.owner)).data).toEqual({ settings, role: 'owner' });
      const [stored] = emu.db.find('shops', { _id: DEMO_SHOP_ID });
      expect(stored).toMatchObject({ ...settings, ownerOpenId: PEOPLE.owner });
      expect(stored.updatedAt).toBeGreaterThanOrEqual(now);
    });

    it('gives a shop saved before order rules existed the default time to pay and to auto-complete', async () => {
      const { orders: _none, ...old } = defaultShopSettings('老店');
      emu.db.insert('shops', { ...old, _id: 'test-old-shop', ownerOpenId: PEOPLE.otherOwner, createdAt: now, updatedAt: now });
      emu.db.insert('members', { _id: memberId('test-old-shop', PEOPLE.otherOwner), shopId: 'test-old-shop', openid: PEOPLE.otherOwner, name: '老店主', role: 'owner', joinedAt: now });
      const reply = await shop('getSettings', { shopId: 'test-old-shop' }, PEOPLE.otherOwner);
      expect(reply.data.settings.orders).toEqual({ payWithinMinutes: 30, autoCompleteDays: 10 });
    });

    const rules: [string, (settings: ShopSettings) => void, string[]][] = [
      ['no way to pay', (s) => (s.payment.offline.enabled = false), ['settings.payment']],
      ['WeChat Pay without a merchant number', (s) => (s.payment.wechatPay = { enabled: true, subMchId: '' }), ['settings.payment.wechatPay.subMchId']],
      [
        'no way to receive the goods',
        (s) => {
          s.fulfilment.express.enabled = false;
          s.fulfilment.pickup.enabled = false;
        },
        ['settings.fulfilment'],
      ],
      ['pickup with no pickup point', (s) => (s.fulfilment.pickup.points = []), ['settings.fulfilment.pickup.points']],
      [
        'two pickup points with one id',
        (s) => s.fulfilment.pickup.points.push({ id: 'town', name: '村口小卖部', address: '龙潭镇村口', hours: '' }),
        ['settings.fulfilment.pickup.points.1.id'],
      ],
    ];

    it.each(rules)('refuses settings with %s, naming the field in Chinese and saving nothing', async (_name, breakIt, paths) => {
      const settings = editedSettings();
      breakIt(settings);
      const before = snapshot();
      const reply = await shop('updateSettings', { shopId: DEMO_SHOP_ID, settings }, PEOPLE.owner);
      expect(reply.error.code).toBe('VALIDATION_FAILED');
      expect(reply.error.fields.map((field: { path: string }) => field.path)).toEqual(paths);
      for (const field of reply.error.fields) expect(field.message).toMatch(CHINESE);
      expect(snapshot()).toEqual(before);
    });
  });

  describe('members and invites', () => {
    it('lets a person join with an invite: the invite is used up and they appear as a member', async () => {
      const created = await shop('createInvite', { shopId: DEMO_SHOP_ID, role: 'streamer', ttlHours: 24 }, PEOPLE.owner);
      const { invite, path } = created.data;
      expect(invite.code).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{12}$/);
      expect(path).toBe(`/packages/seller/join/index?code=${invite.code}`);
      expect(invite.expiresAt - invite.createdAt).toBe(24 * HOUR_MS);
      expect((await shop('listMembers', { shopId: DEMO_SHOP_ID }, PEOPLE.owner)).data.invites).toContainEqual(invite);

      const joined = await shop('acceptInvite', { code: invite.code, name: '小红' }, 'test-joiner');
      expect(joined.data).toEqual({ shopId: DEMO_SHOP_ID, role: 'streamer' });
      expect(emu.db.find('members', { _id: memberId(DEMO_SHOP_ID, 'test-joiner') })).toEqual([
        { _id: memberId(DEMO_SHOP_ID, 'test-joiner'), shopId: DEMO_SHOP_ID, openid: 'test-joiner', name: '小红', role: 'streamer', joinedAt: expect.any(Number) },
      ]);
      expect(emu.db.find('invites', { _id: invite.code })[0]).toMatchObject({ usedBy: 'test-joiner', usedAt: expect.any(Number), revokedAt: null });

      const listed = await shop('listMembers', { shopId: DEMO_SHOP_ID }, PEOPLE.owner);
      expect(listed.data.members).toContainEqual({ openid: 'test-joiner', name: '小红', role: 'streamer', joinedAt: expect.any(Number) });
      expect(listed.data.invites.map((open: { code: string }) => open.code)).not.toContain(invite.code);
      expect(codeOf(await shop('acceptInvite', { code: invite.code, name: '小明' }, 'test-latecomer'))).toBe('INVITE_INVALID');
    });

    it('refuses unknown, expired, revoked and used codes with INVITE_INVALID and adds no one', async () => {
      const codes = [
        'nosuchcode99',
        insertInvite({ expiresAt: now - 1 }),
        insertInvite({ revokedAt: now }),
        insertInvite({ usedBy: PEOPLE.staff, usedAt: now }),
      ];
      const before = snapshot();
      for (const code of codes) {
        expect(await shop('acceptInvite', { code, name: '路人' }, 'test-hopeful')).toEqual({
          ok: false,
          error: { code: 'INVITE_INVALID', message: '邀请已过期或已失效，请让店主重新邀请' },
        });
      }
      expect(snapshot()).toEqual(before);
      const open = (await shop('listMembers', { shopId: DEMO_SHOP_ID }, PEOPLE.owner)).data.invites.map((invite: { code: string }) => invite.code);
      for (const code of codes) expect(open).not.toContain(code);
    });

    it('tells an existing member they already belong and keeps the invite for someone else', async () => {
      const code = insertInvite();
      expect(codeOf(await shop('acceptInvite', { code, name: '阿凤' }, PEOPLE.streamer))).toBe('ALREADY_MEMBER');
      expect(emu.db.find('invites', { _id: code })[0]).toMatchObject({ usedBy: null });
      expect(emu.db.find('members', { _id: memberId(DEMO_SHOP_ID, PEOPLE.streamer) })[0]).toMatchObject({ role: 'streamer', name: '阿凤' });
    });

    it('lets only one of several people racing for one code join', async () => {
      const { data } = await shop('createInvite', { shopId: DEMO_SHOP_ID, role: 'staff' }, PEOPLE.owner);
      const racers = ['test-racer-a', 'test-racer-b', 'test-racer-c'];
      // Hold each racer's first read of the invite until all have read it: every one of them
      // sees the code open, so only the database's conflict check can stop the latecomers.
      const handle = emu.db.handle.bind(emu.db);
      let arrived = 0;
      let allArrived!: () => void;
      const barrier = new Promise<void>((resolve) => (allArrived = resolve));
      const spy = jest.spyOn(emu.db, 'handle').mockImplementation(async (body) => {
        if (body.action === 'database.getDocument' && body.collectionName === 'invites' && arrived < racers.length) {
          if (++arrived === racers.length) allArrived();
          await barrier;
        }
        return handle(body);
      });
      const replies = await Promise.all(racers.map((openid) => shop('acceptInvite', { code: data.invite.code, name: '抢码的人' }, openid))).finally(() =>
        spy.mockRestore(),
      );
      expect(arrived).toBe(racers.length);
      expect(replies.map(codeOf).sort()).toEqual(['INVITE_INVALID', 'INVITE_INVALID', 'ok']);
      const winner = racers[replies.findIndex((reply) => reply.ok)];
      expect(emu.db.find('members', { openid: { $in: racers } }).map((member) => member.openid)).toEqual([winner]);
      expect(emu.db.find('invites', { _id: data.invite.code })[0]).toMatchObject({ usedBy: winner });
    });

    it('revokes an open invite so no one can use it, and refuses to revoke a used one', async () => {
      const { data } = await shop('createInvite', { shopId: DEMO_SHOP_ID, role: 'staff' }, PEOPLE.owner);
      expect(await shop('revokeInvite', { shopId: DEMO_SHOP_ID, code: data.invite.code }, PEOPLE.owner)).toEqual({ ok: true, data: {} });
      expect(emu.db.find('invites', { _id: data.invite.code })[0]).toMatchObject({ revokedAt: expect.any(Number), usedBy: null });
      expect(codeOf(await shop('acceptInvite', { code: data.invite.code, name: '晚来的' }, 'test-too-late'))).toBe('INVITE_INVALID');
      expect((await shop('listMembers', { shopId: DEMO_SHOP_ID }, PEOPLE.owner)).data.invites).not.toContainEqual(data.invite);

      const used = insertInvite({ usedBy: 'someone', usedAt: now });
      const before = snapshot();
      expect(codeOf(await shop('revokeInvite', { shopId: DEMO_SHOP_ID, code: used }, PEOPLE.owner))).toBe('INVITE_INVALID');
      expect(codeOf(await shop('revokeInvite', { shopId: DEMO_SHOP_ID, code: 'nosuchcode99' }, PEOPLE.owner))).toBe('INVITE_INVALID');
      expect(snapshot()).toEqual(before);
    });

    it('removes a member at once: their very next call is refused', async () => {
      const helper = insertMember('staff');
      expect(codeOf(await shop('getSettings', { shopId: DEMO_SHOP_ID }, helper))).toBe('ok');
      expect(await shop('removeMember', { shopId: DEMO_SHOP_ID, openid: helper }, PEOPLE.owner)).toEqual({ ok: true, data: {} });
      expect(emu.db.find('members', { _id: memberId(DEMO_SHOP_ID, helper) })).toEqual([]);
      expect(codeOf(await shop('getSettings', { shopId: DEMO_SHOP_ID }, helper))).toBe('NOT_A_MEMBER');
      expect(codeOf(await shop('removeMember', { shopId: DEMO_SHOP_ID, openid: helper }, PEOPLE.owner))).toBe('NOT_FOUND');
    });

    it('never removes the owner, not even at their own hand', async () => {
      const before = snapshot();
      expect(await shop('removeMember', { shopId: DEMO_SHOP_ID, openid: PEOPLE.owner }, PEOPLE.owner)).toEqual({
        ok: false,
        error: { code: 'CANNOT_REMOVE_OWNER', message: '店主不能被移出小店' },
      });
      expect(snapshot()).toEqual(before);
    });
  });
});
