import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, matchRoutes, Route, Routes } from 'react-router';
import { config as zodConfig } from 'zod';
import { countriesRequest, prefetchApi } from './api';
import { Layout } from './components/Layout';
import { initI18n } from './i18n';
import { readStoredLang, resolveLang } from './lib/languages';
import { routes } from './routes';
import './styles.css';

// The forms check their input with the server's own zod schemas. zod's fast path compiles parsers
// with `new Function`, which the Content-Security-Policy (script-src 'self', no 'unsafe-eval')
// forbids: even zod's probe for it is reported as a violation. The forms use the plain path.
zodConfig({ jitless: true });

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5 * 60_000,
      gcTime: 30 * 60_000,
      retry: (count, err) => count < 2 && (err as { status?: number }).status !== 404 && (err as { status?: number }).status !== 400,
      refetchOnWindowFocus: false,
    },
  },
});

async function start() {
  const lang = resolveLang({
    search: window.location.search,
    stored: readStoredLang(),
    browser: navigator.languages ?? [navigator.language],
  });
  // The page's code downloads while the messages load, not after (one round trip fewer).
  const match = matchRoutes(routes.map(({ path }) => ({ path })), window.location)?.[0];
  const page = routes.find((r) => r.path === match?.route.path);
  void page?.Component.preload?.().catch(() => {
    // React's lazy loads it again on render and shows the error there.
  });
  // The members list, which most pages ask for first, is on its way before they load.
  if (match && match.route.path !== '/' && match.route.path !== '*') prefetchApi(queryClient, countriesRequest());
  await initI18n(lang);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Layout>
            <Routes>
              {routes.map(({ path, Component }) => (
                <Route key={path} path={path} element={<Component />} />
              ))}
            </Routes>
          </Layout>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
