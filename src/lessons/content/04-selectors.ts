/**
 * Lesson 4: a Service finds its pods by label selector, never by name. Delete the deployment (no
 * endpoints: refused, because of kube-proxy's REJECT rule), recreate it (picked up), create `ram`
 * (not picked up), relabel ram's pod (picked up, and its ReplicaSet replaces it), scale, and add
 * an orphan pod with the right label.
 */
import type { FlowEvent } from "../../engine/api";
import type { Pod } from "../../engine/cluster/types";
import { isPodReady } from "../../store/selectors";
import { closedFlows, deployment, fail, fromPod, livePods, pass, pod, podsOfDeployment, ran, ranOk, readyEndpoints, readyPods, service, toService, wait } from "../checks";
import type { CheckContext, CheckResult, Lesson } from "../types";

const tcp = (f: FlowEvent) => f.protocol === "tcp";

/** A command about Services or their endpoints (get ep, describe svc, get endpointslices…). */
const SVC_LOOK = /\b(svc|services?|ep|endpoints|endpointslices?)\b/;

/** True when the learner ran a command about Services whose output shows one of `ips`. */
const sawEndpoint = (ctx: CheckContext, ips: readonly string[]) => !!ranOk(ctx, SVC_LOOK, (c) => ips.some((ip) => c.result.stdout.includes(ip)));

const isEndpoint = (ctx: CheckContext, svc: string, ip: string | undefined) => !!ip && readyEndpoints(ctx.snapshot, svc).some((e) => e.ip === ip);

const hasOwner = (p: Pod) => (p.metadata.ownerReferences?.length ?? 0) > 0;

/** Deployments of the default namespace other than the given ones. */
const otherDeployments = (ctx: CheckContext, ...known: string[]) =>
  ctx.snapshot.deployments.filter((d) => (d.metadata.namespace ?? "default") === "default" && !known.includes(d.metadata.name));

/** Near misses shared by the relabelling steps: a label without --overwrite, a Deployment labelled instead of its pods. */
function labelMiss(ctx: CheckContext, deploy: string, value: string, podName: string): CheckResult | undefined {
  if (ran(ctx, /\blabel\b/, (c) => /--overwrite is false/.test(c.result.stderr))) return fail("The pod already has an `app` label: add `--overwrite` to change it.");
  const d = deployment(ctx.snapshot, deploy);
  if (d?.metadata.labels?.app === value) {
    return fail(`That changed the labels of the Deployment object, not of its pods. A Service selects pods: \`kubectl label pod ${podName} app=${value} --overwrite\`.`);
  }
  return undefined;
}

export const selectors: Lesson = {
  id: "selectors",
  number: 4,
  title: "Selectors, not names",
  summary: "A Service sends traffic to whatever pods carry its labels: delete, recreate, relabel, scale and add pods, and watch the endpoints follow.",
  scenario: "lesson-selectors",
  steps: [
    {
      id: "no-endpoints",
      title: "A Service with nothing behind it",
      predict: {
        question: "You are going to delete deployment test. The Service my-service stays. What does a call to my-service:8080 do then?",
        options: ["It still works: the Service keeps a copy of the pods", "It is refused at once", "It hangs until curl times out"],
        answer: 1,
        reveal: "Refused, at once. kube-proxy writes a rule that rejects calls to a Service with no endpoints.",
      },
      body: `The cluster has the article's setup: deployment \`test\` (two nginx pods) behind \`my-service\` (8080 → 80), and a \`client\` pod. Delete the deployment, but keep the Service:

$ kubectl delete deployment test
$ kubectl get endpoints my-service

Then call the Service:

$ kubectl exec client -- curl -sS my-service:8080`,
      enter: (ctx) => ({ clusterIP: service(ctx.snapshot, "my-service")?.spec.clusterIP ?? "" }),
      check(ctx) {
        if (!service(ctx.snapshot, "my-service")) {
          return fail("You deleted the Service; this step keeps it and deletes the deployment. If test still exists, make the Service again: `kubectl expose deployment test --port=8080 --target-port=80 --name=my-service`. If not, press Restart at the top of the lesson.");
        }
        const mine = closedFlows(ctx, (f) => tcp(f) && fromPod("client")(f) && (toService("my-service")(f) || f.dst.ip === ctx.memory.clusterIP));
        if (mine.some((f) => f.dst.port === 8080 && f.outcome === "refused")) return pass;
        if (deployment(ctx.snapshot, "test")) return fail();
        if (ctx.snapshot.pods.some((p) => p.metadata.labels?.app === "test")) return wait("The test pods are shutting down…");
        const wrong = mine.find((f) => f.dst.port !== 8080);
        if (wrong) return fail(`Port ${wrong.dst.port}: the Service does not listen there, so nothing answers at all. Call \`my-service:8080\`.`);
        if (mine.some((f) => f.outcome === "timeout")) return fail("That call left while kube-proxy was still rewriting its rules, a moment after the pods went. Call again.");
        if (mine.some((f) => f.outcome === "ok")) return fail("That call still reached a pod that was on its way out. Call again now.");
        return fail("The pods are gone. Now call the Service from the client pod: `kubectl exec client -- curl -sS my-service:8080`.");
      },
      hints: ["`kubectl delete deployment test` deletes its ReplicaSet and its pods too.", "Then `kubectl exec client -- curl -sS my-service:8080` (`-sS` shows curl's error)."],
      showMe: ["kubectl delete deployment test", { wait: 2000 }, "kubectl get endpoints my-service", "kubectl exec client -- curl -sS my-service:8080"],
      explain: `curl failed in a few milliseconds with "Could not connect to server" (exit code 7): the connection was **refused**. The Service and its ClusterIP {{clusterIP}} are still there; only the list behind it is empty (\`<none>\`).

Why refused rather than silence? With no endpoints, kube-proxy does not just drop the Service's rules: it writes a **REJECT** rule for it, in the filter table of every node. The client's own node answers the connection attempt with an error, and curl gives up at once. Compare lesson 2: a pod IP nobody owns gets no answer at all, and curl waits until it times out.`,
      highlight: (ctx) => {
        const node = pod(ctx.snapshot, "client")?.spec.nodeName;
        return node ? { rules: node } : undefined;
      },
      notes: "Refused vs timeout is the quickest diagnosis there is: refused at a ClusterIP almost always means 'no endpoints'. The rules panel shows the REJECT line. The Warning printed by `kubectl get endpoints` is real in v1.33: the Endpoints API is deprecated in favour of EndpointSlices, which is what kube-proxy reads.",
    },
    {
      id: "reject-rule",
      title: "The rule that refuses",
      body: `See the rule for yourself. The terminal is a shell on the control-plane node, which runs kube-proxy too:

$ iptables-save -t filter | grep my-service`,
      check(ctx) {
        if (ranOk(ctx, /\biptables/, (c) => /my-service has no endpoints/.test(c.result.stdout) && /REJECT/.test(c.result.stdout))) return pass;
        if (readyEndpoints(ctx.snapshot, "my-service").length > 0) return fail("my-service has endpoints again, so the REJECT rule is gone. Go back a step to delete the deployment again.");
        if (ran(ctx, /\biptables/, (c) => /-t\s+nat\b/.test(c.line))) return fail("Not in the nat table: with no endpoints there is no address to translate to. The rule is in the filter table: `iptables-save -t filter | grep my-service`.");
        if (ran(ctx, /\biptables/)) return fail("Filter the output for the Service: `iptables-save -t filter | grep my-service`.");
        return fail();
      },
      hints: ["`iptables-save` prints a node's rules; `grep my-service` keeps the Service's lines.", "`iptables-save -t filter | grep my-service`"],
      showMe: ["iptables-save -t filter | grep my-service"],
      explain: `\`-A KUBE-SERVICES -d {{clusterIP}}/32 … "default/my-service has no endpoints" … --dport 8080 -j REJECT --reject-with icmp-port-unreachable\`: any TCP packet to {{clusterIP}}:8080 is answered with an ICMP "port unreachable", which curl reports as a refused connection. The nat table, where a Service's address normally gets translated to a pod's, has nothing for my-service now. The rule only covers port 8080: a call to another port of that address would hang instead.`,
      highlight: () => ({ rules: "controlplane" }),
      notes: "Every node has the same rule: kube-proxy runs on all of them. `iptables -L KUBE-SERVICES -n` shows it in the other format.",
    },
    {
      id: "recreate",
      title: "A new deployment, the same name",
      predict: {
        question: "You create a new deployment, again called test. Will my-service send traffic to its pod?",
        options: ["Yes, because the Service remembers the deployment's name", "Yes, because the new pods carry the label app=test", "No: the Service belonged to the old deployment"],
        answer: 1,
        reveal: "It is picked up, but not for its name: its pods carry app=test, and app=test is the Service's selector.",
      },
      body: `Create the deployment again and look at the pods' labels and the Service's endpoints:

$ kubectl create deployment test --image=nginx
$ kubectl get pods --show-labels
$ kubectl get endpoints my-service`,
      check(ctx) {
        const d = deployment(ctx.snapshot, "test");
        if (!d) {
          const other = otherDeployments(ctx)[0];
          return fail(other ? `That deployment is called \`${other.metadata.name}\`, so its pods carry app=${other.metadata.name}. This step creates \`test\` again.` : undefined);
        }
        const eps = readyEndpoints(ctx.snapshot, "my-service");
        if (d.spec.replicas === 0) return fail("test has 0 replicas, so no pod carries app=test: `kubectl scale deployment test --replicas=1`.");
        if (eps.length === 0) return wait("The new pod is starting…");
        if (sawEndpoint(ctx, eps.map((e) => e.ip))) return pass;
        return fail("The new pod is Ready. Look at the Service's endpoints: `kubectl get endpoints my-service`.");
      },
      hints: ["`kubectl create deployment test --image=nginx`", "Then `kubectl get endpoints my-service` once the pod is Ready."],
      showMe: ["kubectl create deployment test --image=nginx", "kubectl rollout status deployment/test", "kubectl get pods --show-labels", "kubectl get endpoints my-service"],
      explain: `The new pod **{{testPod}}** ({{testIP}}) is an endpoint. \`kubectl create deployment test\` labels its pods \`app=test\`, and \`app=test\` is exactly my-service's selector (\`kubectl get svc my-service -o wide\` shows it). The article wonders whether the Service "verifies the name": it never looks at names. The next step proves it.`,
      remember(ctx) {
        const p = readyPods(ctx.snapshot, { app: "test" })[0];
        return { testPod: p?.metadata.name ?? "", testIP: p?.status.podIP ?? "" };
      },
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "my-service" } }),
      notes: "Point at the SELECTOR column of `kubectl get svc -o wide` and the LABELS column of `kubectl get pods --show-labels` side by side.",
    },
    {
      id: "ram",
      title: "Another deployment, another name",
      predict: {
        question: "Now a deployment called ram, with the same nginx image. Will its pod become an endpoint of my-service?",
        options: ["Yes: it runs the same image on the same port", "Yes: every pod of the namespace is behind every Service", "No: its pod carries app=ram"],
        answer: 2,
        reveal: "No. Its pod carries app=ram, and my-service selects app=test.",
      },
      body: `Create a second deployment with another name, and compare:

$ kubectl create deployment ram --image=nginx
$ kubectl get pods --show-labels
$ kubectl get endpoints my-service`,
      check(ctx) {
        if (!deployment(ctx.snapshot, "ram")) {
          const other = otherDeployments(ctx, "test")[0];
          return fail(other ? `The lesson calls the deployment \`ram\` (you made \`${other.metadata.name}\`): \`kubectl create deployment ram --image=nginx\`.` : undefined);
        }
        if (readyPods(ctx.snapshot, { app: "ram" }).length === 0) return wait("ram's pod is starting…");
        const eps = readyEndpoints(ctx.snapshot, "my-service");
        if (sawEndpoint(ctx, eps.map((e) => e.ip))) return pass;
        return fail("ram's pod is running. Now look at my-service's endpoints: `kubectl get endpoints my-service`.");
      },
      hints: ["`kubectl create deployment ram --image=nginx`", "Then `kubectl get endpoints my-service`."],
      showMe: ["kubectl create deployment ram --image=nginx", "kubectl rollout status deployment/ram", "kubectl get pods --show-labels", "kubectl get endpoints my-service"],
      explain: `ram's pod **{{ramPod}}** ({{ramIP}}) is Running and Ready, yet it is not in the list: its label is \`app=ram\`. A Service does not care about deployment names, images or ports. It keeps the pods whose labels match its selector, \`app=test\`, and nothing else.

In the article, ram's pod did end up behind the Service, because the author had given it the label \`app: test\`. You do that in the next step.`,
      remember(ctx) {
        const p = readyPods(ctx.snapshot, { app: "ram" })[0];
        return { ramPod: p?.metadata.name ?? "", ramIP: p?.status.podIP ?? "" };
      },
      highlight: (ctx) => (ctx.memory.ramPod ? { select: { kind: "Pod", namespace: "default", name: ctx.memory.ramPod } } : undefined),
      notes: "The article deletes test and creates ram to make this point. Keeping test here lets the room compare the two pods' labels side by side.",
    },
    {
      id: "relabel",
      title: "Change a label",
      predict: {
        question: "You change the label of ram's pod to app=test. What happens?",
        options: ["my-service picks the pod up, and ram's ReplicaSet starts another pod", "my-service picks the pod up; nothing else changes", "Nothing: the pod still belongs to ram"],
        answer: 0,
        reveal: "Both: the Service selects the pod by its new label, and ram's ReplicaSet, which stops counting it, makes a replacement.",
      },
      body: `Relabel ram's pod (\`--overwrite\`, because it already has an \`app\` label):

$ kubectl label pod {{ramPod}} app=test --overwrite
$ kubectl get pods --show-labels
$ kubectl get endpoints my-service

You can also edit the pod's labels in the inspector.`,
      check(ctx) {
        const moved = livePods(ctx.snapshot, { app: "test" }).find((p) => p.metadata.name.startsWith("ram-"));
        if (!moved) return labelMiss(ctx, "ram", "test", ctx.memory.ramPod) ?? fail();
        if (!isEndpoint(ctx, "my-service", moved.status.podIP)) return wait("The EndpointSlice controller is adding the pod…");
        if (readyPods(ctx.snapshot, { app: "ram" }).length === 0) return wait("ram's ReplicaSet is starting a replacement…");
        return pass;
      },
      hints: ["`kubectl label pod {{ramPod}} app=test --overwrite`", "Then `kubectl get pods --show-labels`: count ram's pods."],
      showMe: ["kubectl label pod {{ramPod}} app=test --overwrite", "kubectl rollout status deployment/ram", "kubectl get pods --show-labels", "kubectl get endpoints my-service"],
      explain: `Two controllers reacted. The EndpointSlice controller saw a pod with \`app=test\` and added {{movedIP}} to my-service. ram's ReplicaSet selects \`app=ram\` (plus its pod-template-hash). Its pod no longer matched, so the ReplicaSet **released** it (removed itself from the pod's owner list, \`ownerReferences\`), counted 0 pods of 1, and created **{{ramNew}}**.

{{movedPod}} keeps its name, but it is now an orphan: nothing will replace it if it dies. The test ReplicaSet does not adopt it either: its selector also requires test's pod-template-hash.`,
      remember(ctx) {
        const moved = livePods(ctx.snapshot, { app: "test" }).find((p) => p.metadata.name.startsWith("ram-"));
        const fresh = readyPods(ctx.snapshot, { app: "ram" })[0];
        return { movedPod: moved?.metadata.name ?? "", movedIP: moved?.status.podIP ?? "", ramNew: fresh?.metadata.name ?? "" };
      },
      highlight: (ctx) => (ctx.memory.movedPod ? { select: { kind: "Pod", namespace: "default", name: ctx.memory.movedPod } } : undefined),
      notes: "On the canvas the pod's owner line to ram's ReplicaSet disappears and an endpoint line to my-service appears. `kubectl get pod NAME -o yaml` shows no ownerReferences any more. The article says it 'changed the deployment label': labelling the Deployment object does nothing for a Service; only the pods' labels count.",
    },
    {
      id: "scale",
      title: "Scale",
      predict: {
        question: "You scale test to 3 pods. How many endpoints will my-service have?",
        options: ["3", "4", "5"],
        answer: 1,
        reveal: "Four: the three test pods and the relabelled pod that used to be ram's.",
      },
      body: `Scale test up and look at the endpoints:

$ kubectl scale deployment test --replicas=3
$ kubectl get endpoints my-service`,
      check(ctx) {
        const d = deployment(ctx.snapshot, "test");
        if (!d) return fail();
        if (d.spec.replicas < 3) {
          if ((deployment(ctx.snapshot, "ram")?.spec.replicas ?? 1) > 1) return fail("You scaled ram: its pods carry app=ram. Scale test: `kubectl scale deployment test --replicas=3`.");
          return fail();
        }
        const pods = podsOfDeployment(ctx.snapshot, "test");
        if (pods.filter(isPodReady).length < d.spec.replicas) return wait("The new pods are starting…");
        if (!pods.every((p) => isEndpoint(ctx, "my-service", p.status.podIP))) return wait("The new pods are joining the endpoints…");
        return pass;
      },
      hints: ["`kubectl scale deployment test --replicas=3`"],
      showMe: ["kubectl scale deployment test --replicas=3", "kubectl rollout status deployment/test", "kubectl get endpoints my-service"],
      explain: `Every new pod is born with the template's label, \`app=test\`, so each joined the endpoints as soon as it was Ready: nobody registered it. my-service now has {{endpointCount}} endpoints. \`kubectl get endpoints\` prints three and then "+ 1 more..." (so do \`get endpointslices\` and \`describe svc\`). To see them all, run \`kubectl describe endpointslices -l kubernetes.io/service-name=my-service\` or look at the canvas.`,
      remember: (ctx) => ({ endpointCount: String(readyEndpoints(ctx.snapshot, "my-service").length) }),
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "my-service" } }),
      notes: "Scaling down works the same way backwards: a pod that is shutting down is marked terminating (not ready) in the EndpointSlice, so kube-proxy stops sending it new connections before it stops.",
    },
    {
      id: "orphan",
      title: "A pod nobody owns",
      predict: {
        question: "A bare pod made with kubectl run: no deployment, no ReplicaSet, but labelled app=test. Will it become an endpoint?",
        options: ["Yes: only its labels matter", "No: a Service only sends traffic to the pods of a deployment"],
        answer: 0,
        reveal: "Yes. The Service asks one question, \"which pods carry app=test?\", and this one does.",
      },
      body: `Create a bare pod with the Service's label, then ask for every pod that label selects:

$ kubectl run solo --image=nginx --labels=app=test
$ kubectl get pods -l app=test -o wide`,
      check(ctx) {
        const moved = ctx.memory.movedPod;
        const bare = (p: Pod) => !hasOwner(p) && p.metadata.name !== "client" && p.metadata.name !== moved && !p.metadata.name.startsWith("ram-");
        const solo = livePods(ctx.snapshot, { app: "test" }).find(bare);
        if (!solo) {
          const other = livePods(ctx.snapshot).find(bare);
          if (other) {
            const labels = Object.entries(other.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(",") || "no labels";
            return fail(`${other.metadata.name} carries ${labels}. Give it app=test: \`kubectl label pod ${other.metadata.name} app=test --overwrite\`.`);
          }
          return fail();
        }
        if (!isEndpoint(ctx, "my-service", solo.status.podIP)) return wait(`${solo.metadata.name} is starting…`);
        return pass;
      },
      hints: ["`kubectl run` takes `--labels=app=test`.", "`kubectl run solo --image=nginx --labels=app=test`"],
      showMe: ["kubectl run solo --image=nginx --labels=app=test", "kubectl wait --for=condition=Ready pod/solo --timeout=60s", "kubectl get pods -l app=test -o wide"],
      explain: `{{soloPod}} is an endpoint of my-service, though no controller owns it. \`-l app=test\` asks the same question the EndpointSlice controller asks for my-service, so the pods it listed, once Ready, are exactly the Service's endpoints. (test's ReplicaSet does not adopt {{soloPod}}: it lacks test's pod-template-hash label.)

That is how you can put a debug pod behind a Service for a while. It is also how a stray pod with a careless label steals a share of the traffic. Labels are the contract between a Service and its pods: choose them on purpose.`,
      remember(ctx) {
        const p = livePods(ctx.snapshot, { app: "test" }).find((x) => !hasOwner(x) && x.metadata.name !== ctx.memory.movedPod && !x.metadata.name.startsWith("ram-"));
        return { soloPod: p?.metadata.name ?? "" };
      },
      highlight: (ctx) => (ctx.memory.soloPod ? { select: { kind: "Pod", namespace: "default", name: ctx.memory.soloPod } } : undefined),
      notes: "Five endpoints now, from three different origins: a deployment, a released pod and a bare pod. The Service cannot tell them apart.",
    },
    {
      id: "check",
      title: "Your turn",
      fresh: "lesson-selectors-check",
      body: `A fresh cluster. The Service \`shop\` has no endpoints, so every call to it is refused. The pods that should serve it belong to deployment \`store\`. Make \`shop\` have endpoints **without changing the Service**. Any way that works is fine.`,
      check(ctx) {
        const svc = service(ctx.snapshot, "shop");
        if (!svc) return fail("The Service shop is gone, and the task keeps it as it was. Create it again: `kubectl create service clusterip shop --tcp=80:80`.");
        const sel = svc.spec.selector ?? {};
        const entries = Object.entries(sel);
        if (entries.length !== 1 || sel.app !== "shop") {
          const now = entries.map(([k, v]) => `${k}=${v}`).join(",") || "empty";
          return fail(`You changed shop's selector (it is now ${now}). Leave the Service alone: set it back with \`kubectl set selector svc shop app=shop\`, and change which pods carry app=shop instead.`);
        }
        if (readyEndpoints(ctx.snapshot, "shop").length > 0) return pass;
        if (livePods(ctx.snapshot, { app: "shop" }).length > 0) return wait("A pod with app=shop is starting…");
        const storePod = readyPods(ctx.snapshot, { app: "store" })[0]?.metadata.name ?? "POD";
        return labelMiss(ctx, "store", "shop", storePod) ?? fail();
      },
      hints: ["`kubectl get svc shop -o wide` shows the selector; `kubectl get pods --show-labels` shows who carries what.", "Give a pod the label app=shop: relabel a store pod (`--overwrite`), or run a new one with `--labels=app=shop`."],
      showMe(ctx) {
        const p = readyPods(ctx.snapshot, { app: "store" })[0];
        if (!p) return [];
        return ["kubectl get svc shop -o wide", `kubectl label pod ${p.metadata.name} app=shop --overwrite`, "kubectl get endpoints shop", { wait: 1000 }, "kubectl exec client -- curl -s shop"];
      },
      explain: `shop has endpoints, and its selector is still \`app=shop\`: you changed which pods match, not the Service. If you relabelled a store pod, store's ReplicaSet made a replacement, so store still runs two pods of its own. A new deployment called \`shop\`, or a bare pod with \`--labels=app=shop\`, works just as well. Names never mattered; labels did.`,
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "shop" } }),
    },
  ],
};
