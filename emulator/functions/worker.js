// One cloud-function instance. Plain JavaScript because it runs in a worker thread as it is.
// It loads the bundled function once (a warm instance) and serves one invocation at a time,
// with the caller's WX_* identity in its own process.env, as the real platform does; what
// triggered the run goes in TCB_SOURCE, which getWXContext() reads its SOURCE from.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

let fn;
let contextKeys = [];

// A cold start: load the function before the pool hands this instance any call, and say so. The
// platform does not count this against a call's timeout, and no call waits on it while a warm
// instance is free. A function that fails to load fails each call with its error, as before.
try {
  fn = require(workerData.entry);
} catch {
  // Reported by the first call, which requires it again.
}
parentPort.postMessage({ ready: true });

parentPort.on('message', async (message) => {
  const { id, eventJson, wxContext } = message;
  try {
    fn = fn || require(workerData.entry);
    const event = JSON.parse(eventJson);
    const { SOURCE, ...identity } = wxContext;
    for (const key of contextKeys) delete process.env[key];
    // The platform always lists its API token (a timer's own one) among the context keys.
    // getWXContext() leaves the token out, but with an empty list it answers nothing, not even SOURCE.
    const tokenKey = SOURCE === 'wx_trigger' ? 'WX_TRIGGER_API_TOKEN_V0' : 'WX_API_TOKEN';
    contextKeys = [...Object.keys(identity).map((key) => `WX_${key}`), tokenKey];
    for (const key of Object.keys(identity)) process.env[`WX_${key}`] = String(identity[key]);
    process.env[tokenKey] = 'local-emulator';
    process.env.WX_CONTEXT_KEYS = contextKeys.join(',');
    if (SOURCE) process.env.TCB_SOURCE = SOURCE;
    else delete process.env.TCB_SOURCE;
    const result = await fn.main(event, { function_name: workerData.name, request_id: id });
    // The platform serialises return values as JSON; so do we, so no live object leaks.
    parentPort.postMessage({ id, ok: true, json: result === undefined ? 'null' : JSON.stringify(result) });
  } catch (err) {
    const text = err && err.stack ? err.stack : String(err);
    parentPort.postMessage({ id, ok: false, message: text });
  }
});
