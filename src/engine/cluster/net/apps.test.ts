import { describe, expect, it } from "vitest";
import type { Container, Pod } from "../types";
import { acceptsAt, httpDate, listenerAt, listeningPorts, mysqlAccepts, readyAfterMs, responseDelayMs, serve } from "./apps";
import type { HttpRequest } from "./types";

/** Started at 09:05:00 on the lab's day; requests come a minute later unless said otherwise. */
const STARTED = Date.UTC(2025, 4, 12, 9, 5, 0);
const NOW = STARTED + 60_000;

function pod(container: Partial<Container> & { image: string }, extra: { annotations?: Record<string, string>; name?: string } = {}): Pod {
  const c: Container = { name: "main", ...container };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: extra.name ?? "web-7d58646db4-x2x9k", namespace: "default", uid: "2f4b8c1e-0000-4000-8000-000000000001", resourceVersion: "1", creationTimestamp: "2025-05-12T09:04:58Z", annotations: extra.annotations },
    spec: { containers: [c] },
    status: {
      phase: "Running",
      podIP: "192.168.1.5",
      containerStatuses: [{ name: "main", image: c.image, imageID: "", ready: true, started: true, restartCount: 0, state: { running: { startedAt: "2025-05-12T09:05:00Z" } }, lastState: {} }],
    },
  };
}

const get = (path = "/", extra: Partial<HttpRequest> = {}): HttpRequest => ({ method: "GET", path, host: "my-service", userAgent: "curl/8.13.0", ...extra });
const ctx = { nowMs: NOW, clientIp: "192.168.1.4", clientPort: 41234 };

describe("which ports listen", () => {
  it("knows the servers of the common images, and that shells listen on nothing", () => {
    expect(listeningPorts(pod({ image: "nginx" }), "main")).toEqual([80]);
    expect(listeningPorts(pod({ image: "httpd:2.4" }), "main")).toEqual([80]);
    expect(listeningPorts(pod({ image: "mysql:9.3" }), "main")).toEqual([3306, 33060]);
    expect(listeningPorts(pod({ image: "redis" }), "main")).toEqual([6379]);
    expect(listeningPorts(pod({ image: "wordpress" }), "main")).toEqual([80]);
    expect(listeningPorts(pod({ image: "podflow/hello" }), "main")).toEqual([8080]);
    expect(listeningPorts(pod({ image: "busybox", command: ["sleep", "3600"] }), "main")).toEqual([]);
    expect(listeningPorts(pod({ image: "curlimages/curl" }), "main")).toEqual([]);
  });

  it("runs agnhost's netexec on --http-port, and nothing when the entrypoint is replaced by a shell", () => {
    expect(listeningPorts(pod({ image: "registry.k8s.io/e2e-test-images/agnhost:2.53", args: ["netexec", "--http-port=9000"] }), "main")).toEqual([9000]);
    expect(listeningPorts(pod({ image: "registry.k8s.io/e2e-test-images/agnhost:2.53", args: ["netexec"] }), "main")).toEqual([8080]);
    expect(listeningPorts(pod({ image: "nginx", command: ["sh", "-c", "sleep 3600"] }), "main")).toEqual([]);
    expect(listeningPorts(pod({ image: "nginx", command: ["nginx", "-g", "daemon off;"] }), "main")).toEqual([80]);
  });
});

describe("when a server accepts connections", () => {
  it("nginx accepts as soon as it logs 'start worker processes' (~21 ms after start)", () => {
    const p = pod({ image: "nginx" });
    const after = readyAfterMs(p, "main", 80)!;
    expect(after).toBeGreaterThanOrEqual(21);
    expect(after).toBeLessThan(30);
    expect(acceptsAt(p, "main", 80, STARTED + after - 1)).toBe(false);
    expect(acceptsAt(p, "main", 80, STARTED + after)).toBe(true);
    expect(acceptsAt(p, "main", 81, NOW)).toBe(false);
    expect(listenerAt(p, 80, NOW)).toBe("main");
  });

  it("mysql refuses while it initialises (networking off) and accepts after its final 'ready for connections'", () => {
    const p = pod({ image: "mysql:9.3", env: [{ name: "MYSQL_ROOT_PASSWORD", value: "secret" }] });
    expect(acceptsAt(p, "main", 3306, STARTED + 6_600)).toBe(false);
    const after = readyAfterMs(p, "main", 3306)!;
    expect(after).toBeGreaterThan(10_000);
    expect(after).toBeLessThan(20_000);
    expect(acceptsAt(p, "main", 3306, STARTED + after)).toBe(true);
    // Without a password option the entrypoint exits: it never listens.
    expect(readyAfterMs(pod({ image: "mysql" }), "main", 3306)).toBeUndefined();
  });

  it("a container that is not running accepts nothing", () => {
    const p = pod({ image: "nginx" });
    p.status.containerStatuses![0].state = { waiting: { reason: "ContainerCreating" } };
    expect(acceptsAt(p, "main", 80, NOW)).toBe(false);
  });
});

describe("nginx 1.27.5", () => {
  it("serves the welcome page with the image's exact headers and logs the combined format", () => {
    const r = serve(pod({ image: "nginx" }), "main", 80, get(), ctx);
    expect(r.reply).toMatchObject({ kind: "http", status: 200, reason: "OK" });
    if (r.reply.kind !== "http") throw new Error("not http");
    expect(r.reply.headers).toEqual([
      ["Server", "nginx/1.27.5"],
      ["Date", "Mon, 12 May 2025 09:06:00 GMT"],
      ["Content-Type", "text/html"],
      ["Content-Length", "615"],
      ["Last-Modified", "Wed, 16 Apr 2025 12:01:11 GMT"],
      ["Connection", "keep-alive"],
      ["ETag", '"67ff9c07-267"'],
      ["Accept-Ranges", "bytes"],
    ]);
    expect(r.reply.body.length).toBe(615);
    expect(r.reply.body).toContain("<h1>Welcome to nginx!</h1>");
    expect(r.accessLog).toBe('192.168.1.4 - - [12/May/2025:09:06:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.13.0" "-"');
  });

  it("answers HEAD with the headers only, and says 'close' to wget's Connection: close", () => {
    const head = serve(pod({ image: "nginx" }), "main", 80, get("/", { method: "HEAD" }), ctx);
    expect(head.reply.kind === "http" && head.reply.body).toBe("");
    expect(head.accessLog).toBe('192.168.1.4 - - [12/May/2025:09:06:00 +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/8.13.0" "-"');
    const wget = serve(pod({ image: "nginx" }), "main", 80, get("/", { userAgent: "Wget", headers: { Connection: "close" } }), ctx);
    expect(wget.reply.kind === "http" && wget.reply.headers.find(([k]) => k === "Connection")).toEqual(["Connection", "close"]);
  });

  it("answers an unknown path with its 153-byte 404 page and an error-log line", () => {
    const r = serve(pod({ image: "nginx" }), "main", 80, get("/nope"), ctx);
    expect(r.reply).toMatchObject({ kind: "http", status: 404, reason: "Not Found" });
    expect(r.reply.kind === "http" && r.reply.body).toBe("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n");
    expect(r.reply.kind === "http" && r.reply.headers.find(([k]) => k === "Content-Length")).toEqual(["Content-Length", "153"]);
    expect(r.errorLog).toBe('2025/05/12 09:06:00 [error] 29#29: *1 open() "/usr/share/nginx/html/nope" failed (2: No such file or directory), client: 192.168.1.4, server: localhost, request: "GET /nope HTTP/1.1", host: "my-service"');
    expect(r.accessLog).toBe('192.168.1.4 - - [12/May/2025:09:06:00 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/8.13.0" "-"');
  });
});

describe("the other images", () => {
  it("httpd says It works! and logs the common format", () => {
    const r = serve(pod({ image: "httpd" }), "main", 80, get(), ctx);
    expect(r.reply).toMatchObject({ kind: "http", status: 200, body: "<html><body><h1>It works!</h1></body></html>\n" });
    expect(r.reply.kind === "http" && r.reply.headers[1]).toEqual(["Server", "Apache/2.4.63 (Unix)"]);
    expect(r.accessLog).toBe('192.168.1.4 - - [12/May/2025:09:06:00 +0000] "GET / HTTP/1.1" 200 45');
  });

  it("wordpress with its database reachable redirects a fresh install to the installer", () => {
    const r = serve(pod({ image: "wordpress" }), "main", 80, get("/", { host: "10.96.5.5" }), { ...ctx, dial: () => "ok" });
    expect(r.reply).toMatchObject({ kind: "http", status: 302, reason: "Found", body: "" });
    expect(r.reply.kind === "http" && r.reply.headers.find(([k]) => k === "Location")).toEqual(["Location", "http://10.96.5.5/wp-admin/install.php"]);
    expect(r.accessLog).toMatch(/^192\.168\.1\.4 - - \[12\/May\/2025:09:06:00 \+0000\] "GET \/ HTTP\/1\.1" 302 \d+ "-" "curl\/8\.13\.0"$/);
  });

  it("wordpress dials WORDPRESS_DB_HOST and fails with 'Error establishing a database connection'", () => {
    const dialled: string[] = [];
    const p = pod({ image: "wordpress", env: [{ name: "WORDPRESS_DB_HOST", value: "mysql:3306" }] });
    const r = serve(p, "main", 80, get(), {
      ...ctx,
      dial: (h, port) => {
        dialled.push(`${h}:${port}`);
        return "nxdomain";
      },
    });
    expect(dialled).toEqual(["mysql:3306"]);
    expect(r.reply).toMatchObject({ kind: "http", status: 500 });
    expect(r.reply.kind === "http" && r.reply.body).toContain("<h1>Error establishing a database connection</h1>");
    // A database IP nobody answers: PHP waits its 60 s socket timeout first.
    const slow = serve(p, "main", 80, get(), { ...ctx, dial: () => "timeout" });
    expect(slow.reply.kind === "http" && slow.reply.serviceMs).toBeGreaterThan(60_000);
  });

  it("wordpress logs in with WORDPRESS_DB_USER / _PASSWORD / _NAME, defaulting to the image's example login", () => {
    const logins: unknown[] = [];
    const dial = (_h: string, _p: number, login?: unknown) => (logins.push(login), "denied" as const);
    const r = serve(pod({ image: "wordpress" }), "main", 80, get(), { ...ctx, dial });
    expect(logins).toEqual([{ user: "example username", password: "example password", database: "wordpress" }]);
    expect(r.reply).toMatchObject({ kind: "http", status: 500 });
    expect(r.reply.kind === "http" && r.reply.body).toContain("Error establishing a database connection");
    const env = [{ name: "WORDPRESS_DB_USER", value: "root" }, { name: "WORDPRESS_DB_PASSWORD", value: "secret" }, { name: "WORDPRESS_DB_NAME", value: "blog" }];
    serve(pod({ image: "wordpress", env }), "main", 80, get(), { ...ctx, dial });
    expect(logins[1]).toEqual({ user: "root", password: "secret", database: "blog" });
  });

  it("mysql lets in root with MYSQL_ROOT_PASSWORD or MYSQL_USER with MYSQL_PASSWORD, to MYSQL_DATABASE", () => {
    const env = [{ name: "MYSQL_ROOT_PASSWORD", value: "secret" }, { name: "MYSQL_DATABASE", value: "wordpress" }, { name: "MYSQL_USER", value: "wp" }, { name: "MYSQL_PASSWORD", value: "pw" }];
    expect(mysqlAccepts(env, { user: "root", password: "secret", database: "wordpress" })).toBe("ok");
    expect(mysqlAccepts(env, { user: "wp", password: "pw", database: "wordpress" })).toBe("ok");
    expect(mysqlAccepts(env, { user: "root", password: "wrong", database: "wordpress" })).toBe("denied");
    expect(mysqlAccepts(env, { user: "example username", password: "example password", database: "wordpress" })).toBe("denied");
    expect(mysqlAccepts(env, { user: "root", password: "secret", database: "blog" })).toBe("no-database");
    expect(mysqlAccepts([{ name: "MYSQL_ALLOW_EMPTY_PASSWORD", value: "yes" }, { name: "MYSQL_DATABASE", value: "d" }], { user: "root", password: "", database: "d" })).toBe("ok");
    // A password from a Secret is not read here: the login is let in.
    expect(mysqlAccepts([{ name: "MYSQL_ROOT_PASSWORD" }], { user: "root", password: "x", database: "y" })).toBe("ok");
  });

  it("mysql's port is not HTTP: its greeting is all curl gets", () => {
    const r = serve(pod({ image: "mysql:9.3.0", env: [{ name: "MYSQL_ROOT_PASSWORD", value: "x" }] }), "main", 3306, get(), ctx);
    expect(r.reply).toEqual({ kind: "not-http", banner: "J\0\0\0\n9.3.0\0" });
  });

  it("podflow/hello names the pod that answered, so load balancing shows", () => {
    const r = serve(pod({ image: "podflow/hello" }, { name: "hello-1" }), "main", 8080, get(), ctx);
    expect(r.reply).toMatchObject({ kind: "http", status: 200, body: "Hello from hello-1 (192.168.1.5)\n" });
    expect(r.reply.kind === "http" && r.reply.headers).toEqual([
      ["Date", httpDate(NOW)],
      ["Content-Length", "33"],
      ["Content-Type", "text/plain; charset=utf-8"],
    ]);
  });

  it("agnhost netexec answers /hostname, /echo and / like the real test server", () => {
    const p = pod({ image: "registry.k8s.io/e2e-test-images/agnhost:2.53", args: ["netexec", "--http-port=8080"] }, { name: "netexec-0" });
    expect(serve(p, "main", 8080, get("/hostname"), ctx)).toMatchObject({ reply: { status: 200, body: "netexec-0" }, errorLog: "2025/05/12 09:06:00 GET /hostname" });
    expect(serve(p, "main", 8080, get("/echo?msg=hello"), ctx)).toMatchObject({ reply: { body: "hello" }, errorLog: "2025/05/12 09:06:00 GET /echo?msg=hello&code=" });
    const root = serve(p, "main", 8080, get("/"), ctx).reply;
    expect(root.kind === "http" && root.body).toMatch(/^NOW: 2025-05-12 09:06:00(\.\d+)? \+0000 UTC m=\+60\.\d{9}$/);
  });

  it("kube-apiserver's TLS port answers plain HTTP with Go's 400", () => {
    const p = pod({ image: "registry.k8s.io/kube-apiserver:v1.33.1" });
    expect(serve(p, "main", 6443, get(), ctx).reply).toMatchObject({ kind: "http", status: 400, body: "Client sent an HTTP request to an HTTPS server.\n", httpVersion: "1.0" });
  });
});

describe("podflow.dev/response-delay", () => {
  it("adds the annotation's Go duration to every reply", () => {
    const slow = pod({ image: "nginx" }, { annotations: { "podflow.dev/response-delay": "2s" } });
    expect(responseDelayMs(slow)).toBe(2000);
    const r = serve(slow, "main", 80, get(), ctx).reply;
    expect(r.kind === "http" && r.serviceMs).toBe(2001);
    expect(responseDelayMs(pod({ image: "nginx" }, { annotations: { "podflow.dev/response-delay": "500ms" } }))).toBe(500);
    expect(responseDelayMs(pod({ image: "nginx" }, { annotations: { "podflow.dev/response-delay": "soon" } }))).toBe(0);
  });
});
