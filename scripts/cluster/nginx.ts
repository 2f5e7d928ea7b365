// nginx in front of several stateless `puente serve` processes: keep-alive to the upstreams,
// retries of idempotent requests on the next server when one fails (a killed server costs no
// request), and the servers' own cache headers passed through (ETag, Cache-Control, compression).
export interface NginxOptions {
  dir: string;
  port: number;
  upstreams: number[];
}

export function nginxConfig(o: NginxOptions): string {
  return `# Written by scripts/cluster.ts; docs/deployment.md explains each line.
daemon off;
worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${o.dir}/nginx/body;
  proxy_temp_path ${o.dir}/nginx/proxy;
  fastcgi_temp_path ${o.dir}/nginx/fastcgi;
  uwsgi_temp_path ${o.dir}/nginx/uwsgi;
  scgi_temp_path ${o.dir}/nginx/scgi;
  client_max_body_size 64m;
  upstream puente {
${o.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${o.port};
    location / {
      proxy_pass http://puente;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # GET/HEAD (idempotent) move to the next server on a refused or broken connection or a
      # draining server's 503; a POST is never sent twice (no non_idempotent).
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      proxy_buffering on;
      # Which server answered (the cluster tests check that no server goes back to an older version).
      add_header X-Puente-Upstream $upstream_addr always;
    }
  }
}
`;
}
