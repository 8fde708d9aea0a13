// The one place the SDK is initialised: every entry point (the handler factory, a timer, the pay
// callback) calls initCloud before it touches the database or an open API.
import cloud from 'wx-server-sdk';

let ready = false;

/** Points wx-server-sdk at the environment the function runs in; once per instance. */
export function initCloud(): void {
  if (ready) return;
  // The SDK types env as a string, but DYNAMIC_CURRENT_ENV is its symbol for "the env I run in".
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  ready = true;
}
