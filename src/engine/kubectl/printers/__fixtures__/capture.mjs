// Regenerates kubectl.json from a REAL kubectl client (not used by the tests at run time).
//
//   node src/engine/kubectl/printers/__fixtures__/capture.mjs
//
// It starts a stub Kubernetes API server on 127.0.0.1:18080 that serves discovery for core/v1
// pods and the objects being captured, points kubectl at it with a temporary kubeconfig, runs
// `kubectl get ... -o yaml|json|jsonpath=...|custom-columns=...`, and records stdout, stderr and
// the exit code next to each input. Requires `kubectl` on PATH (captured with v1.32.4).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import cp from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const inputs = path.join(here, "inputs");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "podflow-kubectl-"));
const kubeconfig = path.join(tmp, "kubeconfig");
fs.writeFileSync(
  kubeconfig,
  "apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: \"http://127.0.0.1:18080\"}\n  name: stub\n" +
    "contexts:\n- context: {cluster: stub, namespace: default, user: u}\n  name: stub\ncurrent-context: stub\n" +
    "users:\n- name: u\n  user: {}\n",
);

let pods = [];
function setPods(objs) {
  pods = objs;
}
const server = http.createServer((req, res) => {
  const u = req.url.split("?")[0];
  const send = (code, obj) => {
    res.writeHead(code, { "Content-Type": "application/json" });
    res.end(JSON.stringify(obj));
  };
  if (u === "/api") return send(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:18080" }] });
  if (u === "/apis") return send(200, { kind: "APIGroupList", apiVersion: "v1", groups: [] });
  if (u === "/api/v1") return send(200, { kind: "APIResourceList", groupVersion: "v1", resources: [{ name: "pods", singularName: "pod", namespaced: true, kind: "Pod", verbs: ["get", "list"], shortNames: ["po"] }] });
  if (u === "/version") return send(200, { major: "1", minor: "33", gitVersion: "v1.33.0" });
  if (/^\/api\/v1\/(namespaces\/[^/]+\/)?pods$/.test(u)) return send(200, { kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: "123" }, items: pods });
  const m = u.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/);
  const it = m && pods.find((p) => p.metadata.name === m[2]);
  if (it) return send(200, it);
  send(404, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "not found", reason: "NotFound", code: 404 });
});

function kubectl(args) {
  return new Promise((resolve) => {
    const child = cp.spawn("kubectl", args, { env: { ...process.env, KUBECONFIG: kubeconfig } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}
const run = kubectl;
const load = (f) => JSON.parse(fs.readFileSync(path.join(inputs, f), "utf8"));

await new Promise((r) => server.listen(18080, "127.0.0.1", r));

const asPod = (o, name) => ({ ...o, apiVersion: "v1", kind: "Pod", metadata: { ...(o.metadata || {}), name, namespace: "default" } });

// ---------- objects for -o yaml / -o json
const service = {
  apiVersion: "v1", kind: "Pod",
  metadata: {
    annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app.kubernetes.io/component":"exporter","app.kubernetes.io/name":"kube-state-metrics","app.kubernetes.io/version":"2.3.0"},"name":"kube-state-metrics","namespace":"kube-system"},"spec":{"ports":[{"name":"http-metrics","port":8080,"targetPort":"http-metrics"},{"name":"telemetry","port":8081,"targetPort":"telemetry"}],"selector":{"app.kubernetes.io/name":"kube-state-metrics"}}}\n' },
    creationTimestamp: "2023-01-03T10:24:14Z",
    labels: { "app.kubernetes.io/component": "exporter", "app.kubernetes.io/name": "kube-state-metrics", "app.kubernetes.io/version": "2.3.0" },
    name: "kube-state-metrics", namespace: "default", resourceVersion: "100977850", uid: "084f1482-511e-40f5-a270-ab7e67c81d57",
  },
  spec: {
    clusterIP: "172.20.166.31", clusterIPs: ["172.20.166.31"], internalTrafficPolicy: "Cluster", ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack",
    ports: [{ name: "http-metrics", port: 8080, protocol: "TCP", targetPort: "http-metrics" }, { name: "telemetry", port: 8081, protocol: "TCP", targetPort: "telemetry" }],
    selector: { "app.kubernetes.io/name": "kube-state-metrics" }, sessionAffinity: "None", type: "ClusterIP",
  },
  status: { loadBalancer: {} },
};
const deployment = {
  apiVersion: "v1", kind: "Pod",
  metadata: { annotations: { "deployment.kubernetes.io/revision": "1" }, creationTimestamp: "2024-05-01T08:00:00Z", generation: 1, labels: { app: "nginx" }, name: "nginx", namespace: "default", resourceVersion: "4521", uid: "1b6f0c8e-5d0a-4c5e-9f1e-0d8c1b1b2a3c" },
  spec: {
    progressDeadlineSeconds: 600, replicas: 3, revisionHistoryLimit: 10, selector: { matchLabels: { app: "nginx" } },
    strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" }, type: "RollingUpdate" },
    template: { metadata: { creationTimestamp: null, labels: { app: "nginx" } }, spec: { containers: [{ image: "nginx:1.25", imagePullPolicy: "IfNotPresent", name: "nginx", ports: [{ containerPort: 80, protocol: "TCP" }], resources: {}, terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" }], dnsPolicy: "ClusterFirst", restartPolicy: "Always", schedulerName: "default-scheduler", securityContext: {}, terminationGracePeriodSeconds: 30 } },
  },
  status: {
    availableReplicas: 3, conditions: [
      { lastTransitionTime: "2024-05-01T08:00:05Z", lastUpdateTime: "2024-05-01T08:00:05Z", message: "Deployment has minimum availability.", reason: "MinimumReplicasAvailable", status: "True", type: "Available" },
      { lastTransitionTime: "2024-05-01T08:00:00Z", lastUpdateTime: "2024-05-01T08:00:05Z", message: 'ReplicaSet "nginx-7c5ddbdf54" has successfully progressed.', reason: "NewReplicaSetAvailable", status: "True", type: "Progressing" },
      { lastTransitionTime: "2024-05-01T08:00:00Z", message: "Back-off pulling image \"registry.example.com/team/some-really-long-image-name:v1.2.3\": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image", reason: "BackOff", status: "False", type: "Waiting" },
    ],
    observedGeneration: 1, readyReplicas: 3, replicas: 3, updatedReplicas: 3,
  },
};
const nest = load("nest.json"); nest.spec.j = "a \u0085  b"; nest.spec.k = "a\u0085\u0085b";
const strs = load("strs.json");
const qq = { apiVersion: "v1", kind: "Pod", metadata: { name: "q" }, spec: { s: 'tab\there "q" back\\slash nl\n cr\r bell\u0007 nbsp\u00a0 lsep\u2028 psep\u2029 bom\ufeff zw\u200b emoji\u{1F600} é 日本 esc\u001b <&>', e: "", arr: [], neg: -5, f: 1e20, ff: 2.5e-7, u: Number("12345678901234567890"), big: 1e30, long: "x ".repeat(60) + "end", longq: "a: " + "y ".repeat(60), longd: "\t" + "z ".repeat(60) } };
const lits = { apiVersion: "v1", kind: "Pod", metadata: { name: "lits" }, spec: {
  script: "#!/bin/sh\nset -e\n\necho hi\n", trailing: "a\n\n\n", leadsp: "  indented\nline\n", crlf: "a\r\nb\n", tabs: "a\tb\nc\n", tailsp: "a \nb\n", onlynl: "\n", nested: [{ cmd: "one\ntwo" }, ["x\ny"]],
  "multi\nkey": 1, ["k".repeat(200)]: 2, "key with: colon": 3, "#hash": 4, "- dash": 5, "": 6, "null": 7, "123": 8,
  longkey: { ["very long key ".repeat(10).trim()]: "v" } } };
const yamlCases = {
  pod: asPod(load("pod.json"), "web-1"),
  values: asPod(load("v.json"), "v"),
  strings: asPod(strs, "strs"),
  nest: asPod(nest, "nest"),
  service,
  deployment,
  quoting: asPod(qq, "q"),
  literals: asPod(lits, "lits"),
  empty: { apiVersion: "v1", kind: "Pod", metadata: { name: "empty", namespace: "default" } },
};
const out = { yaml: {}, json: {} };
for (const [name, obj] of Object.entries(yamlCases)) {
  setPods([obj]);
  out.yaml[name] = { input: obj, ...await run(["get", "pod", obj.metadata.name, "-o", "yaml"]) };
  out.json[name] = { input: obj, ...await run(["get", "pod", obj.metadata.name, "-o", "json"]) };
}
// lists
const listItems = [yamlCases.pod, yamlCases.values];
setPods(listItems);
out.yamlList = { input: listItems, ...await run(["get", "pods", "-o", "yaml"]) };
out.jsonList = { input: listItems, ...await run(["get", "pods", "-o", "json"]) };
setPods([]);
out.yamlEmptyList = await run(["get", "pods", "-o", "yaml"]);
out.jsonEmptyList = await run(["get", "pods", "-o", "json"]);
// control characters
setPods([{ apiVersion: "v1", kind: "Pod", metadata: { name: "ctl", namespace: "default" }, spec: { s: "a\u007fb" } }]);
out.yamlCtl = await run(["get", "pod", "ctl", "-o", "yaml"]);
setPods([{ apiVersion: "v1", kind: "Pod", metadata: { name: "ctl", namespace: "default" }, spec: { s: "a\u0090b" } }]);
out.yamlCtl2 = await run(["get", "pod", "ctl", "-o", "yaml"]);

// ---------- jsonpath
const jpTemplates = fs.readFileSync(path.join(inputs, "jp-templates.txt"), "utf8").split("\n").filter((l) => l !== "");
const jpObjs = { pod: yamlCases.pod, values: yamlCases.values, quoting: yamlCases.quoting };
out.jsonpath = [];
for (const [oname, obj] of Object.entries(jpObjs)) {
  setPods([obj]);
  for (const t of jpTemplates) {
    out.jsonpath.push({ object: oname, template: t, ...await run(["get", "pod", obj.metadata.name, "-o", "jsonpath=" + t]) });
  }
  for (const t of ["{.spec.nope}", "{.metadata.name}{.spec.containers[*].nope}", "{range .spec.containers[*]}{.nope}{end}", "{.spec.list[1].x}", "{.spec.nul.x}"]) {
    out.jsonpath.push({ object: oname, template: t, strict: true, ...await run(["get", "pod", obj.metadata.name, "--allow-missing-template-keys=false", "-o", "jsonpath=" + t]) });
  }
  for (const t of ["{.metadata.name}", "{.spec.containers[*].name}{.kind}", "{.spec.nope}", "{.spec.containers[0].ports}"]) {
    out.jsonpath.push({ object: oname, template: t, asJson: true, ...await run(["get", "pod", obj.metadata.name, "-o", "jsonpath-as-json=" + t]) });
  }
}
setPods(listItems);
out.jsonpathList = [];
for (const t of ["{.items[*].metadata.name}", "{range .items[*]}{.metadata.name}{\"\\t\"}{.spec.containers[*].image}{\"\\n\"}{end}", "{.kind} {.metadata}", "{.items[0].spec.containers[9]}"]) {
  out.jsonpathList.push({ template: t, ...await run(["get", "pods", "-o", "jsonpath=" + t]) });
}

// ---------- custom columns
const ccSpecs = fs.readFileSync(path.join(inputs, "cc-specs.txt"), "utf8").split("\n").filter((l) => l !== "");
const ccItems = [yamlCases.pod, yamlCases.values, yamlCases.quoting];
setPods(ccItems);
out.customColumns = { input: ccItems, cases: [] };
for (const s of ccSpecs) out.customColumns.cases.push({ spec: s, ...await run(["get", "pods", "-o", "custom-columns=" + s]) });
out.customColumns.cases.push({ spec: "NAME:.metadata.name,KIND:.kind", noHeaders: true, ...await run(["get", "pods", "--no-headers", "-o", "custom-columns=NAME:.metadata.name,KIND:.kind"]) });
setPods([yamlCases.pod]);
out.customColumnsSingle = { input: yamlCases.pod, ...await run(["get", "pod", "web-1", "-o", "custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image"]) };

fs.writeFileSync(path.join(here, "kubectl.json"), JSON.stringify(out, null, 1) + "\n");
server.close();
fs.rmSync(tmp, { recursive: true, force: true });
console.log("wrote kubectl.json");
