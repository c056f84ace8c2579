import { useSearchParams } from 'react-router-dom';
import { usePlaceRoots } from './places.queries.js';

/**
 * The place a console list is about, kept in the address (?scope=) so a view can be shared or
 * reloaded; it defaults to the caller's first scope root.
 */
export function useScope() {
  const roots = usePlaceRoots();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('scope');
  const scopeId = chosen ?? roots.data?.[0]?.id ?? null;
  const setScope = (id: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('scope', id);
        return next;
      },
      { replace: true },
    );
  return { roots, scopeId, setScope };
}
