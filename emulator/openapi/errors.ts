/** A WeChat-level API error: travels to the function as JSON `{errcode, errmsg}` in respData. */
export class WxApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
  }
}

/** WeChat's generic "invalid args" code, used where the real per-field code is not documented. */
export const INVALID_ARGS = 40097;
/** wx-server-sdk ERR_CODE.WX_FUNCTIONS_SERVER_OPENAPI_NOT_FOUND ("API not found"). */
export const API_NOT_FOUND = -604100;
