// One cloud-function instance. Plain JavaScript because it runs in a worker thread as it is.
// It loads the bundled function once (a warm instance) and serves one invocation at a time,
// with the caller's WX_* identity in its own process.env, as the real platform does.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

let fn;
let contextKeys = [];

parentPort.on('message', async (message) => {
  const { id, eventJson, wxContext } = message;
  try {
    fn = fn || require(workerData.entry);
    const event = JSON.parse(eventJson);
    for (const key of contextKeys) delete process.env[key];
    contextKeys = Object.keys(wxContext).map((key) => `WX_${key}`);
    for (const key of Object.keys(wxContext)) process.env[`WX_${key}`] = String(wxContext[key]);
    process.env.WX_CONTEXT_KEYS = contextKeys.join(',');
    const result = await fn.main(event, { function_name: workerData.name, request_id: id });
    // The platform serialises return values as JSON; so do we, so no live object leaks.
    parentPort.postMessage({ id, ok: true, json: result === undefined ? 'null' : JSON.stringify(result) });
  } catch (err) {
    const text = err && err.stack ? err.stack : String(err);
    parentPort.postMessage({ id, ok: false, message: text });
  }
});
