import { describe, expect, it } from "vitest";
import { createCluster } from "./index";
import { COMMANDS } from "./kubectl/verbs";
import type { Command } from "./kubectl/command";

const STORY = [
  "kubectl create deployment test --image=nginx --replicas=2",
  "sleep 5",
  "kubectl expose deploy test --port=8080 --target-port=80 --name=my-service",
  "kubectl get pods -o wide",
  "kubectl delete pod -l app=test",
  "kubectl get svc,ep -o wide",
  "kubectl get endpointslices -o yaml",
];

describe("createCluster", () => {
  it("is deterministic: the same seed and the same lines give the same output, byte for byte", () => {
    const run = (seed: number) => {
      const c = createCluster({ seed });
      return STORY.map((l) => c.exec(l).output).join("\n");
    };
    expect(run(42)).toBe(run(42));
    expect(run(42)).not.toBe(run(43));
  });

  it("returns a settled cluster: three Ready nodes and every system pod Running", () => {
    const c = createCluster();
    const s = c.snapshot();
    expect(s.nodes.map((n) => n.metadata.name)).toEqual(["controlplane", "node01", "node02"]);
    expect(s.pods.length).toBeGreaterThanOrEqual(13);
    for (const p of s.pods) expect([p.metadata.name, p.status.phase]).toEqual([p.metadata.name, "Running"]);
    expect(s.services.map((x) => `${x.metadata.namespace}/${x.metadata.name} ${x.spec.clusterIP}`)).toEqual([
      "default/kubernetes 10.96.0.1",
      "kube-system/kube-dns 10.96.0.10",
    ]);
  });

  it("honours the ranges and the worker count, and records them where kubeadm does", () => {
    const c = createCluster({ workers: 3, serviceCidr: "10.100.0.0/16", podCidr: "10.244.0.0/16", nodeCidr: "192.168.56.0/24" });
    const s = c.snapshot();
    expect(s.nodes).toHaveLength(4);
    expect(s.ranges.nodes.map((n) => n.ip)).toEqual(["192.168.56.2", "192.168.56.3", "192.168.56.4", "192.168.56.5"]);
    expect(s.services.find((x) => x.metadata.name === "kube-dns")?.spec.clusterIP).toBe("10.100.0.10");
    const cm = c.exec("kubectl get cm kubeadm-config -n kube-system -o jsonpath={.data.ClusterConfiguration}").stdout;
    expect(cm).toContain("podSubnet: 10.244.0.0/16");
    expect(cm).toContain("serviceSubnet: 10.100.0.0/16");
    for (const b of s.ranges.podBlocks) expect(b.cidr.startsWith("10.244.")).toBe(true);
  });

  it("refuses bad or overlapping ranges with a clear error", () => {
    expect(() => createCluster({ serviceCidr: "10.96.0.0/8" })).toThrow(/mask must be >= 12/);
    expect(() => createCluster({ podCidr: "10.96.0.0/16" })).toThrow(/overlaps/);
    expect(() => createCluster({ nodeCidr: "nonsense" })).toThrow(/invalid nodeCidr/);
    expect(() => createCluster({ workers: -1 })).toThrow(/workers/);
  });

  it("stores proxyMode and ipvsScheduler in the kube-proxy ConfigMap", () => {
    const c = createCluster({ proxyMode: "ipvs", ipvsScheduler: "lc" });
    const conf = c.exec("kubectl get cm kube-proxy -n kube-system -o jsonpath='{.data.config\\.conf}'").stdout;
    expect(conf).toContain('mode: "ipvs"');
    expect(conf).toContain('scheduler: "lc"');
  });

  it("advances virtual time only when asked, and blocking commands move it", () => {
    const c = createCluster();
    const t0 = c.now();
    c.advance(2500);
    expect(c.now() - t0).toBe(2500);
    c.exec("sleep 10");
    expect(c.now() - t0).toBeGreaterThanOrEqual(12_500);
  });

  it("keeps unchanged objects' identity between snapshots and notifies subscribers", () => {
    const c = createCluster();
    const before = c.snapshot();
    const seen: number[] = [];
    const stop = c.subscribe((s) => seen.push(s.version));
    c.exec("kubectl create deployment web --image=nginx");
    c.advance(5000);
    const after = c.snapshot();
    expect(seen.length).toBeGreaterThan(0);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.nodes[0]).toBe(before.nodes[0]);
    expect(after.pods.some((p) => p.metadata.name.startsWith("web-"))).toBe(true);
    stop();
    const count = seen.length;
    c.advance(1000);
    expect(seen.length).toBe(count);
    expect(c.snapshot()).toBe(c.snapshot());
  });

  it("keeps the ranges view's identity while no range changed, and gives a new one when one did", () => {
    const c = createCluster();
    c.exec("kubectl create deployment web --image=nginx");
    c.advance(5000);
    const before = c.snapshot();
    const pod = before.pods.find((p) => p.metadata.name.startsWith("web-"))!.metadata.name;
    c.exec(`kubectl label pod ${pod} color=blue`);
    const relabelled = c.snapshot();
    expect(relabelled.version).toBeGreaterThan(before.version);
    expect(relabelled.ranges).toBe(before.ranges);
    c.exec("kubectl expose deployment web --port=80");
    const exposed = c.snapshot();
    expect(exposed.ranges).not.toBe(before.ranges);
    expect(exposed.ranges.clusterIPs.length).toBe(before.ranges.clusterIPs.length + 1);
  });

  it("keeps shell context across lines: ssh and exit change the prompt", () => {
    const c = createCluster();
    expect(c.prompt()).toBe("controlplane:~$ ");
    c.exec("ssh node01");
    expect(c.prompt()).toBe("node01:~$ ");
    expect(c.exec("hostname").stdout).toBe("node01\n");
    c.exec("exit");
    expect(c.prompt()).toBe("controlplane:~$ ");
  });

  it("ssh NODE COMMAND runs the command on that node and stays where it was, like ssh", () => {
    const c = createCluster();
    expect(c.exec("ssh node01 hostname")).toMatchObject({ stdout: "node01\n", exitCode: 0 });
    expect(c.prompt()).toBe("controlplane:~$ ");
    // The words are joined and parsed again on the node: a quoted pipe runs there.
    const remote = c.exec('ssh -p 22 root@node02 "iptables-save -t nat | grep -c KUBE-SVC"');
    expect(remote.exitCode).toBe(0);
    expect(Number(remote.stdout)).toBeGreaterThan(0);
    // kubectl on a worker has no kubeconfig, over ssh too.
    expect(c.exec("ssh node01 kubectl get pods").stderr).toContain("localhost:8080 was refused");
    // An exit inside the remote command does not leave the local shell.
    c.exec("ssh node01");
    c.exec('ssh node02 "exit; exit; exit"');
    expect(c.prompt()).toBe("node01:~$ ");
    expect(c.exec("ssh nowhere hostname")).toMatchObject({ exitCode: 255, stderr: "ssh: Could not resolve hostname nowhere: Name or service not known\n" });
  });

  it("expands $(command), backquotes, $NAME, ${NAME} and $? as bash does, one command at a time", () => {
    const c = createCluster();
    c.exec("kubectl create deployment web --image=nginx");
    c.exec("kubectl expose deployment web --port=80 --type=NodePort");
    c.advance(30_000);
    const port = String(c.snapshot().services.find((s) => s.metadata.name === "web")!.spec.ports![0].nodePort);
    // An assignment alone sets a variable; the next command on the line already sees it.
    expect(c.exec(`NP=$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}'); echo "port $NP"`).stdout).toBe(`port ${port}\n`);
    expect(c.exec("curl -s -o /dev/null -w '%{http_code}' localhost:$NP").stdout).toBe("200");
    // Unquoted results are split into words; quoted ones stay one word; single quotes expand nothing.
    expect(c.exec("echo $(printf-free)  `hostname`").output).toContain("printf-free: command not found"); // a substitution's errors show
    expect(c.exec('echo "$(echo a   b)" $(echo a   b)').stdout).toBe("a b a b\n");
    expect(c.exec("echo '$NP' \\$NP ${NP}x").stdout).toBe(`$NP $NP ${port}x\n`);
    expect(c.exec("false; echo $?; true; echo $?").stdout).toBe("1\n0\n");
    expect(c.exec("export A=1 B=2; echo $A$B$UNSET.").stdout).toBe("12.\n");
    expect(c.exec("unset A; echo [$A]").stdout).toBe("[]\n");
    expect(c.exec("export 1x=2")).toMatchObject({ stderr: "bash: export: `1x=2': not a valid identifier\n", exitCode: 1 });
    expect(c.exec("echo $(hostname")).toMatchObject({ stderr: "bash: unexpected EOF while looking for matching `)'\n", exitCode: 2 });
    // $5 is an (empty) positional parameter; a dollar sign that starts nothing is a dollar sign.
    expect(c.exec('echo "$5 and $ or $."').stdout).toBe(" and $ or $.\n");
  });

  it("returns errors as results: a bad command changes nothing and exits 1", () => {
    const c = createCluster();
    const v = c.snapshot().version;
    const r = c.exec("kubectl delete pod nope");
    expect(r).toMatchObject({ stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(c.snapshot().version).toBe(v);
    expect(c.exec("nosuchcommand").exitCode).toBe(127);
  });

  it("answers --help for every kubectl command and sub-command, with kubectl's Usage section", () => {
    const c = createCluster();
    const paths: string[] = [];
    const walk = (cmd: Command, prefix: string) => {
      const path = `${prefix} ${cmd.name}`;
      paths.push(path);
      for (const sub of cmd.subcommands ?? []) walk(sub, path);
    };
    for (const cmd of COMMANDS) walk(cmd, "kubectl");
    expect(paths.length).toBeGreaterThan(40);
    for (const path of paths) {
      const r = c.exec(`${path} --help`);
      expect([path, r.exitCode]).toEqual([path, 0]);
      expect(r.stdout).toMatch(/\nUsage:\n {2}kubectl /);
    }
    expect(c.exec("kubectl").stdout).toMatch(/^kubectl controls the Kubernetes cluster manager\./);
  });
});
