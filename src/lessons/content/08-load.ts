/**
 * Lesson 8: how a Service spreads connections. iptables mode rolls dice, IPVS round robin takes
 * turns, least connection steers around a slow pod, and session affinity pins a client to one pod.
 * Traffic comes from the traffic generator; the counts are read from the connections themselves.
 */
import type { FlowEvent } from "../../engine/api";
import { configuredProxy, DELAY_ANNOTATION, GET_PROXY_CONFIG, PROXY_ROLLOUT_STATUS, RESTART_PROXY, setProxyConfig } from "../../actions/traffic";
import { isPodReady } from "../../store/selectors";
import { closedFlows, deployment, fail, fromPod, livePods, pass, pod, readyEndpoints, readyPods, service, toService, wait } from "../checks";
import type { Action, CheckContext, CheckResult, Lesson } from "../types";

/** How many finished requests a traffic step wants (20/s × 20 s make ~400; the panel's default 10/s × 30 s, ~300). */
const ENOUGH = 200;
/** Requests that must all land on one pod for the affinity step. */
const PINNED = 100;

// 20 s: a duration the Traffic panel offers (10 s at 20/s may fall short of ENOUGH: arrivals are random).
const TRAFFIC: readonly Action[] = [{ traffic: { source: { kind: "pod", name: "client" }, target: "web", rate: 20, durationMs: 20_000 } }, { wait: 21_000 }];

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

/** A traffic step: enough answered requests from client to web through `kind` rules. */
function trafficRun(ctx: CheckContext, kind: "iptables" | "ipvs"): CheckResult {
  const done = webRequests(ctx, kind);
  if (done.length >= ENOUGH) return pass;
  if (done.length > 0) return wait(`${done.length} of ${ENOUGH} requests so far…`);
  const elsewhere = closedFlows(ctx, (f) => toService("web")(f) && !fromPod("client")(f));
  if (elsewhere.length > 0) return fail("Send the traffic from the client pod: in the Traffic panel, source “client”, target “web”.");
  return fail();
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

export const loadLesson: Lesson = {
  id: "load",
  number: 8,
  title: "Load distribution",
  summary: "Send traffic through a Service and compare the counts: iptables picks at random, IPVS takes turns or steers around a slow pod, and affinity pins a client.",
  scenario: "lesson-load",
  steps: [
    {
      id: "random",
      title: "iptables mode: the dice",
      predict: {
        question: "kube-proxy runs in iptables mode, kubeadm's default. How does it choose a web pod for each new connection?",
        options: ["The pod with the fewest connections", "Each pod in turn", "At random"],
        answer: 2,
        reveal: "At random: every new connection rolls the dice, so the counts come out close, but rarely equal.",
      },
      body: `Three web pods sit behind the Service \`web\`, and a pod \`client\` is ready to call it. Open **Traffic** in the top bar and fill in the form: From **client**, To Service **web**, rate **20**, for **20 s**. Press **Start traffic**.

While it runs, watch the **Served** column under Live figures: requests per pod.`,
      enter: (ctx) => ({ clientNode: pod(ctx.snapshot, "client")?.spec.nodeName ?? "" }),
      check: (ctx) => trafficRun(ctx, "iptables"),
      hints: ["Press Traffic in the top bar. From: client, To Service: web, rate 20, for 20 s, then Start traffic."],
      showMe: TRAFFIC,
      explain: `Per pod: **{{randomCounts}}**. Near a third each, not equal, and different every run. The Service's chain KUBE-SVC-… has one rule per pod, tried in order: the first takes a new connection with probability 1/3 (\`0.33333333349\`), the second half of the rest (\`0.50000000000\`), the last whatever is left: one chance in three each. iptables keeps no count and cannot see which pod is busy, so the article's "least connection" is wrong for iptables mode. The rules of {{clientNode}}, where the client runs, show those probabilities.`,
      remember: (ctx) => ({ randomCounts: describeCounts(perPod(webRequests(ctx, "iptables"))) }),
      highlight: (ctx) => (ctx.memory.clientNode ? { rules: ctx.memory.clientNode } : undefined),
      notes: "Ask the room before running it. The article says the Service IP uses least connection: correct it here. Run it twice: the counts change every time.",
    },
    {
      id: "ipvs",
      title: "Switch kube-proxy to IPVS",
      body: `kube-proxy reads its mode from the ConfigMap \`kube-proxy\` in kube-system, and only when it starts. So switching takes two moves: set \`mode: "ipvs"\` and \`scheduler: "rr"\` (round robin) in the ConfigMap, then restart the kube-proxy pods.

The Traffic panel's **kube-proxy mode** form types both moves into the terminal for you: choose IPVS and rr, then **Apply and restart kube-proxy**. It types what you would: one line that pipes the ConfigMap through \`sed\` (one \`-e 's/old/new/'\` per line it changes) into \`kubectl replace -f -\` (\`-\` reads the file from stdin), then the restart:

$ ${GET_PROXY_CONFIG} | sed -e 's/mode: ""/mode: "ipvs"/' -e 's/scheduler: ""/scheduler: "rr"/' | kubectl replace -f -
$ ${RESTART_PROXY}`,
      check: (ctx) => proxyCheck(ctx, "rr"),
      hints: ["Traffic panel → kube-proxy mode: IPVS, scheduler rr, “Apply and restart kube-proxy”.", "After the ConfigMap changes, the pods must restart: `kubectl -n kube-system rollout restart daemonset kube-proxy`."],
      showMe: (ctx) => switchToIpvs(ctx, "rr"),
      explain: `The DaemonSet replaced its pods one node at a time. Each new kube-proxy read the ConfigMap and rebuilt its node's rules for IPVS, the kernel's own load balancer: one virtual server per Service port (the ClusterIP, bound to a dummy interface kube-ipvs0) with the pods as real servers. Editing the ConfigMap alone changes nothing: a node keeps its old rules until its kube-proxy restarts.`,
      highlight: (ctx) => (ctx.memory.clientNode ? { rules: ctx.memory.clientNode } : undefined),
      notes: "`ipvsadm -Ln` on a node lists the virtual servers. IPVS mode still leaves a short iptables nat table for masquerading and NodePorts. v1.33 also made nftables mode generally available; upstream recommends it over IPVS for new clusters, and it picks at random like iptables.",
    },
    {
      id: "rr",
      title: "Round robin",
      predict: {
        question: "The same traffic again, now with IPVS round robin. How will the three counts compare?",
        options: ["Close, like before: give or take a dozen", "Equal, to within one", "All on one pod"],
        answer: 1,
        reveal: "Round robin deals connections strictly in turn: the counts differ by one at most.",
      },
      body: `Press **Reset counters** under Live figures, so the panel counts only this run. Then start the same traffic: client → web, rate 20, for 20 s.

The kernel keeps its own counters per pod. To read them (optional), log in to the client's node, {{clientNode}}:

$ ssh {{clientNode}}
$ ipvsadm -Ln --stats
$ exit`,
      check: (ctx) => trafficRun(ctx, "ipvs"),
      hints: ["Start traffic again in the Traffic panel: client → web, rate 20, for 20 s."],
      showMe: TRAFFIC,
      explain: `Per pod: **{{rrCounts}}**: equal to within one. IPVS keeps a pointer per virtual server (one per Service port) and moves it one pod along for each new connection. \`ipvsadm -Ln --stats\` shows the same split in its Conns column, but only on {{clientNode}}: each node balances the connections that start there. There is no central load balancer; on the other nodes, the same virtual server sits idle.`,
      remember: (ctx) => ({ rrCounts: describeCounts(perPod(webRequests(ctx, "ipvs"))) }),
      highlight: (ctx) => (ctx.memory.clientNode ? { rules: ctx.memory.clientNode } : undefined),
      notes: "Run ipvsadm on another node to show its zero counters: balancing is per node.",
    },
    {
      id: "lc",
      title: "A slow pod, and least connection",
      body: `Make one pod slow. In this lab, a pod waits as long as its annotation \`podflow.dev/response-delay\` says before it answers:

$ kubectl annotate pod {{slowPod}} podflow.dev/response-delay=1s --overwrite

Round robin would still send it a third of the connections, and a third of the users would wait. The \`lc\` scheduler (least connection) sends each new connection to the pod with the fewest connections. Switch to it as before: the kube-proxy mode form with IPVS and lc, or \`scheduler: "lc"\` in the ConfigMap and a restart.`,
      enter(ctx) {
        const first = readyPods(ctx.snapshot, { app: "web" }).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
        return { slowPod: first?.metadata.name ?? "" };
      },
      check(ctx) {
        if (slowWebPods(ctx).length === 0) {
          if (deployment(ctx.snapshot, "web")?.metadata.annotations?.[DELAY_ANNOTATION])
            return fail(`You annotated the deployment; the lab reads the annotation on a pod: \`kubectl annotate pod ${ctx.memory.slowPod} ${DELAY_ANNOTATION}=1s --overwrite\`.`);
          return fail(`First make one web pod slow: \`kubectl annotate pod ${ctx.memory.slowPod} ${DELAY_ANNOTATION}=1s --overwrite\`.`);
        }
        return proxyCheck(ctx, "lc");
      },
      hints: ["`kubectl annotate pod {{slowPod}} podflow.dev/response-delay=1s --overwrite`", "Then Traffic panel → kube-proxy mode: IPVS, scheduler lc, “Apply and restart kube-proxy”."],
      showMe: (ctx) => [`kubectl annotate pod ${ctx.memory.slowPod} ${DELAY_ANNOTATION}=1s --overwrite`, ...switchToIpvs(ctx, "lc")],
      explain: `**{{slowPod}}** now waits {{slowDelay}} before each answer, and every node's IPVS now schedules with lc. For each new connection, lc picks the pod with the lowest load, counted as 256 × its active connections + its inactive ones (finished or closing, still in the kernel's table). One open request weighs more than a hundred finished ones.`,
      remember(ctx) {
        const slow = slowWebPods(ctx)[0];
        return { slowPod: slow?.metadata.name ?? ctx.memory.slowPod, slowDelay: slow?.metadata.annotations?.[DELAY_ANNOTATION] ?? "1s" };
      },
      highlight: (ctx) => ({ select: { kind: "Pod", namespace: "default", name: ctx.memory.slowPod } }),
      notes: "Without the scheduler change, rr would keep sending a third of the requests to the slow pod: every third user waits a second.",
    },
    {
      id: "lc-run",
      title: "Least connection at work",
      predict: {
        question: "The same traffic with lc. What share of the new connections will the slow pod get?",
        options: ["About a third, as with rr", "Far less than a third", "None at all"],
        answer: 1,
        reveal: "Far less: while its requests are open it looks busy, so lc prefers the others. When it is idle, it gets its turn again.",
      },
      body: `Press **Reset counters**, then start the same traffic once more: client → web, rate 20, for 20 s. Compare the slow pod's count with the others'.`,
      check: (ctx) => trafficRun(ctx, "ipvs"),
      hints: ["Start traffic again in the Traffic panel: client → web, rate 20, for 20 s."],
      showMe: TRAFFIC,
      explain: `Per pod: **{{lcCounts}}**. The slow pod got **{{slowShare}}** of the connections, not a third. lc does not time responses; it counts connections. While {{slowPod}} holds an open request it looks busy, and lc passes it by; when the request ends, it has the fewest again and gets the next one. Most users never wait for it. This is the article's "least connection", but not a Service's default: only IPVS mode with the lc scheduler does it, when whoever runs the cluster chooses it.`,
      remember(ctx) {
        const counts = perPod(webRequests(ctx, "ipvs"));
        return { lcCounts: describeCounts(counts), slowShare: sharePercent(counts, ctx.memory.slowPod) };
      },
      highlight: (ctx) => ({ select: { kind: "Pod", namespace: "default", name: ctx.memory.slowPod } }),
      notes: "Compare the p95 latency in the Traffic panel with what rr would give: a third of requests at 1 s.",
    },
    {
      id: "affinity",
      title: "Session affinity",
      predict: {
        question: "The Service gets `sessionAffinity: ClientIP`. Where will the client's requests go?",
        options: ["Spread as before", "All to one pod", "Only to the fastest pod"],
        answer: 1,
        reveal: "All to one pod: the first connection is balanced as usual, and the choice is remembered for that source IP.",
      },
      body: `Some apps keep a user's session in the pod's memory, and need each user back on the same pod. Ask the Service to remember clients by their source IP:

$ kubectl patch svc web -p '{"spec":{"sessionAffinity":"ClientIP"}}'

Then press **Reset counters** and start the same traffic again.`,
      check(ctx) {
        const done = webRequests(ctx);
        if (service(ctx.snapshot, "web")?.spec.sessionAffinity !== "ClientIP")
          return done.length > 0 ? fail(`The requests still spread: first patch the Service: \`kubectl patch svc web -p '{"spec":{"sessionAffinity":"ClientIP"}}'\`.`) : fail();
        if (readyEndpoints(ctx.snapshot, "web").length < 2) return fail("Keep the web pods: with one pod, every request lands on it anyway.");
        if (done.length < PINNED) return done.length > 0 ? wait(`${done.length} of ${PINNED} requests so far…`) : fail();
        const last = new Set(done.slice(-PINNED).map((f) => f.backend!.name));
        if (last.size === 1) return pass;
        return fail("Some of the last requests went to other pods: they were sent before the patch reached the rules. Run the traffic again.");
      },
      hints: [`\`kubectl patch svc web -p '{"spec":{"sessionAffinity":"ClientIP"}}'\`, then the same traffic.`],
      showMe: [`kubectl patch svc web -p '{"spec":{"sessionAffinity":"ClientIP"}}'`, { wait: 2000 }, ...TRAFFIC],
      explain: `Every request from the client went to **{{pinnedPod}}**.{{pinnedNote}} ClientIP affinity balances a client's first connection, then keeps it on that pod until the client has been quiet for 3 hours (\`sessionAffinityConfig.clientIP.timeoutSeconds\`, default 10800). In IPVS mode that is \`persistent 10800\` in \`ipvsadm -Ln\`; in iptables mode, \`-m recent\` rules. It sees only IP addresses: all users behind one NAT look like a single client.`,
      remember(ctx) {
        const done = webRequests(ctx);
        const pinned = done.at(-1)?.backend?.name ?? "";
        return {
          pinnedPod: pinned,
          pinnedNote:
            pinned === ctx.memory.slowPod
              ? " That is the slow pod: lc picked it for the first request, when it had the fewest connections, and now every request waits for it. Affinity overrides lc."
              : "",
        };
      },
      highlight: (ctx) => (ctx.memory.pinnedPod ? { select: { kind: "Pod", namespace: "default", name: ctx.memory.pinnedPod } } : undefined),
      notes: "With lc, the pinned pod is the one with the fewest (inactive) connections when the first request came: it may well be the slow one.",
    },
    {
      id: "check",
      title: "Your turn: steer around a slow pod",
      fresh: "lesson-load-check",
      body: `A fresh cluster, back in iptables mode. \`web\` has three pods; one of them, \`web-slow\`, answers after 2 seconds. Make kube-proxy send web-slow far fewer new connections than the other two, and prove it with traffic from \`client\` (at least ${ENOUGH} requests). web-slow stays in the Service.`,
      check(ctx) {
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
      hints: ["Least connection sends new connections to the least busy pod: IPVS mode with scheduler lc.", "Traffic panel → kube-proxy mode: IPVS, lc, “Apply and restart kube-proxy”; then traffic client → web, rate 20, for 20 s."],
      showMe: (ctx) => [...switchToIpvs(ctx, "lc"), ...TRAFFIC],
      explain: `With lc, web-slow's open connections made it look busy, so the new ones went to the two fast pods. The same two moves as in the lesson: the ConfigMap says what kube-proxy should do, and a restart makes it do it.`,
      highlight: () => ({ select: { kind: "Pod", namespace: "default", name: "web-slow" } }),
    },
  ],
};
