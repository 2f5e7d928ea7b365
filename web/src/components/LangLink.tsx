import { Link, NavLink, useLocation, type LinkProps, type NavLinkProps } from 'react-router';
import { withLang } from '../lib/url-state';

/** A router link that keeps `?lang=`. `to` is a string path with an optional query. */
export function LangLink({ to, ...rest }: Omit<LinkProps, 'to'> & { to: string }) {
  const { search } = useLocation();
  return <Link to={withLang(to, search)} {...rest} />;
}

export function LangNavLink({ to, ...rest }: Omit<NavLinkProps, 'to'> & { to: string }) {
  const { search } = useLocation();
  return <NavLink to={withLang(to, search)} {...rest} />;
}
