// Demo identities of the local emulator (H5 only): who the gateway should treat as the caller.
// The mini-program never has this: there the openid comes from WeChat.

export interface DemoIdentity {
  openid: string;
  name: string;
  role: string;
}

const STORAGE_KEY = 'cactus.demoOpenId';

/** The chosen demo openid, or null for a visitor who has not signed in. */
export function currentOpenId(): string | null {
  return window.localStorage.getItem(STORAGE_KEY);
}

export function rememberOpenId(openid: string | null): void {
  if (openid) window.localStorage.setItem(STORAGE_KEY, openid);
  else window.localStorage.removeItem(STORAGE_KEY);
}

export async function fetchDemoIdentities(): Promise<DemoIdentity[]> {
  const response = await fetch(`${process.env.TARO_APP_GATEWAY}/api/demo-identities`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as DemoIdentity[];
}
