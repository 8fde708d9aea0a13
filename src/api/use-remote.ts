import { useCallback, useRef, useState } from 'react';
import type { Reply } from '@core/contracts/define';
import type { ErrorBody } from '@core/errors';

export type Remote<T> = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'done'; data: T };

type Request<T> = () => Promise<Reply<T>>;

/**
 * The state of one remote call for a page: `load` starts a request (a newer one wins over an
 * older one still in flight), `retry` runs the last request again.
 */
export function useRemote<T>() {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  const lastRequest = useRef<Request<T> | null>(null);
  const latestRun = useRef(0);

  const load = useCallback((request: Request<T>) => {
    lastRequest.current = request;
    const run = ++latestRun.current;
    setState({ status: 'loading' });
    void request().then((reply) => {
      if (run !== latestRun.current) return;
      setState(reply.ok ? { status: 'done', data: reply.data } : { status: 'failed', error: reply.error });
    });
  }, []);

  const retry = useCallback(() => {
    if (lastRequest.current) load(lastRequest.current);
  }, [load]);

  return { state, load, retry };
}
