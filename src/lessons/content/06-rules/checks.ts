/**
 * Lesson 6's checks and values written in code (06-rules.lesson.md calls them by name): they read a
 * node's iptables chains and IPVS table the way kube-proxy writes them, follow which shell a
 * command ran in and the order of the learner's commands, and find the chains a request took.
 */
import { registerValue } from "../../file/values";
import { registerCheck } from "../../file/vocabulary";
import type { ConfigMap } from "../../../engine/cluster/types";
import { configuredProxy } from "../../../actions/traffic";
import { closedFlows, fail, fromPod, pass, pod, promptNode, ran, ranOk, readyPods, service, toService, wait } from "../../checks";
import type { CheckContext, CommandRecord } from "../../types";

/** iptables or iptables-save, typed on a node (the control plane is a node too). */
const IPTABLES = /^\s*(sudo\s+)?iptables(-save)?(\s|$)/;
const IPVSADM = /^\s*(sudo\s+)?ipvsadm(\s|$)/;
const NAT = /-t\s*nat\b|--table[= ]nat\b/;
const RESTART = /\brollout\s+restart\b[^\n]*kube-proxy/;
const CM_CHANGED = /configmap\/kube-proxy (configured|replaced|edited|patched)/;
const CURL_SERVICE = "kubectl exec client -- curl -s my-service:8080";

/** The node the client pod runs on (where its connections are translated). */
const clientNode = (ctx: CheckContext) => ctx.memory.clientNode || pod(ctx.snapshot, "client")?.spec.nodeName || "node01";

/** my-service's ClusterIP (remembered when the lesson opened, or read again after a reload). */
const clusterIP = (ctx: CheckContext) => ctx.memory.clusterIP || service(ctx.snapshot, "my-service")?.spec.clusterIP || "";

/** A Service's chains as kube-proxy wrote them on `node`: KUBE-SVC-… and its KUBE-SEP-… with their pod IPs. */
export function chainsOf(ctx: CheckContext, svc: string, node: string): { svc: string; seps: { chain: string; ip: string }[] } | undefined {
  const lines = ctx.rules(node);
  const comment = `"${svc} cluster IP"`;
  const named = new RegExp(`"${svc}:[^"]* cluster IP"`);
  const entry = lines.find((l) => l.chain === "KUBE-SERVICES" && (l.text.includes(comment) || named.test(l.text)) && /-j KUBE-SVC-/.test(l.text));
  const chain = entry && /-j (KUBE-SVC-\w+)/.exec(entry.text)?.[1];
  if (!chain) return undefined;
  const seps = lines
    .filter((l) => l.chain === chain)
    .map((l) => /-j (KUBE-SEP-\w+)/.exec(l.text)?.[1])
    .filter((c): c is string => !!c)
    .map((sep) => {
      const dnat = lines.find((l) => l.chain === sep && /DNAT/.test(l.text));
      return { chain: sep, ip: /--to-destination ([\d.]+):/.exec(dnat?.text ?? "")?.[1] ?? "" };
    });
  return { svc: chain, seps };
}

/** The pod IPs a command's output DNATs to (`iptables -L`: `to:IP:PORT`; iptables-save: `--to-destination IP:PORT`). */
function dnatTargets(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => /\bDNAT\b/.test(l))
    .map((l) => /(?:to:|--to-destination )([\d.]+):\d+/.exec(l)?.[1])
    .filter((ip): ip is string => !!ip);
}

/** kubectl typed in a node's shell (it has no kubeconfig there): the hint to come back. */
function kubectlOnNode(ctx: CheckContext): string | undefined {
  const c = ran(ctx, /^\s*(kubectl|k)\s/, (r) => !r.prompt.startsWith("controlplane:") && promptNode(r.prompt) !== undefined);
  return c ? `You are on ${promptNode(c.prompt)}, where kubectl has no cluster to talk to. Type \`exit\` to come back to the control plane.` : undefined;
}

/** The position of the most recent command matching, or -1. */
function lastIndex(ctx: CheckContext, match: (c: CommandRecord) => boolean): number {
  for (let i = ctx.commands.length - 1; i >= 0; i--) if (ctx.commands[i].source !== "quiet" && match(ctx.commands[i])) return i;
  return -1;
}

const proxyConfigMap = (ctx: CheckContext): ConfigMap | undefined => ctx.snapshot.configMaps.find((c) => c.metadata.name === "kube-proxy" && c.metadata.namespace === "kube-system");

registerCheck({
  name: "rulesServices",
  params: [],
  passes: "The learner printed iptables rules showing my-service's KUBE-SVC chain (waits for kube-proxy; near miss: not the nat table).",
  nearMisses: [],
  run(_args, ctx) {
    const info = chainsOf(ctx, "default/my-service", clientNode(ctx));
    if (!info) return wait("kube-proxy is writing the rules…");
    if (ranOk(ctx, IPTABLES, (c) => c.result.stdout.includes(info.svc) && /my-service/.test(c.result.stdout))) return pass;
    if (ranOk(ctx, IPTABLES, (c) => !NAT.test(c.line) && /Chain /.test(c.result.stdout))) return fail("Add `-t nat`: the Service rules are in the nat table. `iptables -t nat -L KUBE-SERVICES -n`.");
    return fail();
  },
});

registerCheck({
  name: "rulesSvcChain",
  params: [],
  passes: "The learner printed my-service's KUBE-SVC chain with every KUBE-SEP chain it jumps to (near misses: another Service's chain, a misspelt chain).",
  nearMisses: [],
  run(_args, ctx) {
    const info = chainsOf(ctx, "default/my-service", clientNode(ctx));
    if (!info) return wait("kube-proxy is writing the rules…");
    if (ranOk(ctx, IPTABLES, (c) => c.result.stdout.includes(info.svc) && info.seps.every((s) => c.result.stdout.includes(s.chain)))) return pass;
    if (ran(ctx, IPTABLES, (c) => /Chain KUBE-SVC-/.test(c.result.stdout) && !c.result.stdout.includes(info.svc))) return fail("That is another Service's chain. my-service's is {{svcChain}}: the target of the line with {{clusterIP}} in KUBE-SERVICES.");
    if (ran(ctx, IPTABLES, (c) => /No chain\/target\/match by that name/.test(c.result.stderr))) return fail("No chain by that name in this table: copy it exactly, and keep `-t nat`: `iptables -t nat -L {{svcChain}} -n`.");
    return fail();
  },
});

registerCheck({
  name: "rulesSepChain",
  params: [],
  passes: "The learner printed a KUBE-SEP chain of my-service with its DNAT to one of its pods (near misses: the Service chain again, another Service's KUBE-SEP).",
  nearMisses: [],
  run(_args, ctx) {
    const info = chainsOf(ctx, "default/my-service", clientNode(ctx));
    if (!info) return wait("kube-proxy is writing the rules…");
    const mine = new Set(info.seps.map((s) => s.ip));
    if (ranOk(ctx, IPTABLES, (c) => info.seps.some((s) => c.result.stdout.includes(s.chain)) && dnatTargets(c.result.stdout).some((ip) => mine.has(ip)))) return pass;
    if (ranOk(ctx, IPTABLES, (c) => c.result.stdout.includes(info.svc))) return fail("That is the Service chain again. List one of the KUBE-SEP chains it jumps to, e.g. `iptables -t nat -L {{sepA}} -n`.");
    if (ran(ctx, IPTABLES, (c) => /Chain KUBE-SEP-/.test(c.result.stdout))) return fail("That KUBE-SEP chain belongs to another Service. my-service's are {{sepA}} and {{sepB}}.");
    return fail();
  },
});

registerCheck({
  name: "rulesLive",
  params: [],
  passes: "The client pod called my-service through iptables rules (near misses: kubectl on a node, another port, a pod IP).",
  nearMisses: [],
  run(_args, ctx) {
    if (closedFlows(ctx, (f) => fromPod("client")(f) && toService("my-service")(f) && f.outcome === "ok" && f.path.kind === "iptables").length > 0) return pass;
    const onNode = kubectlOnNode(ctx);
    if (onNode) return fail(onNode);
    if (closedFlows(ctx, (f) => fromPod("client")(f) && f.dst.ip === clusterIP(ctx) && f.dst.port !== 8080).length > 0) return fail("my-service listens on port 8080: `curl -s my-service:8080`.");
    if (closedFlows(ctx, (f) => fromPod("client")(f) && !f.service).length > 0) return fail("That went straight to a pod IP, with no rules to follow. Curl the Service: `my-service:8080`.");
    return fail();
  },
});

registerCheck({
  name: "rulesSwitchIpvs",
  params: [],
  passes: "kube-proxy runs in IPVS mode on every node: ConfigMap changed and the DaemonSet restarted (waits while it rolls; near miss: the ConfigMap changed but not restarted).",
  nearMisses: [],
  run(_args, ctx) {
    const ps = ctx.proxies();
    if (ps.length > 0 && ps.every((p) => p.mode === "ipvs" && p.running && !p.stale)) return pass;
    const onNode = kubectlOnNode(ctx);
    const mode = configuredProxy(proxyConfigMap(ctx)?.data?.["config.conf"] ?? "").mode;
    const restarted = lastIndex(ctx, (c) => c.result.exitCode === 0 && RESTART.test(c.line));
    if (mode !== "ipvs") {
      if (onNode) return fail(onNode);
      if (restarted >= 0) return fail('kube-proxy restarted, but its ConfigMap still says iptables. Set `mode: "ipvs"` in config.conf, save it, then restart again.');
      return fail();
    }
    const changed = lastIndex(ctx, (c) => CM_CHANGED.test(c.result.stdout));
    if (restarted > changed || ps.some((p) => p.mode === "ipvs" || !p.running)) return wait("kube-proxy is restarting, one node at a time…");
    return fail("The ConfigMap says ipvs now, but kube-proxy reads it only when it starts: `kubectl -n kube-system rollout restart daemonset kube-proxy`.");
  },
});

registerCheck({
  name: "rulesIpvs",
  params: [],
  passes: "The learner listed the IPVS table with my-service's virtual server, and the client called my-service through IPVS, in either order (a near miss for each half).",
  nearMisses: [],
  run(_args, ctx) {
    const ip = clusterIP(ctx);
    const listed = ranOk(ctx, IPVSADM, (c) => c.result.stdout.includes(`${ip}:8080`));
    const curled = closedFlows(ctx, (f) => fromPod("client")(f) && toService("my-service")(f) && f.outcome === "ok" && f.path.kind === "ipvs").length > 0;
    if (listed && curled) return pass;
    const onNode = kubectlOnNode(ctx);
    if (listed && onNode) return fail(onNode);
    if (listed) return fail(`There it is. Now a request through it: \`${CURL_SERVICE}\`.`);
    if (curled) return fail("The request worked. Now look at the virtual server it went through: `ipvsadm -Ln` on a node.");
    return fail();
  },
});

registerCheck({
  name: "rulesCheck",
  params: [],
  passes: "The learner printed web's KUBE-SVC chain (as node02 has it) and, alone, the KUBE-SEP chain whose DNAT leads to web's pod on node01 (near misses for each half, the node02 pod's chain, several chains at once).",
  nearMisses: [],
  run(_args, ctx) {
    const info = chainsOf(ctx, "default/web", "node02");
    if (!info) return wait("kube-proxy is writing the rules…");
    const pods = readyPods(ctx.snapshot, { app: "web" });
    const targets = new Set(pods.filter((p) => p.spec.nodeName === "node01").map((p) => p.status.podIP));
    const others = new Set(pods.filter((p) => p.spec.nodeName !== "node01").map((p) => p.status.podIP));
    const target = info.seps.find((s) => targets.has(s.ip));
    if (!target) return wait("Waiting for web's pods…");
    const svcListed = ranOk(ctx, IPTABLES, (c) => c.result.stdout.includes(info.svc) && c.result.stdout.includes(target.chain));
    const outs = ctx.commands.filter((c) => c.source !== "quiet" && c.result.exitCode === 0 && IPTABLES.test(c.line)).map((c) => dnatTargets(c.result.stdout));
    const sepListed = outs.some((ips) => ips.length > 0 && ips.every((ip) => targets.has(ip)));
    if (svcListed && sepListed) return pass;
    if (!svcListed && !sepListed && ranOk(ctx, IPTABLES, (c) => c.result.stdout.includes(info.svc))) return fail("That line sends web's ClusterIP to its KUBE-SVC chain. Now list that chain: `iptables -t nat -L KUBE-SVC-… -n`.");
    if (outs.some((ips) => ips.some((ip) => others.has(ip)) && !ips.some((ip) => targets.has(ip)))) return fail("That chain DNATs to the web pod on node02. You want the one on node01: `kubectl get pods -o wide` shows its IP, and the KUBE-SVC chain's comments show which KUBE-SEP leads there.");
    if (outs.some((ips) => ips.some((ip) => targets.has(ip)) && ips.length > 1)) return fail("That shows several chains at once. Now list just the KUBE-SEP chain of the node01 pod: `iptables -t nat -L KUBE-SEP-… -n`.");
    if (sepListed) return fail("Right KUBE-SEP chain. Now list web's KUBE-SVC chain too, the one that jumps to it.");
    if (svcListed) return fail("That is web's KUBE-SVC chain. Now list the KUBE-SEP chain whose comment leads to the node01 pod's IP.");
    return fail();
  },
});


/** `node01`, or `node of POD`: the node a pod of default runs on. */
function nodeNamed(text: string | undefined, ctx: CheckContext): string {
  const m = /^node of (\S+)$/.exec((text ?? "").trim());
  return m ? (pod(ctx.snapshot, m[1])?.spec.nodeName ?? "") : (text ?? "").trim();
}

const CHAIN_VALUE_PARAMS = [
  { name: "node", type: "text", required: true, doc: "the node whose rules are read (`node of POD` for a pod's)" },
  { name: "service", type: "text", required: true, doc: "the Service, in default" },
] as const;

registerValue({
  name: "kubeChain",
  params: [...CHAIN_VALUE_PARAMS, { name: "part", type: "text", required: true, doc: "svc, sepA, ipA, sepB or ipB" }],
  reads: "The Service's KUBE-SVC chain on the node, or its first or second KUBE-SEP chain and the pod IP it DNATs to.",
  read(args, ctx) {
    const info = chainsOf(ctx, `default/${args.text("service", ctx.memory)}`, nodeNamed(args.text("node", ctx.memory), ctx));
    const [a, b] = info?.seps ?? [];
    const parts: Record<string, string | undefined> = { svc: info?.svc, sepA: a?.chain, ipA: a?.ip, sepB: b?.chain, ipB: b?.ip };
    const part = args.text("part", ctx.memory) ?? "";
    return (Object.hasOwn(parts, part) && parts[part]) || "";
  },
});

registerValue({
  name: "sepChainToPodOn",
  params: [...CHAIN_VALUE_PARAMS, { name: "podNode", type: "text", required: true, doc: "the node the endpoint pod runs on" }],
  reads: "The KUBE-SEP chain, in the node's rules for the Service, that DNATs to a ready pod running on `podNode`.",
  read(args, ctx) {
    const service = args.text("service", ctx.memory) ?? "";
    const info = chainsOf(ctx, `default/${service}`, nodeNamed(args.text("node", ctx.memory), ctx));
    const svc = ctx.snapshot.services.find((s) => s.metadata.name === service && (s.metadata.namespace ?? "default") === "default");
    const onNode = new Set(readyPods(ctx.snapshot, svc?.spec.selector ?? {}).filter((p) => p.spec.nodeName === args.text("podNode", ctx.memory)).map((p) => p.status.podIP));
    return info?.seps.find((s) => onNode.has(s.ip))?.chain ?? "";
  },
});

registerValue({
  name: "lastHit",
  params: [
    { name: "part", type: "text", required: true, doc: "sep, ip, pod or node" },
    { name: "from", type: "text", doc: "the calling pod (default client)" },
    { name: "service", type: "text", doc: "the Service called (default my-service)" },
  ],
  reads: "Of the latest answered call from the pod to the Service in this step: the KUBE-SEP chain it went through (iptables), or the pod that answered (its IP, name or node).",
  read(args, ctx) {
    const f = closedFlows(ctx, (x) => fromPod(args.text("from", ctx.memory) ?? "client")(x) && toService(args.text("service", ctx.memory) ?? "my-service")(x) && x.outcome === "ok").at(-1);
    const part = args.text("part", ctx.memory);
    if (part === "sep") return (f?.path.kind === "iptables" ? f.path.steps.find((s) => s.chain.startsWith("KUBE-SEP-"))?.chain : undefined) ?? "";
    if (part === "ip") return f?.backend?.ip ?? "";
    if (part === "pod") return f?.backend?.name ?? "";
    if (part === "node") return f?.backend?.node ?? "";
    return "";
  },
});
