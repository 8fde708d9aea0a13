// Group open data for share attribution. Only WeChat (open-data.weapp.ts) and the local emulator
// (open-data.h5.ts) can tell which group a card was opened from; any other platform has none.

/** The CloudID of the group a card was opened from, or null when there is none. */
export async function groupCloudId(_shareTicket: string | undefined): Promise<string | null> {
  return null;
}
