import { describe, expect, it } from "vitest";
import type { NodeView } from "../net/types";
import { IpvsTable, type IpvsServiceSpec } from "./ipvs";
import { runIpvsadm } from "./ipvsadm";

const T0 = 1_000_000;

/** A node as ipvsadm sees it: its IPVS table and its clock. */
function node(table: IpvsTable, now: () => number): NodeView {
  return { name: "worker-1", proxyMode: "ipvs", ipvs: () => table, now } as unknown as NodeView;
}

const d = (address: string, port: number) => ({ address, port, weight: 1 });
const svc = (protocol: "TCP" | "UDP", address: string, port: number, scheduler: string, dests: { address: string; port: number; weight: number }[], persistentTimeoutSec?: number): IpvsServiceSpec => ({
  protocol,
  address,
  port,
  scheduler,
  dests,
  ...(persistentTimeoutSec !== undefined ? { persistentTimeoutSec } : {}),
});

/** The reference's example table (kubernetes.md §5), counters included. */
function referenceTable(): IpvsTable {
  const t = new IpvsTable();
  t.sync(
    [
      svc("TCP", "10.96.0.1", 443, "rr", [d("192.168.49.2", 6443)]),
      svc("TCP", "10.96.0.10", 53, "rr", [d("192.168.0.2", 53), d("192.168.0.3", 53)]),
      svc("UDP", "10.96.0.10", 53, "rr", [d("192.168.0.2", 53), d("192.168.0.3", 53)]),
      svc("TCP", "10.104.7.21", 80, "lc", [d("192.168.1.10", 80), d("192.168.2.11", 80)]),
      svc("TCP", "10.104.7.22", 80, "rr", [d("192.168.1.10", 80)], 10800),
    ],
    T0,
  );
  // 5 active + 19 TIME_WAIT on the API server; A(2, 7) and B(1, 300) behind the lc service.
  const fill = (vip: string, port: number, dest: string, active: number, inactive: number) => {
    const s = t.find("TCP", vip, port)!;
    const target = s.dests.find((x) => x.address === dest)!;
    for (let i = 0; i < active + inactive; i++) {
      const id = t.open(s, target, { ip: "192.168.1.99", port: 30000 + i }, T0);
      if (i >= active) t.close(id, T0);
    }
  };
  fill("10.96.0.1", 443, "192.168.49.2", 5, 19);
  fill("10.104.7.21", 80, "192.168.1.10", 2, 7);
  fill("10.104.7.21", 80, "192.168.2.11", 1, 300);
  return t;
}

const run = (t: IpvsTable, line: string, now = T0 + 1000) => runIpvsadm(node(t, () => now), line.split(" ").filter(Boolean));

describe("ipvsadm -Ln", () => {
  it("prints the reference's example exactly, trailing spaces included", () => {
    const r = run(referenceTable(), "-Ln");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toEqual([
      "IP Virtual Server version 1.2.1 (size=4096)",
      "Prot LocalAddress:Port Scheduler Flags",
      "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
      "TCP  10.96.0.1:443 rr",
      "  -> 192.168.49.2:6443            Masq    1      5          19        ",
      "TCP  10.96.0.10:53 rr",
      "  -> 192.168.0.2:53               Masq    1      0          0         ",
      "  -> 192.168.0.3:53               Masq    1      0          0         ",
      "TCP  10.104.7.21:80 lc",
      "  -> 192.168.1.10:80              Masq    1      2          7         ",
      "  -> 192.168.2.11:80              Masq    1      1          300       ",
      "TCP  10.104.7.22:80 rr persistent 10800",
      "  -> 192.168.1.10:80              Masq    1      0          0         ",
      "UDP  10.96.0.10:53 rr",
      "  -> 192.168.0.2:53               Masq    1      0          0         ",
      "  -> 192.168.0.3:53               Masq    1      0          0         ",
      "",
    ]);
  });

  it("accepts the same listing as -L -n, -l -n, --list --numeric and -nL's long forms", () => {
    const t = referenceTable();
    const want = run(t, "-Ln").stdout;
    for (const line of ["-L -n", "-l -n", "--list --numeric", "-ln", "-L --sort -n", "-Ln --sort"]) expect(run(t, line).stdout).toBe(want);
  });

  it("prints only the three header lines for an empty table (iptables mode)", () => {
    expect(run(new IpvsTable(), "-Ln").stdout).toBe(
      "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n",
    );
  });

  it("resolves ports to /etc/services names without -n, and leaves addresses and unnamed ports numeric", () => {
    const t = referenceTable();
    t.sync([svc("TCP", "10.96.0.10", 9153, "rr", [d("192.168.0.2", 9153)]), svc("UDP", "10.96.0.10", 53, "rr", [d("192.168.0.2", 53)])], T0 + 500);
    expect(run(t, "-L").stdout.split("\n").slice(3)).toEqual([
      "TCP  10.96.0.10:9153 rr",
      "  -> 192.168.0.2:9153             Masq    1      0          0         ",
      "UDP  10.96.0.10:domain rr",
      "  -> 192.168.0.2:domain           Masq    1      0          0         ",
      "",
    ]);
    expect(run(referenceTable(), "").stdout).toContain("TCP  10.96.0.1:https rr\n  -> 192.168.49.2:6443            Masq    1      5          19        \n");
  });

  it("sorts services like libipvs, whose wrapping address difference puts 172.18.x and 192.168.x before 10.96.x", () => {
    const t = new IpvsTable();
    t.sync(
      [
        svc("TCP", "10.96.0.1", 443, "rr", [d("172.18.0.2", 6443)]),
        svc("TCP", "192.168.49.2", 30080, "rr", [d("10.244.1.3", 80)]),
        svc("TCP", "172.18.0.2", 30080, "rr", [d("10.244.1.3", 80)]),
      ],
      T0,
    );
    expect(run(t, "-Ln").stdout.split("\n").filter((l) => l.startsWith("TCP"))).toEqual(["TCP  172.18.0.2:30080 rr", "TCP  192.168.49.2:30080 rr", "TCP  10.96.0.1:443 rr"]);
  });

  it("--nosort shows the services in the order they were added and the destinations in kernel list order (newest first)", () => {
    const t = new IpvsTable();
    t.sync([svc("TCP", "10.96.0.20", 80, "rr", [d("10.244.1.2", 80), d("10.244.2.7", 80), d("10.244.1.9", 80)]), svc("TCP", "10.96.0.1", 443, "rr", [d("172.18.0.2", 6443)])], T0);
    expect(run(t, "-Ln --nosort").stdout.split("\n").slice(3, 8)).toEqual([
      "TCP  10.96.0.20:80 rr",
      "  -> 10.244.1.9:80                Masq    1      0          0         ",
      "  -> 10.244.2.7:80                Masq    1      0          0         ",
      "  -> 10.244.1.2:80                Masq    1      0          0         ",
      "TCP  10.96.0.1:443 rr",
    ]);
    expect(run(t, "-Ln").stdout.split("\n").slice(6, 9)).toEqual([
      "  -> 10.244.1.2:80                Masq    1      0          0         ",
      "  -> 10.244.1.9:80                Masq    1      0          0         ",
      "  -> 10.244.2.7:80                Masq    1      0          0         ",
    ]);
  });

  it("lists one service with -t or -u, without the version line", () => {
    const t = referenceTable();
    expect(run(t, "-Ln -t 10.96.0.1:443").stdout).toBe(
      "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  10.96.0.1:443 rr\n  -> 192.168.49.2:6443            Masq    1      5          19        \n",
    );
    expect(run(t, "-L -n --udp-service 10.96.0.10:domain").stdout.split("\n")[2]).toBe("UDP  10.96.0.10:53 rr");
    expect(run(t, "-Ln -t 10.96.0.1:https").stdout.split("\n")[2]).toBe("TCP  10.96.0.1:443 rr");
  });

  it("shows a draining destination with weight 0 until kube-proxy deletes it", () => {
    const t = new IpvsTable();
    t.sync([svc("TCP", "10.96.0.20", 80, "rr", [d("10.244.1.2", 80), d("10.244.1.3", 80)])], T0);
    const s = t.find("TCP", "10.96.0.20", 80)!;
    t.open(s, s.dests.find((x) => x.address === "10.244.1.2")!, { ip: "10.244.2.5", port: 40000 }, T0);
    t.sync([svc("TCP", "10.96.0.20", 80, "rr", [d("10.244.1.3", 80)])], T0 + 1000);
    expect(run(t, "-Ln", T0 + 2000).stdout.split("\n").slice(4, 6)).toEqual([
      "  -> 10.244.1.2:80                Masq    0      1          0         ",
      "  -> 10.244.1.3:80                Masq    1      0          0         ",
    ]);
  });
});

describe("ipvsadm --stats, --rate, --exact", () => {
  function oneConnection(): IpvsTable {
    const t = new IpvsTable();
    t.sync([svc("TCP", "10.96.0.1", 443, "rr", [d("192.168.49.2", 6443)])], T0);
    const s = t.find("TCP", "10.96.0.1", 443)!;
    const id = t.open(s, s.dests[0], { ip: "10.244.1.5", port: 41000 }, T0);
    t.transfer(id, 100, 1000, T0);
    t.close(id, T0);
    return t;
  }

  it("prints --stats with its own header and 9-wide counters", () => {
    expect(run(oneConnection(), "-Ln --stats").stdout.split("\n")).toEqual([
      "IP Virtual Server version 1.2.1 (size=4096)",
      "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes",
      "  -> RemoteAddress:Port",
      "TCP  10.96.0.1:443                       1        6        4      420     1216",
      "  -> 192.168.49.2:6443                   1        6        4      420     1216",
      "",
    ]);
  });

  it("abbreviates counters of 100 million and more with K, M, G unless --exact", () => {
    const t = new IpvsTable();
    t.sync([svc("TCP", "10.96.0.1", 443, "rr", [d("192.168.49.2", 6443)])], T0);
    const s = t.find("TCP", "10.96.0.1", 443)!;
    t.transfer(t.open(s, s.dests[0], { ip: "10.244.1.5", port: 41000 }, T0), 0, 150_000_000, T0);
    expect(run(t, "-Ln --stats").stdout.split("\n")[3]).toBe("TCP  10.96.0.1:443                       1    51798   103593  2693504  155386K");
    expect(run(t, "-Ln --stats --exact").stdout.split("\n")[3]).toBe("TCP  10.96.0.1:443                       1    51798   103593  2693504 155386844");
  });

  it("prints --rate from the kernel's estimator: 10 connections per second", () => {
    const t = new IpvsTable();
    t.sync([svc("TCP", "10.96.0.1", 443, "rr", [d("192.168.49.2", 6443)])], T0);
    const s = t.find("TCP", "10.96.0.1", 443)!;
    for (let k = 0; k < 600; k++) t.open(s, s.dests[0], { ip: "10.244.1.5", port: 10000 + k }, T0 + k * 100);
    expect(run(t, "-Ln --rate", T0 + 60_000).stdout.split("\n")).toEqual([
      "IP Virtual Server version 1.2.1 (size=4096)",
      "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS",
      "  -> RemoteAddress:Port",
      "TCP  10.96.0.1:443                      10       20       10     1120      600",
      "  -> 192.168.49.2:6443                  10       20       10     1120      600",
      "",
    ]);
  });

  it("zeroes the counters with -Z", () => {
    const t = oneConnection();
    expect(run(t, "-Z")).toMatchObject({ stdout: "", exitCode: 0 });
    expect(run(t, "-Ln --stats").stdout.split("\n")[3]).toBe("TCP  10.96.0.1:443                       0        0        0        0        0");
  });

  it("prints --persistent-conn and --thresholds with their own columns", () => {
    const t = referenceTable();
    t.schedule(t.find("TCP", "10.104.7.22", 80)!, "10.244.1.5", T0);
    expect(run(t, "-Ln --persistent-conn -t 10.104.7.22:80").stdout).toBe(
      "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n  -> RemoteAddress:Port\nTCP  10.104.7.22:80 rr persistent 10800\n  -> 192.168.1.10:80              1         1           0          0         \n",
    );
    expect(run(t, "-Ln --thresholds -t 10.96.0.1:443").stdout.split("\n")).toEqual([
      "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn ",
      "  -> RemoteAddress:Port",
      "TCP  10.96.0.1:443 rr",
      "  -> 192.168.49.2:6443            0          0          5          19        ",
      "",
    ]);
  });
});

describe("ipvsadm -Lnc", () => {
  function connections(): IpvsTable {
    const t = new IpvsTable();
    t.sync(
      [
        svc("TCP", "10.96.0.1", 443, "rr", [d("192.168.49.2", 6443)]),
        svc("UDP", "10.96.0.10", 53, "rr", [d("192.168.0.2", 53)]),
        svc("TCP", "10.104.7.22", 80, "rr", [d("192.168.1.10", 80)], 10800),
      ],
      T0,
    );
    const api = t.find("TCP", "10.96.0.1", 443)!;
    t.open(api, api.dests[0], { ip: "192.168.1.5", port: 41000 }, T0);
    t.close(t.open(api, api.dests[0], { ip: "192.168.1.5", port: 41001 }, T0), T0);
    const dns = t.find("UDP", "10.96.0.10", 53)!;
    t.transfer(t.open(dns, dns.dests[0], { ip: "192.168.1.5", port: 53001 }, T0), 40, 90, T0);
    t.schedule(t.find("TCP", "10.104.7.22", 80)!, "192.168.1.5", T0);
    return t;
  }

  it("lists connections and persistence templates with their state and mm:ss left", () => {
    expect(run(connections(), "-Lnc", T0 + 5000).stdout.split("\n")).toEqual([
      "IPVS connection entries",
      "pro expire state       source             virtual            destination",
      "TCP 14:55  ESTABLISHED 192.168.1.5:41000  10.96.0.1:443      192.168.49.2:6443",
      "TCP 01:55  TIME_WAIT   192.168.1.5:41001  10.96.0.1:443      192.168.49.2:6443",
      "UDP 04:55  UDP         192.168.1.5:53001  10.96.0.10:53      192.168.0.2:53",
      "TCP 179:55 NONE        192.168.1.5:0      10.104.7.22:80     192.168.1.10:80",
      "",
    ]);
  });

  it("names the ports without -n, and takes -L -n -c and --connection as well", () => {
    const t = connections();
    expect(run(t, "-Lc", T0 + 5000).stdout.split("\n")[4]).toBe("UDP 04:55  UDP         192.168.1.5:53001  10.96.0.10:domain  192.168.0.2:domain");
    const want = run(t, "-Lnc", T0 + 5000).stdout;
    expect(run(t, "-L -n -c", T0 + 5000).stdout).toBe(want);
    expect(run(t, "--list --numeric --connection", T0 + 5000).stdout).toBe(want);
  });

  it("drops entries once they expire", () => {
    expect(run(connections(), "-Lnc", T0 + 120_000).stdout.split("\n")).toHaveLength(2 + 3 + 1);
  });
});

describe("ipvsadm's other listings and its errors", () => {
  it("prints the timeouts and saves the table as rules", () => {
    const t = referenceTable();
    expect(run(t, "-L --timeout").stdout).toBe("Timeout (tcp tcpfin udp): 900 120 300\n");
    expect(run(t, "-Sn").stdout.split("\n").slice(0, 3)).toEqual(["-A -t 10.96.0.1:443 -s rr", "-a -t 10.96.0.1:443 -r 192.168.49.2:6443 -m -w 1", "-A -t 10.96.0.10:53 -s rr"]);
    expect(run(t, "-S").stdout).toContain("-A -t 10.104.7.22:http -s rr -p 10800\n-a -t 10.104.7.22:http -r 192.168.1.10:http -m -w 1\n");
  });

  it("prints its version and help", () => {
    expect(run(referenceTable(), "-v")).toMatchObject({ stdout: "ipvsadm v1.31 2019/07/02 (compiled with popt and IPVS v1.2.1)\n", exitCode: 0 });
    expect(run(referenceTable(), "--help").stdout).toContain("  --list            -L|-l     list the table\n");
  });

  it.each([
    ["--frobnicate", "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n", 255],
    ["-n", "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n", 255],
    ["-L --frobnicate", "--frobnicate: unknown option\n", 255],
    ["-Lq", "-Lq: unknown option\n", 255],
    ["-L -t", "-t: missing argument\n", 255],
    ["-L --stats=1", "--stats=1: option does not take an argument\n", 255],
    ["-Ln -t 10.1.2.3:80", "No such service\n", 1],
    ["-Ln -t 10.1.2:80", "illegal virtual server address[:port] specified\n", 2],
    ["-Ln -t 80", "illegal virtual server address[:port] specified\n", 2],
    ["-Lnn", "multiple 'numeric' options specified\n", 2],
    ["-L -L", "invalid option `-L'\n", 2],
    ["-L -s rr", "Illegal 'scheduler' option with the 'list' command\n", 2],
    ["-Lc -t 10.96.0.1:443", "The option 'service-address' conflicts with the 'connection' option in the 'list' command\n", 2],
    ["-Lc --stats", "options conflicts in the list command\n", 2],
    ["-L extra", "unexpected argument extra\n", 2],
    ["-Z -t 10.1.2.3:80", "No such service\n", 255],
    ["-a -t 10.96.0.1:443", "You need to supply the 'real-server' option for the 'add-server' command\n", 2],
  ])("ipvsadm %s fails like the real one", (line, stderr, code) => {
    expect(run(referenceTable(), line)).toEqual({ stdout: "", stderr, exitCode: code });
  });

  it("refuses to change the table by hand: kube-proxy owns it", () => {
    const r = run(referenceTable(), "-C");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/managed by kube-proxy/);
  });
});
