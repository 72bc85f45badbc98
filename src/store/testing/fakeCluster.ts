/**
 * A small stand-in for the engine's Cluster, for the store's unit tests and for previewing the UI
 * without the engine. It knows three nodes, a few kube-system pods, `kubectl get nodes` and
 * `kubectl create deployment NAME --image=IMAGE`; nothing else. Not used by the app itself.
 */
import type { Cluster, ClusterSnapshot, ExecResult } from "../../engine/api";
import type { Node, Pod, Service } from "../../engine/cluster/types";

const START = Date.UTC(2025, 0, 1);

function node(name: string, ip: string, controlPlane: boolean): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: "1",
      creationTimestamp: new Date(START).toISOString(),
      labels: controlPlane ? { "node-role.kubernetes.io/control-plane": "" } : {},
    },
    spec: {},
    status: {
      addresses: [{ type: "InternalIP", address: ip }],
      allocatable: {},
      capacity: {},
      conditions: [
        { type: "Ready", status: "True", lastHeartbeatTime: "", lastTransitionTime: "", reason: "", message: "" },
      ],
      nodeInfo: {} as Node["status"]["nodeInfo"],
    },
  };
}

function pod(name: string, namespace: string, nodeName: string, ip: string | undefined, labels = {}): Pod {
  const running = ip !== undefined;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, uid: `uid-${namespace}-${name}`, resourceVersion: "1", creationTimestamp: "", labels },
    spec: { nodeName, containers: [{ name: "c", image: "img" }] },
    status: {
      phase: running ? "Running" : "Pending",
      podIP: ip,
      conditions: [{ type: "Ready", status: running ? "True" : "False", lastProbeTime: null, lastTransitionTime: "" }],
      containerStatuses: [
        {
          name: "c",
          image: "img",
          imageID: "",
          ready: running,
          started: running,
          restartCount: 0,
          state: running ? { running: { startedAt: "" } } : { waiting: { reason: "ContainerCreating" } },
          lastState: {},
        },
      ],
    },
  };
}

function service(name: string, namespace: string, ip: string, port: number, selector?: Record<string, string>): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace, uid: `uid-svc-${name}`, resourceVersion: "1", creationTimestamp: "" },
    spec: {
      type: "ClusterIP",
      clusterIP: ip,
      selector,
      sessionAffinity: "None",
      ports: [{ protocol: "TCP", port, targetPort: port === 443 ? 6443 : port }],
    },
    status: { loadBalancer: {} },
  };
}

/** Creates the fake. `throwOn` makes exec throw for that exact line (to test the error path). */
export function createFakeCluster(opts: { throwOn?: string } = {}): Cluster {
  let time = START;
  let version = 1;
  let nextIp = 10;
  const pending: { pod: Pod; readyAt: number }[] = [];
  let pods: Pod[] = [
    pod("coredns-674b8bbfcf-2xk9p", "kube-system", "controlplane", "192.168.0.2", { "k8s-app": "kube-dns" }),
    pod("coredns-674b8bbfcf-8wq4t", "kube-system", "controlplane", "192.168.0.3", { "k8s-app": "kube-dns" }),
    pod("kube-proxy-abcde", "kube-system", "controlplane", "172.30.1.2"),
    pod("kube-proxy-fghij", "kube-system", "node01", "172.30.1.3"),
    pod("kube-proxy-klmno", "kube-system", "node02", "172.30.1.4"),
  ];
  const nodes = [
    node("controlplane", "172.30.1.2", true),
    node("node01", "172.30.1.3", false),
    node("node02", "172.30.1.4", false),
  ];
  const services = [
    service("kubernetes", "default", "10.96.0.1", 443),
    service("kube-dns", "kube-system", "10.96.0.10", 53, { "k8s-app": "kube-dns" }),
  ];
  const listeners = new Set<(s: ClusterSnapshot) => void>();
  let cached: ClusterSnapshot | undefined;

  const snapshot = (): ClusterSnapshot =>
    (cached ??= {
      version,
      time,
      objects: { Node: nodes, Pod: pods, Service: services },
      namespaces: [],
      nodes,
      pods,
      services,
      endpoints: [],
      endpointSlices: [],
      deployments: [],
      replicaSets: [],
      daemonSets: [],
      configMaps: [],
      events: [],
      ranges: {
        nodeCidr: "172.30.1.0/24",
        podCidr: "192.168.0.0/16",
        serviceCidr: "10.96.0.0/12",
        nodes: nodes.map((n) => ({ name: n.metadata.name, ip: n.status.addresses[0].address })),
        podBlocks: [
          { cidr: "192.168.0.0/26", node: "controlplane", used: 2, size: 64 },
          { cidr: "192.168.1.0/26", node: "node01", used: 0, size: 64 },
          { cidr: "192.168.2.0/26", node: "node02", used: 0, size: 64 },
        ],
        clusterIPs: services.map((s) => ({ ip: s.spec.clusterIP ?? "", namespace: s.metadata.namespace ?? "", name: s.metadata.name })),
      },
    });

  const changed = () => {
    version++;
    cached = undefined;
    const s = snapshot();
    for (const l of listeners) l(s);
  };

  const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0, output: stdout });

  return {
    options: {} as Cluster["options"],
    exec(line) {
      if (line === opts.throwOn) throw new Error("invariant broken: fake");
      const words = line.trim().split(/\s+/);
      if (line.trim() === "kubectl get nodes") {
        const rows = nodes.map((n) => `${n.metadata.name.padEnd(14)}Ready    ${n.metadata.name === "controlplane" ? "control-plane" : "<none>       "}   1m    v1.33.0`);
        return ok(["NAME          STATUS   ROLES           AGE   VERSION", ...rows].join("\n") + "\n");
      }
      if (words[0] === "kubectl" && words[1] === "create" && words[2] === "deployment" && words[3]) {
        const name = words[3];
        const p = pod(`${name}-7c5ddbdf54-x2m8q`, "default", "node01", undefined, { app: name });
        pods = [...pods, p];
        pending.push({ pod: p, readyAt: time + 1500 });
        changed();
        return ok(`deployment.apps/${name} created\n`);
      }
      const stderr = `error: unknown command "${line}" for the fake cluster\n`;
      return { stdout: "", stderr, exitCode: 1, output: stderr };
    },
    advance(ms) {
      time += ms;
      for (const item of pending.splice(0)) {
        if (item.readyAt > time) {
          pending.push(item);
          continue;
        }
        const done = pod(item.pod.metadata.name, "default", "node01", `192.168.1.${nextIp++}`, item.pod.metadata.labels);
        pods = pods.map((p) => (p === item.pod ? done : p));
        changed();
      }
    },
    now: () => time,
    prompt: () => "controlplane:~$ ",
    traffic: {
      start: () => ({ ok: false, error: "the fake cluster sends no traffic" }),
      stop: () => false,
      running: () => [],
      metrics: () => ({ pods: {}, targets: {}, nodes: {} }),
      resetMetrics: () => undefined,
      flows: () => [],
      onFlow: () => () => undefined,
    },
    proxies: () => [],
    nodeRules: () => [],
    conntrack: () => [],
    snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
