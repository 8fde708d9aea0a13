import { useCallback, useRef, useState } from 'react';
import type { Reply } from '@core/contracts/define';
import type { ErrorBody } from '@core/errors';

export type Remote<T> = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'done'; data: T };

type Request<T> = () => Promise<Reply<T>>;

export interface LoadOptions {
  /** Keep showing what is there while the request runs (a refresh after an action), instead of loading. */
  quiet?: boolean;
}

/**
 * The state of one remote call for a page: `load` starts a request (a newer one wins over an
 * older one still in flight) and resolves with its reply; `retry` runs the last request again,
 * `reload` too but quietly; `update` changes what was loaded, for edits made on the page.
 * Render the loading and failed states with <RemoteStatus> (components/status).
 */
export function useRemote<T>() {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  const lastRequest = useRef<Request<T> | null>(null);
  const latestRun = useRef(0);

  const load = useCallback(async (request: Request<T>, { quiet = false }: LoadOptions = {}): Promise<Reply<T>> => {
    lastRequest.current = request;
    const run = ++latestRun.current;
    if (!quiet) setState({ status: 'loading' });
    const reply = await request();
    if (run === latestRun.current) setState(reply.ok ? { status: 'done', data: reply.data } : { status: 'failed', error: reply.error });
    return reply;
  }, []);

  const retry = useCallback(() => {
    if (lastRequest.current) void load(lastRequest.current);
  }, [load]);

  const reload = useCallback(async (): Promise<Reply<T> | null> => (lastRequest.current ? load(lastRequest.current, { quiet: true }) : null), [load]);

  const update = useCallback((change: (data: T) => T) => {
    setState((current) => (current.status === 'done' ? { status: 'done', data: change(current.data) } : current));
  }, []);

  return { state, load, retry, reload, update };
}
