import { beforeEach, describe, expect, it } from "vitest";
import { ClusterImpl } from "../cluster/cluster";
import { serve } from "../cluster/net/apps";
import { resolveInCluster, resolverCandidates, searchList } from "../cluster/net/dns";
import type { ConnectResult, DnsAnswer, HttpReply, HttpRequest, PodNetwork } from "../cluster/net/types";
import type { Pod } from "../cluster/types";
import { hasNetTool, imageTools, runNetTool, type PodToolEnv } from "./pod-net";

// A small world: my-service (10.96.3.7) → nginx pod web-1 (192.168.1.5); `empty` has no
// endpoints (REJECT → refused); 192.168.1.9 is a deleted pod's IP (SYNs vanish); mysql's
// Service fronts a mysql pod on 3306.

const T0 = Date.UTC(2025, 4, 12, 9, 10, 0);

function mkPod(name: string, image: string, ip: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: "1", creationTimestamp: "2025-05-12T09:05:00Z" },
    spec: { containers: [{ name: "c", image }] },
    status: { phase: "Running", podIP: ip, containerStatuses: [{ name: "c", image, imageID: "", ready: true, started: true, restartCount: 0, state: { running: { startedAt: "2025-05-12T09:05:00Z" } }, lastState: {} }] },
  };
}

const web = mkPod("web-1", "nginx", "192.168.1.5");
const db = mkPod("db-0", "mysql:9.3.0", "192.168.2.7");
db.spec.containers[0].env = [{ name: "MYSQL_ROOT_PASSWORD", value: "x" }];
const NAMES: Record<string, string[]> = {
  "my-service.default.svc.cluster.local": ["10.96.3.7"],
  "empty.default.svc.cluster.local": ["10.96.4.4"],
  "mysql.default.svc.cluster.local": ["10.96.5.5"],
};

class FakeNet implements PodNetwork {
  dns: "up" | "refused" | "timeout" = "up";
  requests: HttpRequest[] = [];
  private readonly open = new Map<number, { pod: Pod; port: number }>();
  private next = 1;
  constructor(private readonly clock: { now: number }) {}

  resolve(_from: unknown, name: string): DnsAnswer {
    if (this.dns !== "up") return { kind: "unreachable", reason: this.dns };
    for (const c of resolverCandidates(name, searchList("default"))) if (NAMES[c]) return { kind: "answer", name: c, addresses: NAMES[c] };
    return { kind: "nxdomain", name };
  }
  nameserver(): string {
    return "10.96.0.10";
  }
  connect(_from: unknown, ip: string, port: number): ConnectResult {
    const id = this.next++;
    if ((ip === "10.96.3.7" || ip === "192.168.1.5") && port === 80) {
      this.open.set(id, { pod: web, port });
      return { outcome: "ok", connectMs: 1, id, backend: { namespace: "default", name: "web-1", ip: "192.168.1.5", port, node: "node01", container: "c" } };
    }
    if (ip === "10.96.5.5" && port === 3306) {
      this.open.set(id, { pod: db, port });
      return { outcome: "ok", connectMs: 1, id };
    }
    if (ip === "192.168.1.9") return { outcome: "timeout", connectMs: 0, id };
    return { outcome: "refused", connectMs: 1, id };
  }
  http(id: number, req: HttpRequest): HttpReply {
    this.requests.push(req);
    const c = this.open.get(id)!;
    return serve(c.pod, "c", c.port, req, { nowMs: this.clock.now, clientIp: "192.168.1.4", clientPort: 40000 }).reply;
  }
  close(id: number): void {
    this.open.delete(id);
  }
  ping(_from: unknown, ip: string) {
    return ip.startsWith("192.168.") ? { reply: true, rttMs: 0.087, ttl: 62 } : { reply: false, rttMs: 0, ttl: 0 };
  }
}

let net: FakeNet;
let clock: { now: number; advance(ms: number): void };

function inPod(image: string, line: string, tty = true) {
  clock = {
    now: T0,
    advance(ms: number) {
      this.now += ms;
    },
  };
  net = new FakeNet(clock);
  const env: PodToolEnv = { net, pod: mkPod("client", image, "192.168.1.4"), image, clock, tty };
  const [cmd, ...args] = line.split(" ");
  return runNetTool(cmd, args, env)!;
}

function inPodWith(image: string, line: string, setup: (n: FakeNet) => void) {
  clock = {
    now: T0,
    advance(ms: number) {
      this.now += ms;
    },
  };
  net = new FakeNet(clock);
  setup(net);
  const env: PodToolEnv = { net, pod: mkPod("client", image, "192.168.1.4"), image, clock, tty: true };
  const [cmd, ...args] = line.split(" ");
  return runNetTool(cmd, args, env)!;
}

const WELCOME_START = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>";
const NGINX_HEADERS = "HTTP/1.1 200 OK\r\nServer: nginx/1.27.5\r\nDate: Mon, 12 May 2025 09:10:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nLast-Modified: Wed, 16 Apr 2025 12:01:11 GMT\r\nConnection: keep-alive\r\nETag: \"67ff9c07-267\"\r\nAccept-Ranges: bytes\r\n\r\n";
const METER_HEAD = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";
const METER_ZERO = "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";

describe("curl 7.88.1 in the nginx image", () => {
  it("prints only the page when its output is a terminal (kubectl exec -it)", () => {
    const r = inPod("nginx", "curl my-service");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith(WELCOME_START)).toBe(true);
    expect(r.stdout.length).toBe(615);
    expect(r.stderr).toBe("");
    expect(net.requests[0]).toEqual({ method: "GET", path: "/", host: "my-service", userAgent: "curl/7.88.1", headers: {} });
  });

  it("adds the progress meter on stderr when stdout is not a terminal (kubectl exec without -t)", () => {
    const r = inPod("nginx", "curl my-service", false);
    expect(r.stderr).toBe(`${METER_HEAD}\r${METER_ZERO}\r100   615  100   615    0     0   200k      0 --:--:-- --:--:-- --:--:--  200k\n`);
    expect(r.output.startsWith(`${METER_HEAD}${METER_ZERO}<!DOCTYPE html>`.replace(METER_ZERO, `\r${METER_ZERO}`))).toBe(true);
  });

  it("shows the exchange with -v, headers with CRLF as on the wire", () => {
    const r = inPod("nginx", "curl -v http://my-service");
    expect(r.stderr).toBe(
      "*   Trying 10.96.3.7:80...\n* Connected to my-service (10.96.3.7) port 80 (#0)\n> GET / HTTP/1.1\r\n> Host: my-service\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n" +
        NGINX_HEADERS.split("\r\n")
          .slice(0, -1)
          .map((l) => `< ${l}\r\n`)
          .join("") +
        "* Connection #0 to host my-service left intact\n",
    );
  });

  it("prints headers with -I, and just the status with -s -o /dev/null -w '%{http_code}'", () => {
    expect(inPod("nginx", "curl -I my-service").stdout).toBe(NGINX_HEADERS);
    expect(net.requests[0].method).toBe("HEAD");
    expect(inPod("nginx", "curl -s -o /dev/null -w %{http_code} my-service").output).toBe("200");
    expect(inPod("nginx", "curl -so /dev/null -w %{remote_ip}:%{remote_port}\\n my-service").output).toBe("10.96.3.7:80\n");
  });

  it("fails to resolve a name nobody has: exit 6", () => {
    expect(inPod("nginx", "curl nope")).toMatchObject({ stdout: "", stderr: "curl: (6) Could not resolve host: nope\n", exitCode: 6 });
  });

  it("is refused by a Service without endpoints: exit 7, 7.88's 'Couldn't connect to server'", () => {
    expect(inPod("nginx", "curl empty")).toMatchObject({ stderr: "curl: (7) Failed to connect to empty port 80 after 2 ms: Couldn't connect to server\n", exitCode: 7 });
    const quiet = inPod("nginx", "curl empty", false);
    expect(quiet.stderr).toBe(`${METER_HEAD}\r${METER_ZERO}\r${METER_ZERO}\ncurl: (7) Failed to connect to empty port 80 after 2 ms: Couldn't connect to server\n`);
  });

  it("waits for the kernel's SYN retries (~130 s of virtual time) when a deleted pod's IP never answers", () => {
    const r = inPod("nginx", "curl 192.168.1.9");
    expect(r.exitCode).toBe(28);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(130_000);
    expect(r.elapsedMs).toBeLessThan(131_000);
    expect(clock.now - T0).toBe(r.elapsedMs);
    expect(r.stderr).toBe(`curl: (28) Failed to connect to 192.168.1.9 port 80 after ${r.elapsedMs} ms: Couldn't connect to server\n`);
  });

  it("stops at --connect-timeout or -m instead", () => {
    const r = inPod("nginx", "curl --connect-timeout 3 192.168.1.9");
    expect(r).toMatchObject({ stderr: "curl: (28) Failed to connect to 192.168.1.9 port 80 after 3001 ms: Timeout was reached\n", exitCode: 28, elapsedMs: 3001 });
    expect(inPod("nginx", "curl -sm 2 192.168.1.9")).toMatchObject({ stderr: "", exitCode: 28, elapsedMs: 2001 });
  });

  it("reads mysql's greeting as HTTP/0.9 and refuses it: exit 1", () => {
    expect(inPod("nginx", "curl mysql:3306")).toMatchObject({ stderr: "curl: (1) Received HTTP/0.9 when not allowed\n", exitCode: 1 });
  });

  it("prints a 404 page and exits 0, unless -f makes it exit 22", () => {
    expect(inPod("nginx", "curl my-service/nope")).toMatchObject({ exitCode: 0, stdout: expect.stringContaining("<center><h1>404 Not Found</h1></center>") });
    expect(inPod("nginx", "curl -f my-service/nope")).toMatchObject({ stdout: "", stderr: "curl: (22) The requested URL returned error: 404\n", exitCode: 22 });
  });

  it("rejects options it does not know and a missing URL, as curl does", () => {
    expect(inPod("nginx", "curl --frobnicate x")).toMatchObject({ stderr: "curl: option --frobnicate: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
    expect(inPod("nginx", "curl")).toMatchObject({ stderr: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
  });
});

describe("curl 8.13.0 in curlimages/curl", () => {
  it("prints 8.x's verbose lines", () => {
    const r = inPod("curlimages/curl", "curl -v my-service");
    expect(r.stderr.split("\n").slice(0, 12).join("\n")).toBe(
      "* Host my-service:80 was resolved.\n* IPv6: (none)\n* IPv4: 10.96.3.7\n*   Trying 10.96.3.7:80...\n* Connected to my-service (10.96.3.7) port 80\n* using HTTP/1.x\n> GET / HTTP/1.1\r\n> Host: my-service\r\n> User-Agent: curl/8.13.0\r\n> Accept: */*\r\n> \r\n* Request completely sent off",
    );
  });

  it("words a refused connect 'Could not connect to server' and shows the failed connect with -v", () => {
    const r = inPod("curlimages/curl", "curl -v empty");
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toMatch(/\* connect to 10\.96\.4\.4 port 80 from 192\.168\.1\.4 port \d+ failed: Connection refused\n\* Failed to connect to empty port 80 after 2 ms: Could not connect to server\n\* closing connection #0\ncurl: \(7\) Failed to connect to empty port 80 after 2 ms: Could not connect to server\n$/);
  });

  it("times out with -m 5 after 5 s", () => {
    expect(inPod("curlimages/curl", "curl -m 5 192.168.1.9")).toMatchObject({ stderr: "curl: (28) Failed to connect to 192.168.1.9 port 80 after 5001 ms: Timeout was reached\n", exitCode: 28, elapsedMs: 5001 });
  });

  it("can't resolve when kube-dns has no endpoints (refused at once) or does not answer (musl waits 5 s)", () => {
    expect(inPodWith("curlimages/curl", "curl my-service", (n) => (n.dns = "refused"))).toMatchObject({ stderr: "curl: (6) Could not resolve host: my-service\n", exitCode: 6, elapsedMs: 1 });
    expect(inPodWith("curlimages/curl", "curl my-service", (n) => (n.dns = "timeout"))).toMatchObject({ exitCode: 6, elapsedMs: 5000 });
  });
});

describe("BusyBox 1.37 wget", () => {
  it("-qO- prints the page and nothing else", () => {
    const r = inPod("busybox", "wget -qO- my-service");
    expect(r).toMatchObject({ stderr: "", exitCode: 0 });
    expect(r.stdout.length).toBe(615);
    expect(net.requests[0]).toEqual({ method: "GET", path: "/", host: "my-service", userAgent: "Wget", headers: { Connection: "close" } });
  });

  it("-O- frames the page with its status lines", () => {
    const r = inPod("busybox", "wget -O- my-service");
    expect(r.stderr).toBe("Connecting to my-service (10.96.3.7:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n");
  });

  it("saves index.html without -O", () => {
    expect(inPod("busybox", "wget my-service").stderr).toBe("Connecting to my-service (10.96.3.7:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n");
    expect(inPod("busybox", "wget http://my-service:80/").stderr).toContain("Connecting to my-service:80 (10.96.3.7:80)\n");
  });

  it("says bad address, refused and timed out in BusyBox's words", () => {
    expect(inPod("busybox", "wget nope")).toMatchObject({ stderr: "wget: bad address 'nope'\n", exitCode: 1 });
    expect(inPod("busybox", "wget -qO- empty")).toMatchObject({ stderr: "wget: can't connect to remote host (10.96.4.4): Connection refused\n", exitCode: 1 });
    expect(inPod("busybox", "wget -T 5 192.168.1.9")).toMatchObject({ stderr: "Connecting to 192.168.1.9 (192.168.1.9:80)\nwget: download timed out\n", elapsedMs: 5000 });
    expect(inPod("busybox", "wget -q 192.168.1.9").stderr).toBe("wget: can't connect to remote host (192.168.1.9): Connection timed out\n");
    // musl's strerror in alpine-based images.
    expect(inPod("alpine", "wget -q 192.168.1.9").stderr).toBe("wget: can't connect to remote host (192.168.1.9): Operation timed out\n");
  });

  it("reports a server error, and chokes on a port that does not speak HTTP", () => {
    expect(inPod("busybox", "wget -qO- my-service/nope")).toMatchObject({ stderr: "wget: server returned error: HTTP/1.1 404 Not Found\n", exitCode: 1 });
    expect(inPod("busybox", "wget -qO- mysql:3306").stderr).toBe("wget: bad header line: 9.3.0\n");
  });

  it("shows the response headers with -S", () => {
    expect(inPod("busybox", "wget -S -qO- my-service").stderr).toBe("  HTTP/1.1 200 OK\n  Server: nginx/1.27.5\n  Date: Mon, 12 May 2025 09:10:00 GMT\n  Content-Type: text/html\n  Content-Length: 615\n  Last-Modified: Wed, 16 Apr 2025 12:01:11 GMT\n  Connection: close\n  ETag: \"67ff9c07-267\"\n  Accept-Ranges: bytes\n");
  });
});

describe("BusyBox 1.37 nslookup", () => {
  it("asks every search domain for a short name, A then AAAA, and exits 1 for the NXDOMAINs", () => {
    const r = inPod("busybox", "nslookup my-service");
    expect(r.stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n" +
        "Name:\tmy-service.default.svc.cluster.local\nAddress: 10.96.3.7\n\n" +
        "** server can't find my-service.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find my-service.cluster.local: NXDOMAIN\n\n" +
        "\n" +
        "** server can't find my-service.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find my-service.cluster.local: NXDOMAIN\n\n",
    );
    expect(r.exitCode).toBe(1);
  });

  it("does not search for a dotted name: kubernetes.default is NXDOMAIN (busybox's famous gotcha)", () => {
    expect(inPod("busybox", "nslookup kubernetes.default")).toMatchObject({
      stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find kubernetes.default: NXDOMAIN\n\n** server can't find kubernetes.default: NXDOMAIN\n\n",
      exitCode: 1,
    });
    expect(inPod("busybox", "nslookup my-service.default.svc.cluster.local")).toMatchObject({
      stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tmy-service.default.svc.cluster.local\nAddress: 10.96.3.7\n\n\n",
      exitCode: 0,
    });
  });

  it("gives up after 5 s when kube-dns can't be reached", () => {
    expect(inPodWith("busybox", "nslookup my-service", (n) => (n.dns = "refused"))).toMatchObject({
      output: "nslookup: read: Connection refused\nnslookup: read: Connection refused\n;; connection timed out; no servers could be reached\n\n",
      exitCode: 1,
      elapsedMs: 5000,
    });
  });
});

describe("BusyBox ping", () => {
  it("pings a pod IP once a second and prints BusyBox's statistics", () => {
    const r = inPod("busybox", "ping -c 3 192.168.1.5");
    expect(r.stdout).toBe(
      "PING 192.168.1.5 (192.168.1.5): 56 data bytes\n64 bytes from 192.168.1.5: seq=0 ttl=62 time=0.087 ms\n64 bytes from 192.168.1.5: seq=1 ttl=62 time=0.087 ms\n64 bytes from 192.168.1.5: seq=2 ttl=62 time=0.087 ms\n\n--- 192.168.1.5 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\nround-trip min/avg/max = 0.087/0.087/0.087 ms\n",
    );
    expect(r).toMatchObject({ exitCode: 0, elapsedMs: 2000 });
  });

  it("gets nothing back from a ClusterIP: 100% loss after the last echo and -W's 10 s", () => {
    const r = inPod("busybox", "ping -c 2 my-service");
    expect(r.stdout).toBe("PING my-service (10.96.3.7): 56 data bytes\n\n--- my-service ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n");
    expect(r.exitCode).toBe(1);
    expect(r.elapsedMs).toBe(1 + 1000 + 10_000);
  });
});

describe("ip inside a pod", () => {
  it("shows Calico's /32 on eth0 (MTU 1480 for IPIP), the veth peer index, and the link-local route", () => {
    const r = inPod("busybox", "ip a");
    expect(r.stdout).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n/);
    expect(r.stdout).toMatch(/\n3: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1480 qdisc noqueue state UP\n {4}link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff\n {4}inet 192\.168\.1\.4\/32 scope global eth0\n/);
    expect(inPod("busybox", "ip route").stdout).toBe("default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n");
  });
});

describe("which image has which tool", () => {
  it("follows the real images", () => {
    expect(imageTools("nginx")).toEqual({ curl: "7.88.1", busybox: false, libc: "glibc" });
    expect(imageTools("curlimages/curl:8.13.0")).toEqual({ curl: "8.13.0", busybox: true, libc: "musl" });
    expect(hasNetTool("nginx", "curl")).toBe(true);
    expect(hasNetTool("nginx", "wget")).toBe(false);
    expect(hasNetTool("httpd", "curl")).toBe(false);
    expect(hasNetTool("busybox", "curl")).toBe(false);
    expect(hasNetTool("busybox", "nslookup")).toBe(true);
    expect(hasNetTool("mysql:9.3", "curl")).toBe(false);
    expect(hasNetTool("podflow/hello", "wget")).toBe(true);
  });
});

describe("through kubectl exec, on a cluster whose dataplane is faked", () => {
  let cluster: ClusterImpl;
  const run = (line: string) => cluster.exec(line);

  /** A network that reaches every pod IP directly and resolves with CoreDNS's logic. */
  function attachNet(): void {
    const c = cluster;
    const net: PodNetwork = {
      resolve: (from, name) => resolveInCluster(c.rt.store, from.kind === "pod" ? from.namespace : "default", name),
      nameserver: () => "10.96.0.10",
      connect: (_from, ip, port) => {
        const pod = c.rt.store.list("Pod").find((p) => p.status.podIP === ip);
        if (!pod) return { outcome: "timeout", connectMs: 0, id: 0 };
        return { outcome: port === 80 ? "ok" : "refused", connectMs: 1, id: pod.metadata.name.length, backend: { namespace: "default", name: pod.metadata.name, ip, port, node: "", container: pod.spec.containers[0].name } };
      },
      http: () => ({ kind: "http", status: 200, reason: "OK", headers: [["Content-Length", "3"]], body: "hi\n", serviceMs: 1 }),
      close: () => undefined,
      ping: () => ({ reply: true, rttMs: 0.1, ttl: 63 }),
    };
    (cluster as unknown as { net: PodNetwork }).net = net;
  }

  beforeEach(() => {
    cluster = new ClusterImpl();
    attachNet();
    run("kubectl run web --image=nginx");
    run("kubectl run client --image=busybox -- sleep 3600");
    cluster.advance(5000);
  });

  it("runs the image's tools and reports a failing one's exit code", () => {
    const ip = cluster.rt.store.get("Pod", "default", "web")!.status.podIP!;
    expect(run(`kubectl exec client -- wget -qO- ${ip}`)).toMatchObject({ stdout: "hi\n", exitCode: 0 });
    expect(run(`kubectl exec web -- curl -s ${ip}:81`)).toMatchObject({ stdout: "", stderr: "command terminated with exit code 7\n", exitCode: 7 });
  });

  it("lets virtual time pass while a connection times out", () => {
    const before = cluster.now();
    const r = run("kubectl exec client -- wget -q 192.168.99.99");
    expect(r.stderr).toBe("wget: can't connect to remote host (192.168.99.99): Connection timed out\ncommand terminated with exit code 1\n");
    expect(cluster.now() - before).toBeGreaterThanOrEqual(130_000);
  });

  it("answers a missing tool with the runtime's error, or the shell's inside a session", () => {
    expect(run("kubectl exec client -- curl web").stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/);
    expect(run("kubectl exec web -- wget web").stderr).toContain('exec: "wget": executable file not found in $PATH');
    run("kubectl exec -it client -- sh");
    expect(run("curl web")).toMatchObject({ stderr: "sh: curl: not found\n", exitCode: 127 });
    expect(run("hostname -i").stdout).toBe(`${cluster.rt.store.get("Pod", "default", "client")!.status.podIP}\n`);
    run("exit");
    run("kubectl exec -it web -- sh");
    expect(run("nslookup web")).toMatchObject({ stderr: "sh: 1: nslookup: not found\n", exitCode: 127 });
  });

  it("resolves names through CoreDNS's answers when the dataplane has no exact-question API", () => {
    const r = run("kubectl exec client -- nslookup kubernetes.default.svc.cluster.local");
    expect(r.stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n\n");
  });
});
