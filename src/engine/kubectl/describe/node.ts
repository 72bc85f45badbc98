// `kubectl describe node` (describe.go `describeNode`, `describeNodeLease`, `describeNodeResource`).
import type { Node, Pod } from "../../cluster/types";
import { goStringCompare } from "../../cluster/validation/field";
import { describeEvents, searchEvents } from "./events";
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z, since } from "./format";
import type { DescribeEnv } from "./env";
import { ZERO, addQuantity, formatQuantity, milliValue, parseQuantity, unitValue, type Quantity } from "./quantity";
import { podLimits, podRequests, type ResourceList } from "./resources";
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from "./writer";

const ROLE_PREFIX = "node-role.kubernetes.io/";

/** `findNodeRoles`: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === "kubernetes.io/role" && v !== "") roles.add(v);
  }
  return [...roles].sort(goStringCompare);
}

/** The kubelet renews its Lease in kube-node-lease every 10 s (a quarter of the 40 s duration). */
const LEASE_RENEW_MS = 10_000;

/**
 * Podflow keeps no Lease objects; every kubelet holds one named like its node. Its RenewTime is
 * the last 10-second renewal since the node registered; kubelets never set AcquireTime.
 */
function describeLease(node: Node, env: DescribeEnv, w: PrefixWriter): void {
  const created = Date.parse(node.metadata.creationTimestamp);
  const renew = created + Math.floor(Math.max(0, env.now - created) / LEASE_RENEW_MS) * LEASE_RENEW_MS;
  w.write(LEVEL_0, "Lease:\n");
  w.write(LEVEL_1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(LEVEL_1, "AcquireTime:\t<unset>\n");
  w.write(LEVEL_1, `RenewTime:\t${rfc1123z(new Date(renew).toISOString())}\n`);
}

function resourceMap(m: Record<string, string> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(m ?? {})) {
    const q = parseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

const get = (l: ResourceList, k: string): Quantity => l.get(k) ?? ZERO;
const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

function describeNodeResource(pods: Pod[], node: Node, env: DescribeEnv, w: PrefixWriter): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const allocatable = resourceMap(Object.keys(node.status.allocatable ?? {}).length > 0 ? node.status.allocatable : node.status.capacity);
  const cpuAlloc = milliValue(get(allocatable, "cpu"));
  const memAlloc = unitValue(get(allocatable, "memory"));
  for (const pod of pods) {
    const req = podRequests(pod);
    const lim = podLimits(pod);
    const cpuReq = get(req, "cpu");
    const cpuLim = get(lim, "cpu");
    const memReq = get(req, "memory");
    const memLim = get(lim, "memory");
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ""}\t${pod.metadata.name}\t\t${formatQuantity(cpuReq)} (${pct(milliValue(cpuReq), cpuAlloc)}%)\t${formatQuantity(cpuLim)} (${pct(milliValue(cpuLim), cpuAlloc)}%)\t${formatQuantity(memReq)} (${pct(unitValue(memReq), memAlloc)}%)\t${formatQuantity(memLim)} (${pct(unitValue(memLim), memAlloc)}%)\t${since(pod.metadata.creationTimestamp, env.now)}\n`,
    );
  }
  w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
  w.write(LEVEL_1, "--------\t--------\t------\n");
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    for (const [k, q] of podRequests(pod)) reqs.set(k, reqs.has(k) ? addQuantity(reqs.get(k)!, q) : q);
    for (const [k, q] of podLimits(pod)) limits.set(k, limits.has(k) ? addQuantity(limits.get(k)!, q) : q);
  }
  const row = (name: string, value: (q: Quantity) => number, whole: number) => {
    const r = get(reqs, name);
    const l = get(limits, name);
    w.write(LEVEL_1, `${name}\t${formatQuantity(r)} (${pct(value(r), whole)}%)\t${formatQuantity(l)} (${pct(value(l), whole)}%)\n`);
  };
  row("cpu", milliValue, cpuAlloc);
  row("memory", unitValue, memAlloc);
  row("ephemeral-storage", unitValue, unitValue(get(allocatable, "ephemeral-storage")));
  const names = [...allocatable.keys()];
  const hugePages = names.filter((n) => n.startsWith("hugepages-")).sort(goStringCompare);
  const standard = new Set(["cpu", "memory", "ephemeral-storage", "pods"]);
  const ext = names.filter((n) => !n.startsWith("hugepages-") && !standard.has(n) && !n.startsWith("requests.") && !n.startsWith("limits.")).sort(goStringCompare);
  for (const n of hugePages) row(n, unitValue, unitValue(get(allocatable, n)));
  for (const n of ext) w.write(LEVEL_1, `${n}\t${formatQuantity(get(reqs, n))}\t${formatQuantity(get(limits, n))}\n`);
}

export function describeNode(node: Node, env: DescribeEnv): string {
  const pods = env.store.list("Pod").filter((p) => p.spec.nodeName === node.metadata.name && p.status.phase !== "Succeeded" && p.status.phase !== "Failed");
  // Node events: the controllers' (involvedObject.uid = node UID) then the kubelet's (uid = name).
  const events = env.showEvents
    ? [...searchEvents(env.store, { namespace: "", name: node.metadata.name, kind: "Node", uid: node.metadata.uid }), ...searchEvents(env.store, { namespace: "", name: node.metadata.name, kind: "Node", uid: node.metadata.name })]
    : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(",") : "<none>"}\n`);
    printLabelsMultiline(w, "Labels", node.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, "Taints", node.spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${node.spec.unschedulable ? "true" : "false"}\n`);
    describeLease(node, env, w);
    const conditions = node.status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason} \t${c.message}\n`);
    }
    w.write(LEVEL_0, "Addresses:\n");
    for (const a of node.status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printResources = (m: Record<string, string>) => {
      for (const k of Object.keys(m).sort(goStringCompare)) {
        const q = parseQuantity(m[k]);
        w.write(LEVEL_0, `  ${k}:\t${q ? formatQuantity(q) : m[k]}\n`);
      }
    };
    if (Object.keys(node.status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, "Capacity:\n");
      printResources(node.status.capacity);
    }
    if (Object.keys(node.status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, "Allocatable:\n");
      printResources(node.status.allocatable);
    }
    const info = node.status.nodeInfo;
    w.write(LEVEL_0, "System Info:\n");
    w.write(LEVEL_0, `  Machine ID:\t${info.machineID}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info.systemUUID}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info.bootID}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info.osImage}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info.architecture}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion}\n`);
    // v1.33 still prints the deprecated field, empty since kubelets stopped setting it (v1.31).
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ""}\n`);
    if (node.spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if (node.spec.podCIDRs && node.spec.podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(",")}\n`);
    const providerID = (node.spec as { providerID?: string }).providerID;
    if (providerID) w.write(LEVEL_0, `ProviderID:\t${providerID}\n`);
    describeNodeResource(pods, node, env, w);
    if (events) describeEvents(events, w, env.now);
  });
}
