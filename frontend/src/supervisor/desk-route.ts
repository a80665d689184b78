/** The desk's sections, each a tab. */
export const TABS = ['live', 'search', 'transcript', 'reports', 'access'] as const;
export type Tab = (typeof TABS)[number];

export type Route =
  /** No conversation yet: '' (the section says where to open one). */
  | { tab: 'transcript'; conversationId: string }
  | { tab: 'access'; target: string }
  | { tab: Exclude<Tab, 'transcript' | 'access'> };

/** `#transcript=<id>`, `#access=<target>`, `#search`, `#reports`; anything else is the board. */
export function parseRoute(hash: string): Route {
  const [name, value = ''] = hash.replace(/^#/, '').split('=');
  if (name === 'transcript') return { tab: 'transcript', conversationId: value };
  if (name === 'access') return { tab: 'access', target: safeDecode(value) };
  if (name === 'search' || name === 'reports') return { tab: name };
  return { tab: 'live' };
}

export function routeHash(route: Route): string {
  if (route.tab === 'transcript')
    return route.conversationId ? `#transcript=${route.conversationId}` : '#transcript';
  if (route.tab === 'access')
    return route.target ? `#access=${encodeURIComponent(route.target)}` : '#access';
  return `#${route.tab}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
