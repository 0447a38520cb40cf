import { useSyncExternalStore } from 'react';

export const ROUTES = ['atlas', 'chains', 'criticality', 'controls', 'scenarios', 'tracker', 'review'] as const;
export type Route = (typeof ROUTES)[number];

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

/** The page named by the path (`/` is the atlas); null for an unknown path. */
function routeOf(pathname: string): Route | null {
  const first = pathname.split('/').filter(Boolean)[0] ?? 'atlas';
  return (ROUTES as readonly string[]).includes(first) ? (first as Route) : null;
}

/** The current page, following history navigation. */
export function useRoute(): Route | null {
  return useSyncExternalStore(subscribe, () => routeOf(window.location.pathname));
}

/** Moves to a page without reloading. */
export function navigate(route: Route): void {
  window.history.pushState(null, '', `/${route}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
