/**
 * What a lesson step is about, as canvas node ids (`pod:ns/name`, `svc:ns/name`, `deploy:ns/name`,
 * `rs:ns/name`, `frame:NODE`): the ids `uiStore.focusOn` takes to bring those objects into view.
 * A Service or a Deployment brings its pods along: a step about `my-service` is about the pods
 * behind it too. Pure functions of a snapshot.
 */
import type { ClusterSnapshot } from "../engine/api";
import type { Selection } from "../ui/store";
import { livePods, podsOfDeployment, service } from "./checks";

const podIds = (pods: readonly { metadata: { namespace?: string; name: string } }[]) => pods.map((p) => `pod:${p.metadata.namespace ?? "default"}/${p.metadata.name}`);

/** A Service and the pods its selector matches now (none for a selector-less Service). */
export function serviceFocus(snapshot: ClusterSnapshot, name: string, ns = "default"): string[] {
  const selector = service(snapshot, name, ns)?.spec.selector;
  const pods = selector && Object.keys(selector).length > 0 ? livePods(snapshot, selector, ns) : [];
  return [`svc:${ns}/${name}`, ...podIds(pods)];
}

/** A Deployment and the pods it owns now. */
export function deploymentFocus(snapshot: ClusterSnapshot, name: string, ns = "default"): string[] {
  return [`deploy:${ns}/${name}`, ...podIds(podsOfDeployment(snapshot, name, ns))];
}

/** Pods by name (namespace default), whether or not they exist yet (the canvas skips those it does not draw). */
export function podFocus(names: readonly (string | undefined)[], ns = "default"): string[] {
  return names.filter((n): n is string => !!n).map((n) => `pod:${ns}/${n}`);
}

/** The canvas ids of an object the lesson selects (what the inspector then shows). */
export function selectionFocus(snapshot: ClusterSnapshot, s: Selection): string[] {
  switch (s.kind) {
    case "Pod":
      return podFocus([s.name], s.namespace || "default");
    case "Service":
      return serviceFocus(snapshot, s.name, s.namespace || "default");
    case "Deployment":
      return deploymentFocus(snapshot, s.name, s.namespace || "default");
    case "ReplicaSet":
      return [`rs:${s.namespace || "default"}/${s.name}`];
    case "Node":
      return [`frame:${s.name}`];
  }
}

/** Every node's frame: the whole cluster. */
export function nodesFocus(snapshot: ClusterSnapshot): string[] {
  return snapshot.nodes.map((n) => `frame:${n.metadata.name}`);
}

/** Several lists as one, each id once. */
export function focusOf(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}
