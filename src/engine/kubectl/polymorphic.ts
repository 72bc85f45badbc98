/**
 * kubectl's per-kind helpers (k8s.io/kubectl/pkg/polymorphichelpers), as tables keyed by kind
 * instead of type switches: which pods an object selects (`logs`, `attach`, `exec`) and which pod
 * spec it carries (`set image|env|resources|serviceaccount`). A kind that runs pods adds a line to
 * each table.
 */
import { selectorFromLabelSelector, type Selector } from "../cluster/labels";
import type { Kind, ObjectOfKind, PodSpec } from "../cluster/types";

export type SelectorResult = { ok: true; selector: Selector } | { ok: false; error: string };

/** The Go type kubectl names in "cannot get the logs from *v1.ConfigMap". */
export function goType(kind: string): string {
  return `*v1.${kind}`;
}

type PerKind<R> = { readonly [K in Kind]?: (o: ObjectOfKind<K>) => R };

/** Models polymorphichelpers/selectorsforobject.go `SelectorsForObject`. */
const POD_SELECTORS: PerKind<SelectorResult> = {
  Service: (o) =>
    !o.spec.selector || Object.keys(o.spec.selector).length === 0
      ? { ok: false, error: `invalid service '${o.metadata.name}': Service is defined without a selector` }
      : { ok: true, selector: selectorFromLabelSelector({ matchLabels: o.spec.selector }) },
  DaemonSet: (o) => ({ ok: true, selector: selectorFromLabelSelector(o.spec.selector) }),
  Deployment: (o) => ({ ok: true, selector: selectorFromLabelSelector(o.spec.selector) }),
  ReplicaSet: (o) => ({ ok: true, selector: selectorFromLabelSelector(o.spec.selector) }),
};

/** Models polymorphichelpers/updatepodspec.go `updatePodSpecForObject`. */
const POD_SPECS: PerKind<PodSpec> = {
  Pod: (o) => o.spec,
  DaemonSet: (o) => o.spec.template.spec,
  Deployment: (o) => o.spec.template.spec,
  ReplicaSet: (o) => o.spec.template.spec,
};

function lookup<R>(table: PerKind<R>, o: ObjectOfKind<Kind>): ((o: ObjectOfKind<Kind>) => R) | undefined {
  return table[o.kind] as ((o: ObjectOfKind<Kind>) => R) | undefined;
}

/** The label selector of an object that selects pods. */
export function podSelectorOf(o: ObjectOfKind<Kind>): SelectorResult {
  return lookup(POD_SELECTORS, o)?.(o) ?? { ok: false, error: `selector for ${goType(o.kind)} not implemented` };
}

/** The pod spec an object carries: a Pod's own, or its template's; undefined for other kinds. */
export function podSpecOf(o: ObjectOfKind<Kind>): PodSpec | undefined {
  return lookup(POD_SPECS, o)?.(o);
}
