/**
 * Group share tickets and CloudIDs, simulated for the H5 app.
 *
 * On WeChat: a user opens the mini-program from a card in a group (scene 1044) and gets a
 * `shareTicket`; `wx.getShareInfo({shareTicket})` gives `{encryptedData, iv, cloudID}`; the app
 * passes `wx.cloud.CloudID(cloudID)` as a top-level field of callFunction data, and the platform
 * swaps it for `{cloudID, data: {openGId, watermark}}` before the function runs. Here the
 * emulator plays the platform: `issue` stands in for "shared into a group", `shareInfo` for
 * wx.getShareInfo, `resolveCloudIds` for the swap the gateway does, and `openData` for what
 * cloud.getOpenData({list: [cloudID]}) answers a function (through /admin, emulator/openapi).
 *
 * Documented rules kept: only top-level fields are replaced, at most 5 per call; a CloudID
 * anywhere else arrives as its plain string; a CloudID lives 5 minutes; a bad one arrives as
 * `{cloudID, errCode, errMsg}` (-601005 invalid, -601006 expired, -601007 another user's).
 *
 * State is in memory only: tickets and CloudIDs are lost when the emulator restarts. openGIds are
 * derived from the group name, so they survive restarts.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DEMO_APPID } from '../identities';

/**
 * How a CloudID travels in the gateway's JSON: `{"$cloudID": "<id>"}`. The real client's
 * encoding is private to WeChat, and on weapp the real platform does the swap; this marker is
 * what the H5 app sends in place of `wx.cloud.CloudID(id)`.
 */
export const CLOUD_ID_MARKER_KEY = '$cloudID';
export type CloudIdMarker = { [CLOUD_ID_MARKER_KEY]: string };

/** The documented lifetime of a CloudID. */
export const CLOUD_ID_TTL_MS = 5 * 60 * 1000;
/** Not documented for share tickets; long enough that a demo session never meets it. */
export const SHARE_TICKET_TTL_MS = 2 * 60 * 60 * 1000;
/** "一次调用最多可替换 5 个 cloudID". */
export const MAX_CLOUD_IDS_PER_CALL = 5;
/** Expired CloudIDs are remembered this long so they answer "expired" rather than "invalid". */
const EXPIRED_MEMORY_MS = 24 * 60 * 60 * 1000;

/** wx-server-sdk's codes (ERR_CODE.WX_INVALID_CLOUDID and neighbours); messages as WeChat writes them. */
export const CLOUD_ID_ERRORS = {
  invalid: { errCode: -601005, errMsg: 'invalid cloudID.' },
  expired: { errCode: -601006, errMsg: 'cloudID expired.' },
  otherUser: { errCode: -601007, errMsg: 'cloudID and calling user does not match.' },
} as const;

/** What a function receives for a good CloudID from a group share. */
export interface ResolvedShareInfo {
  cloudID: string;
  data: { openGId: string; watermark: { appid: string; timestamp: number } };
}

export interface CloudIdError {
  cloudID: string;
  errCode: number;
  errMsg: string;
}

export function cloudIdMarker(cloudID: string): CloudIdMarker {
  return { [CLOUD_ID_MARKER_KEY]: cloudID };
}

/** Exactly `{"$cloudID": string}`: any other key means ordinary data that happens to share the name. */
export function isCloudIdMarker(value: unknown): value is CloudIdMarker {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === CLOUD_ID_MARKER_KEY && typeof (value as CloudIdMarker)[CLOUD_ID_MARKER_KEY] === 'string';
}

/** A stable openGId per app and group name, shaped like WeChat's (28 characters starting "tG"). */
export function openGIdFor(groupName: string, appid: string = DEMO_APPID): string {
  return 'tG' + createHash('sha256').update(`cactus-group\n${appid}\n${groupName}`).digest('base64url').slice(0, 26);
}

interface Ticket {
  openGId: string;
  expiresAt: number;
}

interface IssuedCloudId {
  openGId: string;
  viewer: string;
  issuedAt: number;
  expiresAt: number;
}

export class ShareTickets {
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly cloudIdTtlMs: number;
  private readonly appid: string;
  private readonly tickets = new Map<string, Ticket>();
  private readonly cloudIds = new Map<string, IssuedCloudId>();

  /** @param opts.ttlMs share-ticket lifetime; opts.cloudIdTtlMs CloudID lifetime (5 minutes, as documented). */
  constructor(opts: { now?: () => number; ttlMs?: number; cloudIdTtlMs?: number; appid?: string } = {}) {
    this.now = opts.now ?? Date.now;
    this.ttlMs = opts.ttlMs ?? SHARE_TICKET_TTL_MS;
    this.cloudIdTtlMs = opts.cloudIdTtlMs ?? CLOUD_ID_TTL_MS;
    this.appid = opts.appid ?? DEMO_APPID;
  }

  /** Simulates "a user shared a card into a group": a new ticket for that group. Throws on an empty name. */
  issue(groupName: string): { shareTicket: string; openGId: string } {
    if (typeof groupName !== 'string' || groupName.trim() === '') throw new TypeError('groupName must be a non-empty string');
    this.sweep();
    const shareTicket = randomUUID();
    const openGId = openGIdFor(groupName.trim(), this.appid);
    this.tickets.set(shareTicket, { openGId, expiresAt: this.now() + this.ttlMs });
    return { shareTicket, openGId };
  }

  /**
   * What wx.getShareInfo gives the viewer: a fresh CloudID on every call, bound to that viewer.
   * Null for an unknown or expired ticket, and without a viewer (there is always a WeChat user).
   */
  shareInfo(shareTicket: string, viewerOpenId: string | undefined): { cloudID: string; errMsg: string } | null {
    this.sweep();
    const ticket = this.tickets.get(shareTicket);
    if (!ticket || !viewerOpenId) return null;
    const cloudID = `cid_${randomBytes(33).toString('base64url')}`;
    const issuedAt = this.now();
    this.cloudIds.set(cloudID, { openGId: ticket.openGId, viewer: viewerOpenId, issuedAt, expiresAt: issuedAt + this.cloudIdTtlMs });
    return { cloudID, errMsg: 'getShareInfo:ok' };
  }

  /**
   * The platform's swap, applied to callFunction data on its way to the function: each top-level
   * CloudID marker (up to 5) becomes a ResolvedShareInfo or a CloudIdError; every other marker
   * becomes its plain CloudID string. Returns a copy; the input is left as it was.
   * @param callerOpenId the calling user; a CloudID only resolves for the user it was issued to.
   */
  resolveCloudIds(data: unknown, callerOpenId?: string): unknown {
    if (!isPlainObject(data)) return flattenMarkers(data);
    let replaced = 0;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      if (isCloudIdMarker(value) && replaced < MAX_CLOUD_IDS_PER_CALL) {
        replaced += 1;
        out[key] = this.openData(value[CLOUD_ID_MARKER_KEY], callerOpenId);
      } else {
        out[key] = flattenMarkers(value);
      }
    }
    return out;
  }

  /**
   * What a CloudID stands for when this user presents it: the swap above, and what
   * cloud.getOpenData answers a function serving that user (it sends the CloudID alone; the
   * platform knows whose invocation it is).
   */
  openData(cloudID: string, callerOpenId: string | undefined): ResolvedShareInfo | CloudIdError {
    const issued = this.cloudIds.get(cloudID);
    if (!issued) return { cloudID, ...CLOUD_ID_ERRORS.invalid };
    if (this.now() >= issued.expiresAt) return { cloudID, ...CLOUD_ID_ERRORS.expired };
    if (issued.viewer !== callerOpenId) return { cloudID, ...CLOUD_ID_ERRORS.otherUser };
    return {
      cloudID,
      data: { openGId: issued.openGId, watermark: { appid: this.appid, timestamp: Math.floor(issued.issuedAt / 1000) } },
    };
  }

  /** Drops expired tickets, and CloudIDs long expired, so memory stays bounded in a long session. */
  private sweep(): void {
    const now = this.now();
    for (const [key, ticket] of this.tickets) if (now >= ticket.expiresAt) this.tickets.delete(key);
    for (const [key, issued] of this.cloudIds) if (now >= issued.expiresAt + EXPIRED_MEMORY_MS) this.cloudIds.delete(key);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of JSON data with every CloudID marker replaced by its string. */
function flattenMarkers(value: unknown): unknown {
  if (isCloudIdMarker(value)) return value[CLOUD_ID_MARKER_KEY];
  if (Array.isArray(value)) return value.map(flattenMarkers);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flattenMarkers(v)]));
  return value;
}
