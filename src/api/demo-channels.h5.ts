// The demo shop's Channels (视频号) account on the local emulator (H5 only): whether it is live,
// and the switch the demo identity chip offers so a newcomer can see the live page's 进入直播间
// banner. The mini-program never has this: there the account's live state is WeChat's.

export interface DemoChannels {
  finderUserName: string;
  live: boolean;
}

/** The demo account and whether it is live now; null when the emulator has none (or is not there). */
export async function fetchDemoChannels(): Promise<DemoChannels | null> {
  try {
    const response = await fetch(`${process.env.TARO_APP_GATEWAY}/api/demo-channels`);
    if (!response.ok) return null;
    const { finderUserName, status } = (await response.json()) as { finderUserName: string; status: number };
    return { finderUserName, live: status === 2 };
  } catch {
    return null;
  }
}

/** Puts the account on air (status 2, a new live) or ends its live (status 3). True when the emulator took it. */
export async function setDemoChannelsLive(finderUserName: string, live: boolean): Promise<boolean> {
  try {
    const response = await fetch(`${process.env.TARO_APP_GATEWAY}/admin/channels`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ finderUserName, status: live ? 2 : 3 }),
    });
    return response.ok;
  } catch {
    return false;
  }
}
