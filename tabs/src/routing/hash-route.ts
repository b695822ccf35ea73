import { useSyncExternalStore } from 'react';

/**
 * The tab's routes live in the URL hash (/tab/#/team/<teamId>/<view>): the service serves one static index.html
 * under /tab/, Teams keeps the hash of a tab's content URL, and a deep link survives a reload without server routes.
 */
export const VIEW_KEYS = ['overview', 'safety', 'dynamics', 'hazards', 'meetings', 'actions', 'org'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

export type Route = { page: 'teams' } | { page: 'team'; teamId: string; view: ViewKey } | { page: 'config' };

export function isViewKey(value: string | undefined): value is ViewKey {
  return typeof value === 'string' && (VIEW_KEYS as readonly string[]).includes(value);
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'config') return { page: 'config' };
  if (parts[0] === 'team' && parts[1]) {
    let teamId: string;
    try {
      teamId = decodeURIComponent(parts[1]);
    } catch {
      return { page: 'teams' };
    }
    return { page: 'team', teamId, view: isViewKey(parts[2]) ? parts[2] : 'overview' };
  }
  return { page: 'teams' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'teams':
      return '#/';
    case 'config':
      return '#/config';
    case 'team':
      return `#/team/${encodeURIComponent(route.teamId)}${route.view === 'overview' ? '' : `/${route.view}`}`;
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const getHash = (): string => window.location.hash;

/** The current route; re-renders on every hash change (links, back/forward, `navigate`). */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, getHash, () => ''));
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (options.replace) {
    window.history.replaceState(window.history.state, '', href);
    // replaceState fires no hashchange: tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}
