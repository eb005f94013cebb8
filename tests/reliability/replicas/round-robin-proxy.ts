// The smallest load balancer that shows the app holds no per-process state: each request goes to
// the next app process in turn (no stickiness), with X-Forwarded-For added as nginx's
// $proxy_add_x_forwarded_for does. docs/deployment.md has the nginx equivalent.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type TProxy = { url: string; served: number[]; close(): Promise<void> };

export async function startRoundRobinProxy(targets: readonly string[]): Promise<TProxy> {
  const served = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((request, response) => {
    const index = next++ % targets.length;
    served[index]!++;
    const target = new URL(request.url ?? "/", targets[index]);
    const forwarded = [request.headers["x-forwarded-for"], request.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      target,
      { method: request.method, headers: { ...request.headers, "x-forwarded-for": forwarded } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end("bad gateway");
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
