/**
 * What the API server's admission plugins add to every new pod, and the QoS class its status
 * carries. Models plugin/pkg/admission/defaulttolerationseconds, plugin/pkg/admission/serviceaccount
 * (the projected token volume) and pkg/apis/core/helper/qos `GetPodQOS`.
 */
import type { Pod } from "./types";

/**
 * The DefaultTolerationSeconds admission plugin: pods that do not already tolerate the
 * not-ready / unreachable NoExecute taints get them for 300 s.
 */
export function addDefaultTolerations(pod: Pod): void {
  const tol = (pod.spec.tolerations ??= []);
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    const covered = tol.some((t) => (t.effect === "NoExecute" || !t.effect) && (t.key === key || (!t.key && t.operator === "Exists")));
    if (!covered) tol.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
  }
}

/** `qos.GetPodQOS`: Guaranteed when every container's cpu and memory limits equal its requests. */
export function qosClass(pod: Pod): string {
  const res = pod.spec.containers.map((c) => (c.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> });
  if (res.every((r) => Object.keys(r.requests ?? {}).length === 0 && Object.keys(r.limits ?? {}).length === 0)) return "BestEffort";
  const guaranteed = res.every((r) => ["cpu", "memory"].every((k) => r.limits?.[k] !== undefined && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]));
  return guaranteed ? "Guaranteed" : "Burstable";
}

/**
 * The ServiceAccount admission plugin: every pod (but static mirror pods) gets the projected
 * `kube-api-access-xxxxx` volume with the token, the CA and its namespace, mounted read-only.
 */
export function mountServiceAccountToken(pod: Pod, rngName: () => string): void {
  if (pod.metadata.annotations?.["kubernetes.io/config.source"] === "file") return;
  if (pod.spec.volumes?.some((v) => String(v.name).startsWith("kube-api-access-"))) return;
  const name = `kube-api-access-${rngName()}`;
  pod.spec.volumes = [
    ...(pod.spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
        ],
      },
    },
  ];
  for (const c of pod.spec.containers) {
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", name, readOnly: true }];
  }
}
