// The page shown, kept in the URL's hash (#/lanes, #/passages, #/playback, #/settings, the
// ledgers' #/vehicles …) so a reload stays on it. Works the same from file:// in Electron and
// over HTTP.
import { useEffect, useState } from 'react';
import { LEDGER_ROUTES } from '../ledger/ledger-routes.ts';

export const ROUTES = [
  'lanes', 'passages', 'alerts', 'sync', 'settings', 'playback', 'windowCheck',
  ...LEDGER_ROUTES,
] as const;
export type Route = (typeof ROUTES)[number];

function routeOf(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'lanes';
}

export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => routeOf(location.hash));

  useEffect(() => {
    const onChange = () => setRoute(routeOf(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const navigate = (next: Route) => {
    location.hash = `#/${next}`;
    setRoute(next);
  };
  return [route, navigate];
}
