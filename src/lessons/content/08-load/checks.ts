/**
 * Lesson 8's checks and values written in code (08-load.lesson.md calls them by name): kube-proxy's
 * mode and scheduler against its ConfigMap and its rollout, the slow pod, session affinity, the
 * closing check's shares, and the per-pod counts the explanations quote.
 */
import { registerValue } from "../../file/values";
import { registerCheck } from "../../file/vocabulary";
import type { FlowEvent } from "../../../engine/api";
import { configuredProxy, DELAY_ANNOTATION, GET_PROXY_CONFIG, PROXY_ROLLOUT_STATUS, RESTART_PROXY, setProxyConfig } from "../../../actions/traffic";
import { isPodReady } from "../../../store/selectors";
import { closedFlows, deployment, fail, fromPod, livePods, pass, readyEndpoints, service, toService, wait } from "../../checks";
import type { Action, CheckContext, CheckResult } from "../../types";

/** How many finished requests a traffic step wants (20/s × 20 s make ~400; the panel's default 10/s × 30 s, ~300). */
const ENOUGH = 200;
/** Requests that must all land on one pod for the affinity step. */
const PINNED = 100;

const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

/** Finished, answered requests from client to web since the step opened, optionally through one kind of rules. */
function webRequests(ctx: CheckContext, kind?: "iptables" | "ipvs"): FlowEvent[] {
  const client = fromPod("client");
  const web = toService("web");
  return closedFlows(ctx, (f) => f.protocol === "tcp" && client(f) && web(f) && f.outcome === "ok" && !!f.backend && (kind === undefined || f.path.kind === kind));
}

/** Requests per backend pod. */
function perPod(flows: readonly FlowEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of flows) if (f.backend) m.set(f.backend.name, (m.get(f.backend.name) ?? 0) + 1);
  return m;
}

/** `web-…-87x75: 112, web-…-8fc6k: 96` (sorted by name). */
function describeCounts(m: Map<string, number>): string {
  return [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name}: ${n}`)
    .join(", ");
}

/** The kube-proxy ConfigMap's text. */
function proxyConfigText(ctx: CheckContext): string {
  return ctx.snapshot.configMaps.find((c) => c.metadata.namespace === "kube-system" && c.metadata.name === "kube-proxy")?.data?.["config.conf"] ?? "";
}

/** True while the kube-proxy DaemonSet is replacing its pods. */
function restarting(ctx: CheckContext): boolean {
  const ds = ctx.snapshot.daemonSets.find((d) => d.metadata.namespace === "kube-system" && d.metadata.name === "kube-proxy");
  if (!ds) return false;
  const want = ds.spec.template.metadata.annotations?.[RESTARTED_AT];
  const all = ctx.snapshot.pods.filter((p) => p.metadata.namespace === "kube-system" && p.metadata.labels?.["k8s-app"] === "kube-proxy");
  const live = livePods(ctx.snapshot, { "k8s-app": "kube-proxy" }, "kube-system");
  return (
    all.length !== live.length || live.length < ds.status.desiredNumberScheduled || live.some((p) => !isPodReady(p) || p.metadata.annotations?.[RESTARTED_AT] !== want)
  );
}

/** Every node's kube-proxy runs IPVS with `scheduler`: pass; on its way: wait; else a hint for the missing move. */
function proxyCheck(ctx: CheckContext, scheduler: string): CheckResult {
  const proxies = ctx.proxies();
  const right = (p: { mode: string; scheduler: string }) => p.mode === "ipvs" && (p.scheduler || "rr") === scheduler;
  if (proxies.length > 0 && proxies.every((p) => right(p) && p.running && !p.stale)) return pass;
  const conf = configuredProxy(proxyConfigText(ctx));
  if (conf.mode !== "ipvs") return fail(`The kube-proxy ConfigMap still says iptables (\`mode: ""\`). Set \`mode: "ipvs"\` and \`scheduler: "${scheduler}"\`, save it, then restart kube-proxy.`);
  if ((conf.scheduler || "rr") !== scheduler) return fail(`The ConfigMap says \`scheduler: "${conf.scheduler}"\`: this step wants \`"${scheduler}"\`.`);
  if (restarting(ctx) || proxies.some((p) => !p.running || p.stale)) return wait("kube-proxy is restarting, one node at a time…");
  if (proxies.some(right)) return fail("Only some nodes run the new setting: restart the whole DaemonSet: `kubectl -n kube-system rollout restart daemonset kube-proxy`.");
  return fail("The ConfigMap is right, but kube-proxy reads it only when it starts: `kubectl -n kube-system rollout restart daemonset kube-proxy`.");
}

/**
 * The commands that switch kube-proxy to IPVS with `scheduler`, as the Traffic panel types them:
 * show the two lines, sed them into `kubectl replace -f -`, restart the DaemonSet and wait.
 */
export function switchToIpvs(ctx: CheckContext, scheduler: string): Action[] {
  const set = setProxyConfig(proxyConfigText(ctx), "ipvs", scheduler);
  if (!set.ok) return [];
  return [
    `${GET_PROXY_CONFIG} | grep -e "mode:" -e "scheduler:"`,
    ...(set.command ? [set.command] : []),
    RESTART_PROXY,
    PROXY_ROLLOUT_STATUS,
    "kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide",
  ];
}

/** True when the annotation's Go duration is more than nothing. */
const slowValue = (v: string | undefined) => !!v && !/^0+(\.0+)?(ns|us|µs|ms|s|m|h)?$/.test(v.trim());

/** The web pods that answer slowly (by the lab's response-delay annotation). */
const slowWebPods = (ctx: CheckContext) => livePods(ctx.snapshot, { app: "web" }).filter((p) => slowValue(p.metadata.annotations?.[DELAY_ANNOTATION]));

/** The slow pod's share of `counts`, as a whole percentage. */
function sharePercent(counts: Map<string, number>, name: string): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return total ? `${Math.round((100 * (counts.get(name) ?? 0)) / total)} %` : "0 %";
}

registerCheck({
  name: "loadIpvs",
  params: [],
  passes: "kube-proxy runs IPVS with the rr scheduler on every node, up to date (waits while it restarts; near misses: the ConfigMap still iptables or another scheduler, not restarted, only some nodes).",
  nearMisses: [],
  run: (_args, ctx) => proxyCheck(ctx, "rr"),
});

registerCheck({
  name: "loadLc",
  params: [],
  passes: "A web pod is marked slow and kube-proxy runs IPVS with lc on every node (near misses: the Deployment annotated, no slow pod yet, and those of the rr step).",
  nearMisses: [],
  run(_args, ctx) {
    if (slowWebPods(ctx).length === 0) {
      if (deployment(ctx.snapshot, "web")?.metadata.annotations?.[DELAY_ANNOTATION])
        return fail(`You annotated the deployment; the lab reads the annotation on a pod: \`kubectl annotate pod ${ctx.memory.slowPod} ${DELAY_ANNOTATION}=1s --overwrite\`.`);
      return fail(`First make one web pod slow: \`kubectl annotate pod ${ctx.memory.slowPod} ${DELAY_ANNOTATION}=1s --overwrite\`.`);
    }
    return proxyCheck(ctx, "lc");
  },
});

registerCheck({
  name: "loadAffinity",
  params: [],
  passes: "web has sessionAffinity ClientIP, at least two endpoints, and the last 100 requests from client all went to one pod (waits for them; near misses: not patched, requests sent before the patch).",
  nearMisses: [],
  run(_args, ctx) {
    const done = webRequests(ctx);
    if (service(ctx.snapshot, "web")?.spec.sessionAffinity !== "ClientIP")
      return done.length > 0 ? fail(`The requests still spread: first patch the Service: \`kubectl patch svc web -p '{"spec":{"sessionAffinity":"ClientIP"}}'\`.`) : fail();
    if (readyEndpoints(ctx.snapshot, "web").length < 2) return fail("Keep the web pods: with one pod, every request lands on it anyway.");
    if (done.length < PINNED) return done.length > 0 ? wait(`${done.length} of ${PINNED} requests so far…`) : fail();
    const last = new Set(done.slice(-PINNED).map((f) => f.backend!.name));
    if (last.size === 1) return pass;
    return fail("Some of the last requests went to other pods: they were sent before the patch reached the rules. Run the traffic again.");
  },
});

registerCheck({
  name: "loadCheck",
  params: [],
  passes: "web-slow stays among web's three endpoints and, of the last 200 requests from client, got under a fifth while each other pod got more (near misses: pinned by affinity, still iptables, still rr, requests from before the switch).",
  nearMisses: [],
  run(_args, ctx) {
    const eps = readyEndpoints(ctx.snapshot, "web");
    if (!eps.some((e) => e.pod === "web-slow")) return fail("web-slow must stay behind the Service: the point is to steer around it, not to remove it.");
    if (eps.length < 3) return fail("Keep all three web pods ready behind the Service.");
    const done = webRequests(ctx);
    if (done.length === 0) return fail();
    if (done.length < ENOUGH) return wait(`${done.length} of ${ENOUGH} requests so far…`);
    const counts = perPod(done.slice(-ENOUGH));
    const slow = counts.get("web-slow") ?? 0;
    const others = eps.filter((e) => e.pod && e.pod !== "web-slow").map((e) => counts.get(e.pod!) ?? 0);
    if (slow < 0.2 * ENOUGH && others.every((n) => n > slow && n >= 0.2 * ENOUGH)) return pass;
    if (service(ctx.snapshot, "web")?.spec.sessionAffinity === "ClientIP" || others.some((n) => n < 0.2 * ENOUGH))
      return fail("The client is pinned to one pod: that is not balancing. Leave sessionAffinity at None and let the scheduler spread the rest.");
    const proxies = ctx.proxies();
    if (proxies.some((p) => p.mode === "iptables"))
      return fail("iptables mode picks at random: it cannot see that web-slow is busy. Switch kube-proxy to IPVS with the lc scheduler, restart it, and run the traffic again.");
    if (proxies.some((p) => (p.scheduler || "rr") === "rr")) return fail("Round robin deals web-slow its full third. Use the lc scheduler, restart kube-proxy, and run the traffic again.");
    return fail("The last requests include some sent before the switch. Run the traffic again.");
  },
});


const VIA = { name: "via", type: "text", doc: "`iptables` or `ipvs`: only requests through these rules" } as const;
const via = (text: string | undefined) => (text === "iptables" || text === "ipvs" ? text : undefined);

registerValue({
  name: "webCounts",
  params: [VIA],
  reads: "Requests per pod, from client to web since the step opened: `web-…-87x75: 112, web-…-8fc6k: 96`.",
  read: (args, ctx) => describeCounts(perPod(webRequests(ctx, via(args.text("via", ctx.memory))))),
});

registerValue({
  name: "webShare",
  params: [{ name: "pod", type: "text", required: true, doc: "the pod" }, VIA],
  reads: "The pod's share of the requests from client to web since the step opened, as a whole percentage.",
  read: (args, ctx) => sharePercent(perPod(webRequests(ctx, via(args.text("via", ctx.memory)))), args.text("pod", ctx.memory) ?? ""),
});

registerValue({
  name: "slowWebPod",
  params: [{ name: "part", type: "text", doc: "`name` (default; the remembered slowPod if none is slow) or `delay` (its response delay, 1s if none)" }],
  reads: "The web pod marked slow by the lab's response-delay annotation.",
  read(args, ctx) {
    const slow = slowWebPods(ctx)[0];
    if (args.text("part", ctx.memory) === "delay") return slow?.metadata.annotations?.[DELAY_ANNOTATION] ?? "1s";
    return slow?.metadata.name ?? ctx.memory.slowPod ?? "";
  },
});

registerValue({
  name: "pinnedNote",
  params: [],
  reads: "A sentence for the explanation when the client's last request went to the slow pod, else nothing.",
  read: (_args, ctx) =>
    (webRequests(ctx).at(-1)?.backend?.name ?? "") === ctx.memory.slowPod
      ? " That is the slow pod: lc picked it for the first request, when it had the fewest connections, and now every request waits for it. Affinity overrides lc."
      : "",
});
