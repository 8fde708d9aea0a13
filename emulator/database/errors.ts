/**
 * Error codes the CloudBase database answers with. The SDK only inspects `code`:
 * @cloudbase/node-sdk throws a TcbError for any reply that carries one, wx-server-sdk maps the
 * string to a numeric errCode (TCB_ERR_CODE), and `runTransaction` retries only on
 * DATABASE_TRANSACTION_CONFLICT. Messages follow the cloud's "[Reason] text" style.
 */
export const ErrorCode = {
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  INVALID_PARAM: 'INVALID_PARAM',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A client error: becomes the `{code, message}` reply instead of a thrown exception. */
export class DatabaseError extends Error {
  constructor(
    readonly code: ErrorCodeValue,
    message: string,
  ) {
    super(message);
  }
}

export const collectionNotExist = (name: string): DatabaseError =>
  new DatabaseError(
    ErrorCode.COLLECTION_NOT_EXIST,
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem cannot be solved, contact us.`,
  );

export const transactionConflict = (): DatabaseError =>
  new DatabaseError(
    ErrorCode.TRANSACTION_CONFLICT,
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem cannot be solved, contact us.',
  );

export const requestFailed = (message: string): DatabaseError =>
  new DatabaseError(ErrorCode.REQUEST_FAILED, message);

export const invalidParam = (message: string): DatabaseError =>
  new DatabaseError(ErrorCode.INVALID_PARAM, message);
