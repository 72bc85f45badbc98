/**
 * Lesson 2: pod IPs don't last. A curl to a pod's IP works until the pod is replaced; the
 * replacement gets a new IP and the old address answers nothing at all.
 */
import type { FlowEvent } from "../../engine/api";
import { closedFlows, deployment, fail, fromPod, livePods, pass, pod, ranOk, readyPods, wait } from "../checks";
import { isPodReady } from "../../store/selectors";
import { deploymentFocus } from "../focus";
import type { CheckContext, Lesson } from "../types";

const tcp = (f: FlowEvent) => f.protocol === "tcp";

/** Both the client pod and at least one ready pod of app=`app`: pass, wait or fail. */
function clientAnd(ctx: CheckContext, app: string) {
  const client = pod(ctx.snapshot, "client");
  if (!deployment(ctx.snapshot, app)) return fail();
  if (!client) return fail("You also need a pod to curl from: `kubectl run client --image=curlimages/curl -- sleep infinity`.");
  if (readyPods(ctx.snapshot, { app }).length === 0 || !isPodReady(client)) return wait("The pods are starting…");
  return pass;
}

export const podIps: Lesson = {
  id: "pod-ips",
  number: 2,
  title: "Pod IPs don't last",
  summary: "Curl a pod by its IP, replace the pod, and watch the new one get a new IP while the old address goes silent.",
  scenario: "empty",
  steps: [
    {
      id: "deploy",
      title: "A web server and a client",
      body: `Create a deployment running nginx, and a pod with curl in it to make requests from:

$ kubectl create deployment test --image=nginx
$ kubectl run client --image=curlimages/curl -- sleep infinity`,
      check: (ctx) => clientAnd(ctx, "test"),
      hints: ["Both commands are needed: the deployment and the client pod.", "`kubectl create deployment test --image=nginx`, then `kubectl run client --image=curlimages/curl -- sleep infinity`."],
      showMe: [
        "kubectl create deployment test --image=nginx",
        "kubectl run client --image=curlimages/curl -- sleep infinity",
        "kubectl wait --for=condition=Ready pod -l app=test --timeout=60s",
        "kubectl wait --for=condition=Ready pod/client --timeout=60s",
      ],
      explain: `The deployment made a ReplicaSet, which made one pod: its name is the ReplicaSet's name plus five random characters. \`client\` is a bare pod: nothing will replace it if it goes. \`sleep infinity\` keeps it running, so you can run commands inside it.`,
      notes: "On the canvas: Deployment → ReplicaSet → pod, drawn as owner lines. The client pod has no owner.",
    },
    {
      id: "find-ip",
      title: "Find the pod's IP",
      body: `List the pods with their IPs:

$ kubectl get pods -o wide

Note the IP of the \`test-…\` pod, not \`client\`. You can also hover a pod on the canvas.`,
      check(ctx) {
        const target = readyPods(ctx.snapshot, { app: "test" })[0];
        if (!target) return wait("Waiting for a ready test pod…");
        if (ranOk(ctx, /^\s*(kubectl|k)\s+get\s+(pods?|po)\b/, (c) => c.result.stdout.includes(target.status.podIP ?? "?"))) return pass;
        if (ranOk(ctx, /^\s*(kubectl|k)\s+get\s+(pods?|po)\b/)) return fail("Add `-o wide` to see the IP column.");
        return fail();
      },
      hints: ["`kubectl get pods -o wide`"],
      showMe: ["kubectl get pods -o wide"],
      explain: `The test pod's IP is **{{oldIP}}**. Calico gave it out from {{oldNode}}'s block when the pod's network was set up on that node.`,
      remember(ctx) {
        const p = readyPods(ctx.snapshot, { app: "test" })[0];
        return { oldPod: p?.metadata.name ?? "", oldIP: p?.status.podIP ?? "", oldNode: p?.spec.nodeName ?? "" };
      },
      focus: (ctx) => deploymentFocus(ctx.snapshot, "test"),
      highlight: (ctx) => ({ select: { kind: "Pod", namespace: "default", name: ctx.memory.oldPod } }),
    },
    {
      id: "curl-pod",
      title: "Curl the pod directly",
      body: `Now make a request to that IP from inside the client pod. You still type on the control plane: \`kubectl exec client --\` runs the rest of the line in the pod.

$ kubectl exec client -- curl -s {{oldIP}}`,
      check(ctx) {
        const to = (f: FlowEvent) => tcp(f) && f.dst.ip === ctx.memory.oldIP;
        if (closedFlows(ctx, (f) => to(f) && fromPod("client")(f) && f.outcome === "ok").length > 0) return pass;
        if (closedFlows(ctx, (f) => to(f) && f.outcome === "ok").length > 0) return fail("That worked, but not from the client pod. Run curl inside it: `kubectl exec client -- curl -s {{oldIP}}`.");
        if (closedFlows(ctx, (f) => tcp(f) && fromPod("client")(f)).length > 0) return fail("The request went somewhere else: curl the test pod's IP, {{oldIP}}.");
        return fail();
      },
      hints: ["`kubectl exec client -- …` runs a command inside the client pod.", "`kubectl exec client -- curl -s {{oldIP}}`"],
      showMe: ["kubectl exec client -- curl -s {{oldIP}}"],
      explain: `nginx answered with its welcome page. Any pod can reach any other pod's IP directly, on the same node or across nodes (between nodes, Calico carries the packet through an IP-in-IP tunnel). No Service is involved yet: the address you typed belongs to the pod itself.`,
      notes: "Watch the request dot travel from client to the test pod on the canvas.",
    },
    {
      id: "delete",
      title: "Replace the pod",
      predict: {
        question: "You are going to delete the test pod. The ReplicaSet will create a replacement. What IP will it get?",
        options: ["The same IP: it is the same deployment", "A new IP", "No IP until you restart the deployment"],
        answer: 1,
        reveal: "The replacement is a new pod, with a new name and a new IP.",
      },
      body: `Delete the pod and look again:

$ kubectl delete pod {{oldPod}}
$ kubectl get pods -o wide

Or select the pod on the canvas and press Delete.`,
      check(ctx) {
        const old = pod(ctx.snapshot, ctx.memory.oldPod);
        if (old && !old.metadata.deletionTimestamp) return fail();
        const fresh = livePods(ctx.snapshot, { app: "test" }).filter((p) => p.metadata.name !== ctx.memory.oldPod);
        if (fresh.length === 0 || !fresh.some(isPodReady)) return wait("The replacement is starting…");
        return fresh.some((p) => isPodReady(p) && p.status.podIP && p.status.podIP !== ctx.memory.oldIP) ? pass : fail();
      },
      hints: ["`kubectl delete pod {{oldPod}}`"],
      showMe: ["kubectl delete pod {{oldPod}}", "kubectl rollout status deployment/test", "kubectl get pods -o wide"],
      explain: `The ReplicaSet wanted one pod, saw none, and created **{{newPod}}**, which got **{{newIP}}**. A replacement is not the old pod brought back: it is a new pod, and Calico gives it a fresh address from its node's block. Nothing in Kubernetes keeps an IP for "the pod of deployment test".`,
      remember(ctx) {
        const p = readyPods(ctx.snapshot, { app: "test" }).find((x) => x.metadata.name !== ctx.memory.oldPod);
        return { newPod: p?.metadata.name ?? "", newIP: p?.status.podIP ?? "" };
      },
      focus: (ctx) => deploymentFocus(ctx.snapshot, "test"),
      highlight: (ctx) => ({ select: { kind: "Pod", namespace: "default", name: ctx.memory.newPod } }),
      notes: "Point at the pod card appearing where the scheduler put it, and at its IP.",
    },
    {
      id: "curl-old",
      title: "Curl the old address",
      predict: {
        question: "Curl the old IP again. What happens?",
        options: ["It reaches the new pod", "Connection refused, at once", "Nothing answers: it hangs until it times out"],
        answer: 2,
        reveal: "Nobody owns the old address any more, so nobody answers, not even with a refusal.",
      },
      body: `Try the old address (\`-m 5\` makes curl give up after 5 seconds):

$ kubectl exec client -- curl -sS -m 5 {{oldIP}}`,
      check(ctx) {
        if (closedFlows(ctx, (f) => tcp(f) && fromPod("client")(f) && f.dst.ip === ctx.memory.oldIP && f.outcome !== "ok").length > 0) return pass;
        if (closedFlows(ctx, (f) => tcp(f) && f.dst.ip === ctx.memory.newIP).length > 0) return fail("That is the new pod's IP. Curl the old one, {{oldIP}}.");
        return fail();
      },
      hints: ["`kubectl exec client -- curl -sS -m 5 {{oldIP}}`"],
      showMe: ["kubectl exec client -- curl -sS -m 5 {{oldIP}}"],
      explain: `curl gave up after 5 seconds. The packet still goes to {{oldNode}}, whose Calico block holds {{oldIP}}, but no pod has that address now, so it is dropped: no reply, not even a "refused". Without \`-m\`, curl would wait about two minutes while the kernel retries. This is why you never put a pod IP in a config file. The next lesson gives the pods an address that stays.`,
      notes: "Contrast with lesson 4, where a Service without endpoints refuses at once.",
    },
    {
      id: "check",
      title: "Your turn",
      fresh: "lesson-podip-check",
      body: `A fresh cluster: deployment \`web\` has two pods, and there is a \`client\` pod. Note the web pods' IPs, then delete one: the ReplicaSet replaces it with a new pod and a new IP. Then show, from the client pod, that the deleted pod's address no longer answers.`,
      enter(ctx) {
        return { webIPs: readyPods(ctx.snapshot, { app: "web" }).map((p) => p.status.podIP).join(",") };
      },
      check(ctx) {
        const before = new Set(ctx.memory.webIPs.split(",").filter(Boolean));
        const now = readyPods(ctx.snapshot, { app: "web" });
        const nowIPs = new Set(now.map((p) => p.status.podIP));
        const gone = [...before].filter((ip) => !nowIPs.has(ip));
        if (gone.length === 0) {
          const deleting = livePods(ctx.snapshot, { app: "web" }).length < 2 || ctx.snapshot.pods.some((p) => p.metadata.labels?.app === "web" && p.metadata.deletionTimestamp);
          return deleting ? wait("A web pod is being replaced…") : fail();
        }
        if (now.length < 2) return wait("The replacement is starting…");
        const proved = closedFlows(ctx, (f) => tcp(f) && fromPod("client")(f) && gone.includes(f.dst.ip) && f.outcome !== "ok").length > 0;
        return proved ? pass : fail(`A web pod was replaced: ${gone.join(", ")} is free now. Curl it from the client pod (with \`-m 5\`).`);
      },
      hints: ["`kubectl get pods -o wide` shows the web pods' names and IPs. Note one IP, then `kubectl delete pod` that pod.", "Then `kubectl exec client -- curl -sS -m 5 OLD-IP`, with the IP you noted."],
      showMe(ctx) {
        const victim = readyPods(ctx.snapshot, { app: "web" })[0];
        if (!victim) return [];
        return ["kubectl get pods -o wide", `kubectl delete pod ${victim.metadata.name}`, "kubectl rollout status deployment/web", "kubectl get pods -o wide", `kubectl exec client -- curl -sS -m 5 ${victim.status.podIP}`];
      },
      explain: `The web deployment is whole again, with a new pod and a new IP, and the old address is silent. You now know the problem a Service solves.`,
    },
  ],
};
