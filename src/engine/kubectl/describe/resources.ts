// Pod resource arithmetic used by describe: QoS class (`qos.GetPodQOS`) and the pod's effective
// requests and limits (`component-helpers/resource.PodRequests` / `PodLimits`).
import type { Container, Pod } from "../../cluster/types";
import { addQuantity, maxQuantity, parseQuantity, type Quantity } from "./quantity";

export type ResourceList = Map<string, Quantity>;

interface Resources {
  requests?: Record<string, string | number>;
  limits?: Record<string, string | number>;
}

function toList(m: Record<string, string | number> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(m ?? {})) {
    const q = parseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

/** A container's requests; as the API server defaults them, a limit without a request is both. */
function containerRequests(c: Container): ResourceList {
  const r = (c.resources ?? {}) as Resources;
  const reqs = toList(r.requests);
  for (const [k, q] of toList(r.limits)) if (!reqs.has(k)) reqs.set(k, q);
  return reqs;
}

function containerLimits(c: Container): ResourceList {
  return toList(((c.resources ?? {}) as Resources).limits);
}

function addList(into: ResourceList, add: ResourceList): void {
  for (const [k, q] of add) {
    const cur = into.get(k);
    into.set(k, cur ? addQuantity(cur, q) : q);
  }
}

function maxList(into: ResourceList, other: ResourceList): void {
  for (const [k, q] of other) {
    const cur = into.get(k);
    into.set(k, cur ? maxQuantity(cur, q) : q);
  }
}

function aggregate(pod: Pod, of: (c: Container) => ResourceList): ResourceList {
  const total: ResourceList = new Map();
  for (const c of pod.spec.containers) addList(total, of(c));
  const sidecars: ResourceList = new Map();
  const init: ResourceList = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    let reqs = of(c);
    if ((c as { restartPolicy?: string }).restartPolicy === "Always") {
      addList(total, reqs);
      addList(sidecars, reqs);
      reqs = new Map(sidecars);
    } else {
      const tmp: ResourceList = new Map();
      addList(tmp, reqs);
      addList(tmp, sidecars);
      reqs = tmp;
    }
    maxList(init, reqs);
  }
  maxList(total, init);
  return total;
}

export function podRequests(pod: Pod): ResourceList {
  return aggregate(pod, containerRequests);
}

export function podLimits(pod: Pod): ResourceList {
  return aggregate(pod, containerLimits);
}

/**
 * `qos.ComputePodQOS` from cpu/memory requests and limits. kubectl's `GetPodQOS` prefers
 * `status.qosClass`, which a real API server always computes this way at creation; computing it
 * here keeps describe right even where the stored status was filled in more simply.
 */
export function podQOS(pod: Pod): string {
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  let guaranteed = true;
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    const r = (c.resources ?? {}) as Resources;
    for (const [k, q] of containerRequests(c)) {
      if ((k !== "cpu" && k !== "memory") || q.nanos <= 0n) continue;
      const cur = requests.get(k);
      requests.set(k, cur ? addQuantity(q, cur) : q);
    }
    const found = new Set<string>();
    for (const [k, q] of toList(r.limits)) {
      if ((k !== "cpu" && k !== "memory") || q.nanos <= 0n) continue;
      found.add(k);
      const cur = limits.get(k);
      limits.set(k, cur ? addQuantity(q, cur) : q);
    }
    if (!found.has("cpu") || !found.has("memory")) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [k, q] of requests) {
      const l = limits.get(k);
      if (!l || l.nanos !== q.nanos) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
