// The site navigation as data: a module adds its page by adding an entry here (and a route in
// routes.tsx). `key` is the i18n key of the label.
export interface NavItem {
  to: string;
  key: string;
  testid: string;
  /** Match only the exact path (for "/"). */
  end?: boolean;
}

export const navItems: NavItem[] = [
  { to: '/', key: 'nav.home', testid: 'nav-home', end: true },
  { to: '/countries', key: 'nav.countries', testid: 'nav-countries' },
  { to: '/indicators', key: 'nav.indicators', testid: 'nav-indicators' },
  { to: '/readiness', key: 'nav.readiness', testid: 'nav-readiness' },
  { to: '/marketplaces', key: 'nav.marketplaces', testid: 'nav-marketplaces' },
  { to: '/regulation', key: 'nav.regulation', testid: 'nav-regulation' },
  { to: '/facilitation', key: 'facilitation.nav', testid: 'nav-facilitation' },
  { to: '/support', key: 'support.nav', testid: 'nav-support' },
  { to: '/directory', key: 'directory.nav', testid: 'nav-directory' },
  { to: '/processes', key: 'processes.nav', testid: 'nav-processes' },
  { to: '/assistant', key: 'assistant.nav', testid: 'nav-assistant' },
  { to: '/tariffs', key: 'tariffs.nav', testid: 'nav-tariffs' },
];
