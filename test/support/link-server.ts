// A local HTTP server for link-checker tests (never the internet): /ok answers 200, /missing 404,
// /moved redirects to /ok, /slow never answers, /no-head refuses HEAD (405) and answers GET.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LinkServer {
  base: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startLinkServer(): Promise<LinkServer> {
  const hits: string[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const path = (req.url ?? '').split('?')[0];
    if (path === '/ok') return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (path === '/missing') return res.writeHead(404).end('not found');
    if (path === '/moved') return res.writeHead(301, { location: '/ok' }).end();
    if (path === '/no-head') return req.method === 'HEAD' ? res.writeHead(405).end() : res.writeHead(200).end('got');
    if (path === '/slow') {
      hanging.add(res); // answered only when the server closes
      return;
    }
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
