import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from './api-client';

export type Resource<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly error: ApiError };

/**
 * Loads `load` once per `load` identity and on every `reload()`. The answer of a superseded or unmounted load is
 * dropped (its AbortSignal fires), so a slow first attempt can never overwrite a later retry.
 * Pass a stable `load` (useCallback), or it loads on every render.
 *
 * `initial` is what the first render shows: an answer already in (see `Preload`) instead of loading. The first load
 * still runs; when it hands back that very answer (the preloaded request, taken over) nothing renders again.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  initial?: Resource<T>,
): Resource<T> & { reload(): void } {
  const [state, setState] = useState<Resource<T>>(initial ?? { status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted)
          setState((current) =>
            current.status === 'ready' && Object.is(current.data, data) ? current : { status: 'ready', data },
          );
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { ...state, reload };
}
