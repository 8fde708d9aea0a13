/**
 * The codes the cloud answers storage calls with. wx-server-sdk maps them to errCode/status
 * through TCB_ERR_CODE (node_modules/wx-server-sdk/index.js:815): SUCCESS 0, INVALID_PARAM
 * -501007, STORAGE_REQUEST_FAIL -503001, STORAGE_FILE_NONEXIST -503003.
 */
export type StorageCode = 'INVALID_PARAM' | 'STORAGE_FILE_NONEXIST' | 'STORAGE_REQUEST_FAIL' | 'NOT_EMULATED';

/** A client error: becomes a `{code, message}` reply (whole request or one file of a batch). */
export class StorageError extends Error {
  constructor(
    readonly code: StorageCode,
    message: string,
  ) {
    super(message);
  }
}
