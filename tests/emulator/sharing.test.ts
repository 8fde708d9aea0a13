/**
 * Simulated group shares: share tickets, wx.getShareInfo's CloudID, and the platform's swap of
 * CloudIDs in callFunction data (emulator/sharing).
 */
import {
  CLOUD_ID_TTL_MS,
  ShareTickets,
  cloudIdMarker,
  isCloudIdMarker,
  openGIdFor,
} from '../../emulator/sharing';
import { DEMO_APPID } from '../../emulator/identities';

const T0 = 1_760_000_000_000;
const VIEWER = 'demo-buyer-wangayi';

/** A ShareTickets with a hand-driven clock. */
function setup(opts: { ttlMs?: number } = {}) {
  let now = T0;
  const tickets = new ShareTickets({ now: () => now, ...opts });
  return { tickets, advance: (ms: number) => (now += ms) };
}

/** A CloudID for a fresh share into `group`, as the viewer's wx.getShareInfo would return it. */
function cloudIdFor(tickets: ShareTickets, group: string, viewer = VIEWER): string {
  const info = tickets.shareInfo(tickets.issue(group).shareTicket, viewer);
  if (!info) throw new Error('expected share info');
  return info.cloudID;
}

describe('issuing share tickets', () => {
  it('gives each share its own ticket and the group a stable openGId shaped like WeChat’s', () => {
    const { tickets } = setup();
    const first = tickets.issue('酉阳老乡群');
    const second = tickets.issue('酉阳老乡群');
    expect(first.shareTicket).not.toBe(second.shareTicket);
    expect(first.openGId).toBe(second.openGId);
    expect(first.openGId).toMatch(/^tG[\w-]{26}$/);
  });

  it('keeps openGIds stable across emulator restarts and distinct between groups', () => {
    const before = setup().tickets.issue('酉阳老乡群').openGId;
    const after = setup().tickets.issue('酉阳老乡群').openGId;
    expect(after).toBe(before);
    expect(before).toBe(openGIdFor('酉阳老乡群', DEMO_APPID));
    expect(setup().tickets.issue('黑龙江漠河群').openGId).not.toBe(before);
  });

  it('gives the same group a different openGId in another app, as openGIds are per app', () => {
    const other = new ShareTickets({ appid: 'wx-other-app' });
    expect(other.issue('酉阳老乡群').openGId).not.toBe(openGIdFor('酉阳老乡群'));
  });

  it('refuses an empty group name', () => {
    expect(() => setup().tickets.issue('  ')).toThrow(TypeError);
  });
});

describe('looking a ticket up (wx.getShareInfo)', () => {
  it('returns a fresh CloudID on every lookup, with getShareInfo:ok', () => {
    const { tickets } = setup();
    const { shareTicket } = tickets.issue('酉阳老乡群');
    const a = tickets.shareInfo(shareTicket, VIEWER);
    const b = tickets.shareInfo(shareTicket, 'demo-buyer-xiaoli');
    expect(a).toEqual({ cloudID: expect.any(String), errMsg: 'getShareInfo:ok' });
    expect(b?.cloudID).not.toBe(a?.cloudID);
  });

  it('returns null for an unknown ticket', () => {
    expect(setup().tickets.shareInfo('no-such-ticket', VIEWER)).toBeNull();
  });

  it('returns null without a viewer, since only a WeChat user can read a ticket', () => {
    const { tickets } = setup();
    expect(tickets.shareInfo(tickets.issue('酉阳老乡群').shareTicket, undefined)).toBeNull();
  });

  it('returns null once the ticket has outlived its ttl, and not a moment before', () => {
    const { tickets, advance } = setup({ ttlMs: 60_000 });
    const { shareTicket } = tickets.issue('酉阳老乡群');
    advance(59_999);
    expect(tickets.shareInfo(shareTicket, VIEWER)).not.toBeNull();
    advance(1);
    expect(tickets.shareInfo(shareTicket, VIEWER)).toBeNull();
  });
});

describe('replacing CloudIDs in callFunction data', () => {
  it('replaces a top-level CloudID with {cloudID, data: {openGId, watermark}} for the viewer it was issued to', () => {
    const { tickets } = setup();
    const { shareTicket, openGId } = tickets.issue('酉阳老乡群');
    const { cloudID } = tickets.shareInfo(shareTicket, VIEWER)!;
    const event = tickets.resolveCloudIds({ action: 'campaign.join', share: cloudIdMarker(cloudID), qty: 2 }, VIEWER);
    expect(event).toEqual({
      action: 'campaign.join',
      share: { cloudID, data: { openGId, watermark: { appid: DEMO_APPID, timestamp: T0 / 1000 } } },
      qty: 2,
    });
  });

  it('leaves a CloudID nested below the top level as its plain string, as the platform documents', () => {
    const { tickets } = setup();
    const cloudID = cloudIdFor(tickets, '酉阳老乡群');
    const event = tickets.resolveCloudIds({ input: { share: cloudIdMarker(cloudID), refs: [cloudIdMarker(cloudID)] } }, VIEWER);
    expect(event).toEqual({ input: { share: cloudID, refs: [cloudID] } });
  });

  it('replaces at most five CloudIDs per call; later ones arrive as strings', () => {
    const { tickets } = setup();
    const ids = Array.from({ length: 6 }, (_, i) => cloudIdFor(tickets, `群${i}`));
    const data = Object.fromEntries(ids.map((id, i) => [`g${i}`, cloudIdMarker(id)]));
    const event = tickets.resolveCloudIds(data, VIEWER) as Record<string, unknown>;
    expect(Object.values(event).filter((v) => typeof v === 'object')).toHaveLength(5);
    expect(event.g5).toBe(ids[5]);
  });

  it('answers an unknown CloudID with errCode -601005 and the original id', () => {
    const event = setup().tickets.resolveCloudIds({ share: cloudIdMarker('cid_forged') }, VIEWER);
    expect(event).toEqual({ share: { cloudID: 'cid_forged', errCode: -601005, errMsg: 'invalid cloudID.' } });
  });

  it('answers a CloudID older than five minutes with errCode -601006', () => {
    const { tickets, advance } = setup();
    const cloudID = cloudIdFor(tickets, '酉阳老乡群');
    advance(CLOUD_ID_TTL_MS - 1);
    expect(tickets.resolveCloudIds({ share: cloudIdMarker(cloudID) }, VIEWER)).toMatchObject({ share: { data: expect.any(Object) } });
    advance(1);
    expect(tickets.resolveCloudIds({ share: cloudIdMarker(cloudID) }, VIEWER)).toEqual({
      share: { cloudID, errCode: -601006, errMsg: 'cloudID expired.' },
    });
  });

  it('answers a CloudID sent by another user, or by nobody, with errCode -601007', () => {
    const { tickets } = setup();
    const cloudID = cloudIdFor(tickets, '酉阳老乡群');
    const mismatch = { share: { cloudID, errCode: -601007, errMsg: 'cloudID and calling user does not match.' } };
    expect(tickets.resolveCloudIds({ share: cloudIdMarker(cloudID) }, 'demo-buyer-xiaoli')).toEqual(mismatch);
    expect(tickets.resolveCloudIds({ share: cloudIdMarker(cloudID) })).toEqual(mismatch);
  });

  it('keeps resolving a CloudID after its share ticket expired, since the CloudID has its own lifetime', () => {
    const { tickets, advance } = setup({ ttlMs: 1_000 });
    const cloudID = cloudIdFor(tickets, '酉阳老乡群');
    advance(2_000);
    tickets.issue('another group'); // sweeps expired tickets
    expect(tickets.resolveCloudIds({ share: cloudIdMarker(cloudID) }, VIEWER)).toMatchObject({ share: { data: expect.any(Object) } });
  });

  it('leaves the input untouched and returns data without markers unchanged', () => {
    const { tickets } = setup();
    const cloudID = cloudIdFor(tickets, '酉阳老乡群');
    const data = { share: cloudIdMarker(cloudID), nested: { share: cloudIdMarker(cloudID) } };
    const copy = JSON.parse(JSON.stringify(data));
    tickets.resolveCloudIds(data, VIEWER);
    expect(data).toEqual(copy);
    const plain = { a: 1, b: [null, 'x', { c: true }] };
    expect(tickets.resolveCloudIds(plain, VIEWER)).toEqual(plain);
    expect(tickets.resolveCloudIds('just text', VIEWER)).toBe('just text');
    expect(tickets.resolveCloudIds([cloudIdMarker(cloudID)], VIEWER)).toEqual([cloudID]);
  });

  it('treats only an object with exactly the $cloudID string key as a CloudID', () => {
    expect(isCloudIdMarker({ $cloudID: 'x' })).toBe(true);
    expect(isCloudIdMarker({ $cloudID: 'x', note: 'y' })).toBe(false);
    expect(isCloudIdMarker({ $cloudID: 1 })).toBe(false);
    expect(isCloudIdMarker(['x'])).toBe(false);
    const { tickets } = setup();
    expect(tickets.resolveCloudIds({ look: { $cloudID: 'x', note: 'y' } }, VIEWER)).toEqual({ look: { $cloudID: 'x', note: 'y' } });
  });

  it('survives the JSON round trip the gateway puts data through', () => {
    const { tickets } = setup();
    const cloudID = cloudIdFor(tickets, '酉阳老乡群');
    const overTheWire = JSON.parse(JSON.stringify({ share: cloudIdMarker(cloudID) }));
    expect(tickets.resolveCloudIds(overTheWire, VIEWER)).toMatchObject({ share: { cloudID, data: { openGId: openGIdFor('酉阳老乡群') } } });
  });
});

describe('decoding a CloudID for a function (cloud.getOpenData)', () => {
  it('answers what the swap answers: the group for the viewer it was issued to, within five minutes only', () => {
    const { tickets, advance } = setup();
    const { shareTicket, openGId } = tickets.issue('酉阳老乡群');
    const { cloudID } = tickets.shareInfo(shareTicket, VIEWER)!;
    expect(tickets.openData(cloudID, VIEWER)).toEqual({ cloudID, data: { openGId, watermark: { appid: DEMO_APPID, timestamp: T0 / 1000 } } });
    expect(tickets.openData(cloudID, 'demo-buyer-xiaoli')).toEqual({ cloudID, errCode: -601007, errMsg: 'cloudID and calling user does not match.' });
    advance(CLOUD_ID_TTL_MS);
    expect(tickets.openData(cloudID, VIEWER)).toEqual({ cloudID, errCode: -601006, errMsg: 'cloudID expired.' });
  });
});
