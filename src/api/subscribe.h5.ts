// Browsers cannot subscribe to WeChat messages; the emulator's outbox shows what would be sent.
export async function askForOrderNotices(): Promise<void> {}

export async function askForPickupNotices(): Promise<void> {}

export async function askForGroupNotices(): Promise<void> {}

export async function askForRefundNotice(): Promise<void> {}
