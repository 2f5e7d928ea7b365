// Which methodology pages exist (docs/methodology/modules.json) and which one explains a page.
// Kept apart from methodology.ts so the source line and the page tools do not load the Markdown
// renderer.
import index from '../../../docs/methodology/modules.json';

export const METHODOLOGY_MODULES: readonly string[] = index.modules;

export function isMethodologyModule(id: string | undefined): id is string {
  return !!id && METHODOLOGY_MODULES.includes(id);
}

/**
 * Which module's methodology explains the page at `pathname` (for the source line under its
 * charts): its first path segment, or a more specific page's own module.
 */
export function methodologyForPath(pathname: string): string | null {
  // A chart-only route (/embed/<page>...) is explained by its page's module.
  if (pathname.startsWith('/embed/')) return methodologyForPath(pathname.slice('/embed'.length));
  if (pathname.startsWith('/regulation/digital-stri')) return 'digital-stri';
  if (pathname.startsWith('/methodology') || pathname.startsWith('/workshop')) return null;
  const segment = pathname.split('/')[1] ?? '';
  const alias: Record<string, string> = { 'my-economies': 'verification', review: 'verification' };
  const module = alias[segment] ?? segment;
  return isMethodologyModule(module) ? module : null;
}
