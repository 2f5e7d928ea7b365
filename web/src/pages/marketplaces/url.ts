export { parseIsoList } from '../../lib/query-string';
export interface UrlStateLike {
  get(key: string): string | null;
}
