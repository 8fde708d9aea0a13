// The environment variables that point the unmodified wx-server-sdk at the emulator
// (README, "The emulator"; each variable's reason below): no code in a function knows it is running locally.
export const LOCAL_ENV_ID = 'cactus-local';

export function sdkEnv(adminUrl: string, envId: string = LOCAL_ENV_ID): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TCB_ENV: envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV',
    // Without credentials the SDK crashes on an unhandled rejection; the emulator ignores them.
    TENCENTCLOUD_SECRETID: 'local-emulator',
    TENCENTCLOUD_SECRETKEY: 'local-emulator',
    // Else every call first probes a metadata host (~29 ms instead of ~2 ms).
    TENCENTCLOUD: 'true',
  };
}
