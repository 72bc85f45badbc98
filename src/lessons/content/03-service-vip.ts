/**
 * Lesson 3: a Service is a stable virtual IP. `kubectl expose` with --port and --target-port, the
 * ClusterIP the API server allocates, the endpoints behind it, a curl through it, and a pod
 * replaced underneath while the address stays.
 */
import type { FlowEvent } from "../../engine/api";
import type { Service } from "../../engine/cluster/types";
import { isPodReady } from "../../store/selectors";
import { closedFlows, endpointPorts, fail, fromPod, livePods, pass, ran, ranOk, readyEndpoints, readyPods, service, toService, wait } from "../checks";
import { deploymentFocus, focusOf, podFocus, serviceFocus } from "../focus";
import type { CheckContext, CheckResult, Lesson } from "../types";

const tcp = (f: FlowEvent) => f.protocol === "tcp";

/** `kubectl get …`, `k -n default get …`. */
const KUBECTL_GET = /^\s*(kubectl|k)\b.*\sget\s/;
/** A command about Services or their endpoints. */
const SVC_LOOK = /\b(svc|services?|ep|endpoints|endpointslices?)\b/;

/** The Service's port `port` (the port its ClusterIP listens on), if it has one. */
const portOf = (svc: Service, port: number) => svc.spec.ports?.find((p) => p.port === port);

/** Services of the default namespace other than `kubernetes` and `except`. */
const otherServices = (ctx: CheckContext, except: string) =>
  ctx.snapshot.services.filter((s) => (s.metadata.namespace ?? "default") === "default" && s.metadata.name !== "kubernetes" && s.metadata.name !== except);

/**
 * Checks that Service `name` exists in front of app=`app` with port `port` → target port 80.
 * Returns undefined when it does, else a fail with a hint for the near miss.
 */
function exposed(ctx: CheckContext, name: string, app: string, port: number): CheckResult | undefined {
  const svc = service(ctx.snapshot, name);
  const redo = `Delete it (\`kubectl delete svc ${name}\`) and expose again: \`kubectl expose deployment ${app} --port=${port} --target-port=80 --name=${name}\`.`;
  if (!svc) {
    const other = otherServices(ctx, name)[0];
    if (other?.metadata.name === app) return fail(`Without \`--name\`, the Service takes the deployment's name, \`${app}\`. The lesson calls it \`${name}\`: add \`--name=${name}\`.`);
    if (other) return fail(`The lesson calls the Service \`${name}\` (you made \`${other.metadata.name}\`): \`--name=${name}\`.`);
    return fail();
  }
  if (svc.spec.selector?.app !== app) return fail(`${name} should stand in front of the ${app} pods: expose the deployment \`${app}\`. ${redo}`);
  const p = portOf(svc, port);
  if (!p) {
    const has = (svc.spec.ports ?? []).map((x) => x.port).join(", ");
    return fail(`${name} listens on port ${has}; the task asks for \`--port=${port}\`. ${redo}`);
  }
  if (String(p.targetPort) !== "80") {
    return fail(`Port ${port} is right, but the target port is ${p.targetPort}. nginx listens on 80, and without \`--target-port\` the target port is the same as the port. ${redo}`);
  }
  return undefined;
}

/** A curl from the client pod to Service `name` on `port`: pass, or fail with a hint for the near miss. */
function curled(ctx: CheckContext, name: string, port: number, app: string): CheckResult {
  const vip = service(ctx.snapshot, name)?.spec.clusterIP;
  const toSvc = (f: FlowEvent) => tcp(f) && (toService(name)(f) || (vip !== undefined && f.dst.ip === vip));
  const mine = closedFlows(ctx, (f) => toSvc(f) && fromPod("client")(f));
  if (mine.some((f) => f.dst.port === port && f.outcome === "ok")) return pass;
  const wrong = mine.find((f) => f.dst.port !== port);
  if (wrong) return fail(`Nothing listens on port ${wrong.dst.port} of ${name}'s address. The Service's port is ${port} (80 is the pods' port): \`${name}:${port}\`.`);
  if (mine.some((f) => f.outcome === "timeout")) return fail("That call left a moment too early: kube-proxy was still writing the rules for the new Service. Try again.");
  if (closedFlows(ctx, (f) => toSvc(f) && f.outcome === "ok").length > 0) return fail(`That worked, but not from the client pod. Run curl inside it: \`kubectl exec client -- curl -s ${name}:${port}\`.`);
  const podIPs = new Set(livePods(ctx.snapshot, { app }).map((p) => p.status.podIP));
  if (closedFlows(ctx, (f) => tcp(f) && fromPod("client")(f) && podIPs.has(f.dst.ip)).length > 0) return fail(`That went straight to a pod's IP. Call the Service instead: \`${name}:${port}\`.`);
  // curl's exit code 6: "Could not resolve host" (silent with -s).
  if (ran(ctx, /\bcurl\b/, (c) => !/\bexec\b/.test(c.line) && (c.result.exitCode === 6 || /Could not resolve host/.test(c.result.stderr)))) {
    return fail(`The node does not use the cluster's DNS, so it cannot resolve \`${name}\`. Run curl inside the client pod: \`kubectl exec client -- curl -s ${name}:${port}\`.`);
  }
  return fail();
}

/** The pod that answered the latest successful call to Service `name`. */
function lastBackend(ctx: CheckContext, name: string): string {
  const ok = closedFlows(ctx, (f) => tcp(f) && toService(name)(f) && f.outcome === "ok" && !!f.backend);
  return ok[ok.length - 1]?.backend?.name ?? "";
}

/** `ip:port` of the Service's ready endpoints, sorted. */
function endpointList(ctx: CheckContext, name: string): string[] {
  const port = [...endpointPorts(ctx.snapshot, name).values()][0] ?? 80;
  return readyEndpoints(ctx.snapshot, name)
    .map((e) => `${e.ip}:${port}`)
    .sort();
}

export const serviceVip: Lesson = {
  id: "service-vip",
  number: 3,
  title: "A Service is a stable virtual IP",
  summary: "Put one address in front of a set of pods, call it, and replace a pod underneath while the address stays.",
  scenario: "lesson-vip",
  steps: [
    {
      id: "expose",
      title: "One address for the pods",
      predict: {
        question: "nginx in the test pods listens on port 80. You are going to expose them with --port=8080 --target-port=80. On which port will nginx receive the connections?",
        options: ["8080, the Service's port", "80, the target port", "Both: the pods start listening on 8080 too"],
        answer: 1,
        reveal: "On 80. --port is the port of the Service's own address; --target-port is where the connection goes on the pods. Nothing changes inside the pods.",
      },
      body: `Deployment \`test\` runs two nginx pods, and \`client\` is a pod with curl in it. Lesson 2 ended with a problem: pod IPs come and go. A **Service** gives a set of pods one address that stays. Create one:

$ kubectl expose deployment test --port=8080 --target-port=80 --name=my-service

\`--port\` is the port callers will use. \`--target-port\` is the port the container listens on.`,
      check: (ctx) => exposed(ctx, "my-service", "test", 8080) ?? pass,
      hints: ["Three flags: the Service's port (8080), the pods' port (80) and the Service's name (my-service).", "`kubectl expose deployment test --port=8080 --target-port=80 --name=my-service`"],
      showMe: ["kubectl expose deployment test --port=8080 --target-port=80 --name=my-service"],
      explain: `\`--port=8080\` is the port on the Service's address. You choose it freely: it is the number you give the teams that call you. \`--target-port=80\` is not a free choice: it must be the port the container really listens on, nginx's 80. Leave it out and it equals \`--port\`. Without \`--name\`, the Service would be called \`test\`, like the deployment.

"Expose" opens nothing to the outside world here: \`my-service\` is of type ClusterIP, reachable only from inside the cluster. \`expose\` also copied the deployment's selector, \`app=test\`, into the Service: that is how it finds its pods (lesson 4).`,
      focus: (ctx) => focusOf(serviceFocus(ctx.snapshot, "my-service"), deploymentFocus(ctx.snapshot, "test")),
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "my-service" } }),
      notes: "Draw it: caller → ClusterIP:8080 → pod IP:80. The article compares a Service with HAProxy: one front address, many backends. Fair as a picture, but no proxy process sits in the path (lesson 6 shows the rules that do the work).",
    },
    {
      id: "get-svc",
      title: "The Service's own IP",
      predict: {
        question: "The Service gets an IP address of its own. Which part of the cluster picks it?",
        options: ["kube-proxy, which reserves it on the nodes", "The API server, when it stores the Service", "Calico, like a pod IP"],
        answer: 1,
        reveal: "The API server allocated it from the Service range when it stored the Service.",
      },
      body: `Look at the Service:

$ kubectl get svc my-service

Find its CLUSTER-IP and its PORT(S).`,
      check(ctx) {
        const svc = service(ctx.snapshot, "my-service");
        if (!svc) return fail("my-service is gone. Create it again: `kubectl expose deployment test --port=8080 --target-port=80 --name=my-service`.");
        const ip = svc.spec.clusterIP ?? "?";
        if (ranOk(ctx, KUBECTL_GET, (c) => c.result.stdout.includes(ip))) return pass;
        if (ran(ctx, KUBECTL_GET)) return fail("That did not list the Service. Services are `svc` for short: `kubectl get svc my-service`.");
        return fail();
      },
      hints: ["`kubectl get svc` lists the Services of the namespace.", "`kubectl get svc my-service`"],
      showMe: ["kubectl get svc my-service"],
      explain: `The CLUSTER-IP is **{{clusterIP}}**, inside the Service range 10.96.0.0/12 you met in lesson 1. The **API server** picked it from its \`--service-cluster-ip-range\` while storing the Service, and it stays the Service's for as long as the Service exists.

You may read that kube-proxy reserves this address. It does not: kube-proxy hears of the Service only afterwards, by watching the API server, and then writes rules on each node so that packets sent to {{clusterIP}}:8080 reach a pod. PORT(S) shows 8080/TCP: the Service's port, not the pods'.`,
      remember: (ctx) => ({ clusterIP: service(ctx.snapshot, "my-service")?.spec.clusterIP ?? "" }),
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "my-service" } }),
      notes: "Ask who allocated it before revealing. The article says kube-proxy; correct it kindly: the API server allocates, kube-proxy only programs the nodes.",
    },
    {
      id: "describe",
      title: "What is behind the address",
      body: `Describe the Service:

$ kubectl describe svc my-service

Read three lines: **Port**, **TargetPort** and **Endpoints**.`,
      check(ctx) {
        if (ranOk(ctx, /\bdescribe\b/, (c) => /TargetPort:/.test(c.result.stdout) && /\bmy-service\b/.test(c.result.stdout))) return pass;
        const tried = ran(ctx, /\bdescribe\b/);
        if (tried && /NotFound/.test(tried.result.stderr)) return fail("The Service is called my-service: `kubectl describe svc my-service`.");
        if (tried) return fail("That described something else. Describe the Service: `kubectl describe svc my-service`.");
        return fail();
      },
      hints: ["`kubectl describe` takes a kind and a name: the kind is `svc`.", "`kubectl describe svc my-service`"],
      showMe: ["kubectl describe svc my-service"],
      explain: `**Port 8080** is on the ClusterIP (\`<unset>\` only means the port has no name); **TargetPort 80** is on the pods. **Endpoints** lists where the traffic can go: {{endpoints}}, the two test pods' IPs with port 80.

Nobody typed that list. The EndpointSlice controller (part of kube-controller-manager) keeps it: it finds the pods that match the Service's **Selector**, \`app=test\`, and writes their addresses into an EndpointSlice object, marking which ones are ready. kube-proxy on every node reads that list and sends traffic to the ready ones.`,
      remember: (ctx) => ({ endpoints: endpointList(ctx, "my-service").join(", ") }),
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "my-service" } }),
      notes: "On the canvas, the lines from the Service to the pods are its endpoints. `kubectl get endpointslices -l kubernetes.io/service-name=my-service` shows the same list as an object of its own.",
    },
    {
      id: "curl",
      title: "Call the Service",
      body: `As in lesson 2, \`kubectl exec\` runs curl inside the client pod. This time, call the Service by its name and port:

$ kubectl exec client -- curl -s my-service:8080`,
      check: (ctx) => curled(ctx, "my-service", 8080, "test"),
      hints: ["Run curl inside the client pod: `kubectl exec client -- …`.", "The Service listens on port 8080: `kubectl exec client -- curl -s my-service:8080`."],
      showMe: ["kubectl exec client -- curl -s my-service:8080"],
      explain: `nginx answered. The cluster DNS (CoreDNS) turned the name **my-service** into {{clusterIP}}. Then kube-proxy's rules on the client's own node changed the destination from {{clusterIP}}:8080 to one pod's IP and port 80. This time **{{backendPod}}** answered. No process listens on {{clusterIP}}: the address only exists in those rules.`,
      remember: (ctx) => ({ backendPod: lastBackend(ctx, "my-service") }),
      focus: (ctx) => focusOf(podFocus(["client"]), serviceFocus(ctx.snapshot, "my-service")),
      highlight: (ctx) => {
        const node = readyPods(ctx.snapshot).find((p) => p.metadata.name === "client")?.spec.nodeName;
        return node ? { rules: node } : undefined;
      },
      notes: "Watch the dot: it leaves the client, turns at the Service and lands on a pod. Run it a few times: the pod changes, picked at random among the endpoints.",
    },
    {
      id: "delete-pod",
      title: "Replace a pod",
      predict: {
        question: "You are going to delete one of the test pods, as in lesson 2. What happens to the Service's ClusterIP?",
        options: ["It stays the same", "It changes to follow the new pod", "It is freed until you expose the deployment again"],
        answer: 0,
        reveal: "It stays. What changes is the list of endpoints behind it.",
      },
      body: `Delete one test pod, then look at the Service again:

$ kubectl delete pod {{oldPod}}
$ kubectl describe svc my-service

Before, the IP was {{clusterIP}} and the endpoints were {{oldEndpoints}}. Compare.`,
      enter(ctx) {
        const pods = readyPods(ctx.snapshot, { app: "test" }).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
        return {
          oldPod: pods[0]?.metadata.name ?? "",
          oldEndpoints: endpointList(ctx, "my-service").join(", "),
          clusterIP: service(ctx.snapshot, "my-service")?.spec.clusterIP ?? "",
        };
      },
      check(ctx) {
        const svc = service(ctx.snapshot, "my-service");
        if (!svc) return fail("my-service is gone. A Service keeps its IP only while it exists: go back a step to create it again.");
        if (svc.spec.clusterIP !== ctx.memory.clusterIP) return fail("my-service has a new ClusterIP: it was deleted and created again. Deleting pods never changes it; go back a step to try again.");
        const before = new Set(ctx.memory.oldEndpoints.split(", ").filter(Boolean));
        const now = endpointList(ctx, "my-service");
        const live = livePods(ctx.snapshot, { app: "test" });
        const replaced = [...before].some((ep) => !live.some((p) => isPodReady(p) && ep === `${p.status.podIP}:80`));
        if (!replaced) return fail();
        const fresh = now.filter((ep) => !before.has(ep));
        if (now.length < 2 || fresh.length === 0) return wait("The replacement pod is starting…");
        if (ranOk(ctx, SVC_LOOK, (c) => fresh.some((ep) => c.result.stdout.includes(ep.split(":")[0])))) return pass;
        return fail("The pod was replaced. Now look at the Service again: `kubectl describe svc my-service`.");
      },
      hints: ["`kubectl delete pod {{oldPod}}` (or select the pod on the canvas and delete it).", "Then `kubectl describe svc my-service` once the new pod is Ready."],
      showMe: ["kubectl delete pod {{oldPod}}", "kubectl rollout status deployment/test", "kubectl describe svc my-service"],
      explain: `The ClusterIP is still **{{clusterIP}}**. The endpoints went from {{oldEndpoints}} to **{{newEndpoints}}**. The ReplicaSet made a new pod with a new IP; as soon as it was Ready, the EndpointSlice controller listed it as a ready endpoint, and kube-proxy on every node rewrote its rules.

The article says kube-proxy adds the new pods by itself. Not quite: the EndpointSlice controller tracks the pods, and kube-proxy follows the list it writes. Callers notice nothing: they only know {{clusterIP}}:8080.`,
      remember: (ctx) => ({ newEndpoints: endpointList(ctx, "my-service").join(", ") }),
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "my-service" } }),
      notes: "Keep the old describe output on screen and run it again: IP and IPs identical, Endpoints changed. If you are quick, describe shows a single endpoint while the new pod starts: that window is real.",
    },
    {
      id: "curl-again",
      title: "Same address, new pods",
      predict: {
        question: "Call my-service:8080 again. What happens?",
        options: ["It times out, like the old pod IP in lesson 2", "It works: the Service sends the call to a pod that exists now", "It works only if it picks the pod that was not deleted"],
        answer: 1,
        reveal: "It works: each call goes to one of the Service's current endpoints.",
      },
      body: `Call the Service exactly as before:

$ kubectl exec client -- curl -s my-service:8080`,
      check: (ctx) => curled(ctx, "my-service", 8080, "test"),
      hints: ["`kubectl exec client -- curl -s my-service:8080`"],
      showMe: ["kubectl exec client -- curl -s my-service:8080"],
      explain: `It answered through the same name and address as before (**{{backendPod}}** this time). In lesson 2, a caller holding a pod IP lost it when the pod was replaced. A caller holding {{clusterIP}}:8080, or the name my-service, never notices. The Service is the part that stays; its endpoints are the part that moves.`,
      remember: (ctx) => ({ backendPod: lastBackend(ctx, "my-service") }),
      focus: (ctx) => focusOf(podFocus(["client"]), serviceFocus(ctx.snapshot, "my-service")),
      highlight: (ctx) => (ctx.memory.backendPod ? { select: { kind: "Pod", namespace: "default", name: ctx.memory.backendPod } } : undefined),
      notes: "This is the article's whole point: give the other team the Service, never a pod IP.",
    },
    {
      id: "check",
      title: "Your turn",
      fresh: "lesson-vip-check",
      body: `A fresh cluster: deployment \`web\` runs three nginx pods, and there is a \`client\` pod. Give web a Service called \`web-svc\` that listens on port **9090** and sends the traffic to nginx's port 80. Then call it from the client pod.`,
      check(ctx) {
        const bad = exposed(ctx, "web-svc", "web", 9090);
        if (bad) return bad;
        const called = curled(ctx, "web-svc", 9090, "web");
        if (called.status === "fail" && called.hint === undefined) return fail("web-svc is right. Now call it from the client pod: `kubectl exec client -- curl -s web-svc:9090`.");
        return called;
      },
      hints: ["`kubectl expose` with `--port`, `--target-port` and `--name`.", "`kubectl expose deployment web --port=9090 --target-port=80 --name=web-svc`, then `kubectl exec client -- curl -s web-svc:9090`."],
      showMe: ["kubectl expose deployment web --port=9090 --target-port=80 --name=web-svc", "kubectl get svc web-svc", { wait: 1000 }, "kubectl exec client -- curl -s web-svc:9090"],
      explain: `web-svc listens on 9090 at its own ClusterIP, chosen by the API server, and forwards to port 80 on three pods. Replace any of them and the address stays. That is a Service: one stable virtual IP and port, in front of pods that come and go.`,
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "web-svc" } }),
    },
  ],
};
