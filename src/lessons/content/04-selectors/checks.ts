/**
 * Lesson 4's checks written in code (04-selectors.lesson.md calls them by name): their near misses
 * name what the learner made (another deployment, a bare pod and its labels, the selector shop has
 * now) or wait with the lesson's own words while controllers catch up.
 */
import { registerCheck } from "../../file/vocabulary";
import type { FlowEvent } from "../../../engine/api";
import type { Pod } from "../../../engine/cluster/types";
import { isPodReady } from "../../../store/selectors";
import { closedFlows, deployment, fail, fromPod, livePods, pass, podsOfDeployment, ran, ranOk, readyEndpoints, readyPods, service, toService, wait } from "../../checks";
import type { CheckContext, CheckResult } from "../../types";

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

registerCheck({
  name: "selectorsNoEndpoints",
  params: [],
  passes: "my-service is kept, deployment test is gone, and the client pod's call to my-service:8080 was refused (a wait while the pods shut down; near misses: too early, another port, a kube-proxy still rewriting, the Service deleted).",
  nearMisses: [],
  run(_args, ctx) {
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
});

registerCheck({
  name: "selectorsRecreate",
  params: [],
  passes: "Deployment test is back with replicas, its pod is an endpoint of my-service, and a command showed it among the endpoints (near misses: another name, 0 replicas).",
  nearMisses: [],
  run(_args, ctx) {
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
});

registerCheck({
  name: "selectorsRelabel",
  params: [],
  passes: "ram's pod carries app=test and is an endpoint of my-service, and ram's ReplicaSet has a ready replacement (near misses: a label without --overwrite, the Deployment labelled instead of the pod).",
  nearMisses: [],
  run(_args, ctx) {
    const moved = livePods(ctx.snapshot, { app: "test" }).find((p) => p.metadata.name.startsWith("ram-"));
    if (!moved) return labelMiss(ctx, "ram", "test", ctx.memory.ramPod) ?? fail();
    if (!isEndpoint(ctx, "my-service", moved.status.podIP)) return wait("The EndpointSlice controller is adding the pod…");
    if (readyPods(ctx.snapshot, { app: "ram" }).length === 0) return wait("ram's ReplicaSet is starting a replacement…");
    return pass;
  },
});

registerCheck({
  name: "selectorsScale",
  params: [],
  passes: "Deployment test asks for at least 3 pods, every one Ready and an endpoint of my-service (near miss: ram scaled instead).",
  nearMisses: [],
  run(_args, ctx) {
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
});

registerCheck({
  name: "selectorsOrphan",
  params: [],
  passes: "A pod no controller owns (not the released ram pod) carries app=test and is an endpoint of my-service (near miss: a bare pod with other labels, named with its labels).",
  nearMisses: [],
  run(_args, ctx) {
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
});

registerCheck({
  name: "selectorsCheck",
  params: [],
  passes: "Service shop still selects exactly app=shop and has endpoints (near misses: the selector changed, the Service deleted, a label without --overwrite, the Deployment labelled).",
  nearMisses: [],
  run(_args, ctx) {
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
});

