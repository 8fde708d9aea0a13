// A browser has no WeChat privacy agreement or permission settings: the gate never asks.
export const AGREE_BUTTON_ID = 'privacy-agree';

export type PlatformAnswer = (agreed: boolean) => void;

export async function needsAgreement(): Promise<boolean> {
  return false;
}

export function onPlatformAsk(_ask: (answer: PlatformAnswer, referrer: string) => void): void {}

export function openContract(): void {}

export async function openSettings(_scope: string): Promise<boolean> {
  return false;
}
