/**
 * Lesson 6: where the rules live. kube-proxy runs on every node and turns Services and
 * EndpointSlices into kernel rules: the iptables chains walked one by one (KUBE-SERVICES →
 * KUBE-SVC-… → KUBE-SEP-… → DNAT) with a live request's path highlighted, then the same Service
 * after switching kube-proxy to IPVS the real way (ConfigMap + restart): ipvsadm and kube-ipvs0.
 */
import type { ConfigMap } from "../../engine/cluster/types";
import { configuredProxy, GET_PROXY_CONFIG, PROXY_ROLLOUT_STATUS, RESTART_PROXY, setProxyConfig } from "../../actions/traffic";
import { closedFlows, fail, fromPod, pass, pod, promptNode, ran, ranOk, readyPods, service, toService, wait } from "../checks";
import type { CheckContext, CommandRecord, Lesson } from "../types";

/** iptables or iptables-save, typed on a node (the control plane is a node too). */
const IPTABLES = /^\s*(sudo\s+)?iptables(-save)?(\s|$)/;
const IPVSADM = /^\s*(sudo\s+)?ipvsadm(\s|$)/;
const IP_TOOL = /^\s*(sudo\s+)?ip\s/;
const NAT = /-t\s*nat\b|--table[= ]nat\b/;
const RESTART = /\brollout\s+restart\b[^\n]*kube-proxy/;
const CM_CHANGED = /configmap\/kube-proxy (configured|replaced|edited|patched)/;
const CURL_SERVICE = "kubectl exec client -- curl -s my-service:8080";
/** Where the mode is set: only the real `mode:` line prints (kubectl replace keeps no last-applied copy). */
const GET_MODE = `${GET_PROXY_CONFIG} | grep mode`;
/** kubeadm's `mode: ""` to IPVS in one line, as the traffic panel types it. */
export const TO_IPVS = `${GET_PROXY_CONFIG} | sed -e 's/mode: ""/mode: "ipvs"/' | kubectl replace -f -`;

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

export const rulesLesson: Lesson = {
  id: "rules",
  number: 6,
  title: "Where the rules live",
  summary: "kube-proxy on every node turns Services into kernel rules: walk the iptables chains a request takes, then see the same Service as an IPVS virtual server.",
  scenario: "lesson-rules",
  steps: [
    {
      id: "kube-proxy",
      title: "One kube-proxy per node",
      predict: {
        question: "This cluster has three nodes. How many kube-proxy pods does it run?",
        options: ["One, on the control plane", "One on every node: three", "One per Service"],
        answer: 1,
        reveal: "kube-proxy is a DaemonSet: one pod on every node, the control plane included.",
      },
      body: `my-service (ClusterIP {{clusterIP}}, port 8080) has two test pods, and a \`client\` pod runs on {{clientNode}}. Who makes the ClusterIP work? Find kube-proxy:

$ kubectl -n kube-system get daemonset kube-proxy
$ kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide`,
      enter: (ctx) => ({ clientNode: clientNode(ctx), clusterIP: service(ctx.snapshot, "my-service")?.spec.clusterIP ?? "" }),
      check(ctx) {
        if (ranOk(ctx, /kube-proxy/, (c) => /(^|\s)kube-proxy(-[a-z0-9]{5})?\s+\d/m.test(c.result.stdout))) return pass;
        if (ran(ctx, /kube-proxy/, (c) => /NotFound|No resources found in default/.test(c.result.stderr + c.result.stdout))) return fail("kube-proxy lives in the kube-system namespace: add `-n kube-system`.");
        return fail();
      },
      hints: ["It is in the kube-system namespace.", "`kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide`"],
      showMe: ["kubectl -n kube-system get daemonset kube-proxy", "kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide"],
      explain: `DESIRED 3, one pod per node: controlplane, node01 and node02. Each one watches the API server for Services and EndpointSlices and writes **rules into its own node's kernel**. You may read that kube-proxy "reserves" the Service IP or "gives" it to the Service. It does not: the API server allocated {{clusterIP}} when the Service was created. kube-proxy allocates nothing, and a request never passes through the kube-proxy process either: the kernel follows the rules kube-proxy wrote.`,
      highlight: (ctx) => ({ select: { kind: "Node", namespace: "", name: clientNode(ctx) } }),
      notes: "Show the kube-proxy pods on the canvas (toggle system pods). Their IPs are the node IPs: kube-proxy uses the host's network, because it programs the host.",
    },
    {
      id: "filter",
      title: "The article's iptables -L",
      predict: {
        question: "On the client's node, you run the article's iptables -L. Will you find my-service's ClusterIP in it?",
        options: ["Yes, in a chain called KUBE-SERVICES", "No: iptables -L lists the filter table, and the Service rules are in the nat table", "No: only the nodes that run a test pod have rules for it"],
        answer: 1,
        reveal: "iptables -L shows the filter table only. Translating a ClusterIP is address translation: the nat table.",
      },
      body: `Rules are per node, so log in to a node. Take the client's node:

$ ssh {{clientNode}}
$ iptables -L

The prompt changes to \`{{clientNode}}:~$ \`. (The control plane is a node too, with its own kube-proxy: the same commands work there.)`,
      check(ctx) {
        if (ranOk(ctx, IPTABLES, (c) => !NAT.test(c.line) && /Chain INPUT|\*filter/.test(c.result.stdout))) return pass;
        if (ranOk(ctx, IPTABLES, (c) => NAT.test(c.line))) return fail("That is the nat table: the next step. First the plain `iptables -L` the article uses, to see what it shows.");
        if (ran(ctx, /\bexec\b[^\n]*iptables/)) return fail("iptables runs on the node, not in a pod: `ssh {{clientNode}}`, then `iptables -L`.");
        return fail();
      },
      hints: ["`ssh {{clientNode}}`, then `iptables -L`."],
      shell: "{{clientNode}}",
      showMe: ["iptables -L"],
      explain: `KUBE-SERVICES is there, in the **filter** table, and it is empty: my-service has endpoints, so there is nothing to filter. (For a Service without endpoints, kube-proxy puts a REJECT rule here: that is why lesson 5's \`typo\` Service refused at once.) The translation from ClusterIP to pod happens in the **nat** table, which \`iptables -L\` does not show. Stay on {{clientNode}} for the next steps; you will type \`exit\` when you need kubectl again.`,
      notes: "The article says the Service IP is maintained in `iptables -L`. Close: the rules are in iptables, but in the nat table. `iptables -t nat -L` or `iptables-save -t nat`.",
    },
    {
      id: "services",
      title: "The entry: KUBE-SERVICES",
      body: `List the nat table's KUBE-SERVICES chain (\`-n\` prints numbers instead of names):

$ iptables -t nat -L KUBE-SERVICES -n

Find the line for {{clusterIP}} with \`dpt:8080\`. Its target, on the left, is a chain named KUBE-SVC- and a hash.`,
      check(ctx) {
        const info = chainsOf(ctx, "default/my-service", clientNode(ctx));
        if (!info) return wait("kube-proxy is writing the rules…");
        if (ranOk(ctx, IPTABLES, (c) => c.result.stdout.includes(info.svc) && /my-service/.test(c.result.stdout))) return pass;
        if (ranOk(ctx, IPTABLES, (c) => !NAT.test(c.line) && /Chain /.test(c.result.stdout))) return fail("Add `-t nat`: the Service rules are in the nat table. `iptables -t nat -L KUBE-SERVICES -n`.");
        return fail();
      },
      hints: ["`iptables -t nat -L KUBE-SERVICES -n`", "`iptables-save -t nat | grep my-service` prints the same rules in the form kube-proxy writes them."],
      shell: "{{clientNode}}",
      showMe: ["iptables -t nat -L KUBE-SERVICES -n"],
      explain: `Every packet that enters or leaves a pod on this node is checked against KUBE-SERVICES: one line per Service port, matched on destination IP and port. The line for \`{{clusterIP}}\` port 8080 says "jump to **{{svcChain}}**". The hash is made from the Service's namespace, name, port name and protocol, so the chain has the same name on every node, and in any cluster with a default/my-service.`,
      remember(ctx) {
        const info = chainsOf(ctx, "default/my-service", clientNode(ctx));
        const [a, b] = info?.seps ?? [];
        return { svcChain: info?.svc ?? "", sepA: a?.chain ?? "", ipA: a?.ip ?? "", sepB: b?.chain ?? "", ipB: b?.ip ?? "" };
      },
      notes: "kubernetes and kube-dns have lines too: every Service, system ones included, goes through the same machinery.",
    },
    {
      id: "svc-chain",
      title: "The Service chain: one jump per pod",
      predict: {
        question: "my-service has two pods. In its chain, the first jump to a pod matches with probability 0.5. What about the second?",
        options: ["No probability: it takes every connection the first one did not", "Also 0.5, so a quarter of the connections match neither", "It is used only when the first pod is down"],
        answer: 0,
        reveal: "The last jump has no condition: whatever the random draws left over goes there. With n pods the probabilities are 1/n, 1/(n-1), … 1/2, then everything.",
      },
      body: `Copy the KUBE-SVC chain's name from the previous output and list it:

$ iptables -t nat -L {{svcChain}} -n`,
      check(ctx) {
        const info = chainsOf(ctx, "default/my-service", clientNode(ctx));
        if (!info) return wait("kube-proxy is writing the rules…");
        if (ranOk(ctx, IPTABLES, (c) => c.result.stdout.includes(info.svc) && info.seps.every((s) => c.result.stdout.includes(s.chain)))) return pass;
        if (ran(ctx, IPTABLES, (c) => /Chain KUBE-SVC-/.test(c.result.stdout) && !c.result.stdout.includes(info.svc))) return fail("That is another Service's chain. my-service's is {{svcChain}}: the target of the line with {{clusterIP}} in KUBE-SERVICES.");
        if (ran(ctx, IPTABLES, (c) => /No chain\/target\/match by that name/.test(c.result.stderr))) return fail("No chain by that name in this table: copy it exactly, and keep `-t nat`: `iptables -t nat -L {{svcChain}} -n`.");
        return fail();
      },
      hints: ["`iptables -t nat -L {{svcChain}} -n`"],
      shell: "{{clientNode}}",
      showMe: ["iptables -t nat -L {{svcChain}} -n"],
      explain: `First a KUBE-MARK-MASQ line: a connection from outside the pod range gets marked, to have its source rewritten later. Then one jump per ready pod. The comments say where each leads: **{{sepA}}** → {{ipA}}:80, **{{sepB}}** → {{ipB}}:80. The first jump is taken with probability 0.5; the second takes what is left. That is all the "load balancing" there is in iptables mode: a random draw per new connection, in the kernel.`,
      notes: "Ask what happens with three pods (0.333, 0.5, rest: each pod gets a third). kube-proxy rewrites this chain every time the endpoints change (lesson 4).",
    },
    {
      id: "sep-chain",
      title: "The endpoint chain: DNAT",
      predict: {
        question: "Each KUBE-SEP chain ends with a DNAT rule. What does DNAT change in the packet?",
        options: ["The destination: the ClusterIP and port 8080 become a pod's IP and port 80", "The source: the client's IP becomes the node's IP", "Nothing: it only counts the packet"],
        answer: 0,
        reveal: "DNAT is destination NAT: the packet now goes to the pod, and conntrack remembers the change so the reply can be translated back.",
      },
      body: `List one of the two KUBE-SEP chains, for example the one that leads to {{ipA}}:

$ iptables -t nat -L {{sepA}} -n`,
      check(ctx) {
        const info = chainsOf(ctx, "default/my-service", clientNode(ctx));
        if (!info) return wait("kube-proxy is writing the rules…");
        const mine = new Set(info.seps.map((s) => s.ip));
        if (ranOk(ctx, IPTABLES, (c) => info.seps.some((s) => c.result.stdout.includes(s.chain)) && dnatTargets(c.result.stdout).some((ip) => mine.has(ip)))) return pass;
        if (ranOk(ctx, IPTABLES, (c) => c.result.stdout.includes(info.svc))) return fail("That is the Service chain again. List one of the KUBE-SEP chains it jumps to, e.g. `iptables -t nat -L {{sepA}} -n`.");
        if (ran(ctx, IPTABLES, (c) => /Chain KUBE-SEP-/.test(c.result.stdout))) return fail("That KUBE-SEP chain belongs to another Service. my-service's are {{sepA}} and {{sepB}}.");
        return fail();
      },
      hints: ["`iptables -t nat -L {{sepA}} -n`"],
      shell: "{{clientNode}}",
      showMe: ["iptables -t nat -L {{sepA}} -n"],
      explain: `Two lines. KUBE-MARK-MASQ matches when the source is the pod itself (a pod that reaches itself through its own Service). Then **DNAT … to:{{ipA}}:80**: the destination {{clusterIP}}:8080 is rewritten to the pod's IP and the targetPort. From here on the packet is an ordinary packet to a pod IP, routed by Calico. conntrack records the translation, so the reply comes back from {{clusterIP}}:8080 as far as the client can tell.`,
      notes: "This is where targetPort finally matters: 8080 exists only in the rules; the pod only ever sees port 80.",
    },
    {
      id: "live",
      title: "Follow a live request",
      predict: {
        question: "The client pod runs on one node, my-service's pods on others. When the client curls my-service, which node's rules translate the connection?",
        options: ["The client's node, where the connection starts", "The node of the pod that answers", "The control plane's: that is where Services live"],
        answer: 0,
        reveal: "The packet is translated as it leaves the client, in the client's node's kernel, before it goes anywhere.",
      },
      body: `Come back to the control plane (\`exit\`) and make a request from the client pod:

$ exit
$ ${CURL_SERVICE}

The rules panel of {{clientNode}} opens with the request's path lit up.`,
      check(ctx) {
        if (closedFlows(ctx, (f) => fromPod("client")(f) && toService("my-service")(f) && f.outcome === "ok" && f.path.kind === "iptables").length > 0) return pass;
        const onNode = kubectlOnNode(ctx);
        if (onNode) return fail(onNode);
        if (closedFlows(ctx, (f) => fromPod("client")(f) && f.dst.ip === clusterIP(ctx) && f.dst.port !== 8080).length > 0) return fail("my-service listens on port 8080: `curl -s my-service:8080`.");
        if (closedFlows(ctx, (f) => fromPod("client")(f) && !f.service).length > 0) return fail("That went straight to a pod IP, with no rules to follow. Curl the Service: `my-service:8080`.");
        return fail();
      },
      hints: ["`exit` first if the prompt still says {{clientNode}}.", `\`${CURL_SERVICE}\``],
      showMe: [CURL_SERVICE],
      explain: `On {{clientNode}}, the packet to {{clusterIP}}:8080 matched KUBE-SERVICES, jumped to {{svcChain}}, the random draw picked **{{hitSep}}**, and its DNAT sent it to **{{hitIP}}:80** ({{hitPod}} on {{hitNode}}). All of it happened in {{clientNode}}'s kernel before the packet left the node: the kube-proxy process took no part, and neither did the other nodes' rules. Curl a few more times and watch the panel: the draw changes.`,
      remember(ctx) {
        const f = closedFlows(ctx, (x) => fromPod("client")(x) && toService("my-service")(x) && x.outcome === "ok").at(-1);
        const sep = f?.path.kind === "iptables" ? f.path.steps.find((s) => s.chain.startsWith("KUBE-SEP-"))?.chain : undefined;
        return { hitSep: sep ?? "", hitIP: f?.backend?.ip ?? "", hitPod: f?.backend?.name ?? "", hitNode: f?.backend?.node ?? "" };
      },
      highlight: (ctx) => ({ rules: clientNode(ctx) }),
      notes: "In the rules panel, point at each highlighted line in turn: PREROUTING → KUBE-SERVICES → KUBE-SVC → KUBE-SEP (DNAT) → POSTROUTING. The canvas shows the same request crossing to the pod.",
    },
    {
      id: "switch-ipvs",
      title: "Switch kube-proxy to IPVS",
      predict: {
        question: 'You set mode: "ipvs" in kube-proxy\'s ConfigMap and apply it. What changes on the nodes right away?',
        options: ["Nothing: kube-proxy reads its configuration when it starts, so it needs a restart", "Every node switches within a few seconds", "The Services get new ClusterIPs"],
        answer: 0,
        reveal: "kube-proxy reads the ConfigMap once, at start. The DaemonSet is restarted and its new pods come up in the new mode, one node at a time.",
      },
      body: `kube-proxy's mode is set in the ConfigMap \`kube-proxy\` in kube-system: the line \`mode: ""\` in config.conf (empty means iptables). Look at it:

$ ${GET_MODE}

Change it to \`mode: "ipvs"\`, in the editor:

$ kubectl -n kube-system edit configmap kube-proxy

(Or in one line, the way MetalLB's docs edit this ConfigMap: sed the line and replace the ConfigMap with the result, read from stdin (\`-f -\`): \`${TO_IPVS}\`.) Then restart kube-proxy and wait for it:

$ ${RESTART_PROXY}
$ ${PROXY_ROLLOUT_STATUS}`,
      check(ctx) {
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
      hints: [
        'In the editor, find `mode: ""` (near the end of config.conf) and make it `mode: "ipvs"`.',
        `Or in one line: \`${TO_IPVS}\`.`,
        "Then `kubectl -n kube-system rollout restart daemonset kube-proxy`.",
      ],
      showMe(ctx) {
        const conf = proxyConfigMap(ctx)?.data?.["config.conf"];
        if (conf === undefined) return [];
        const set = setProxyConfig(conf, "ipvs", configuredProxy(conf).scheduler);
        if (!set.ok) return [];
        return [GET_MODE, ...(set.command ? [set.command] : []), GET_MODE, RESTART_PROXY, PROXY_ROLLOUT_STATUS];
      },
      explain: `The DaemonSet replaced its pods one node at a time; each new kube-proxy read \`mode: "ipvs"\` and programmed its node with IPVS instead of iptables chains. Services, ClusterIPs and endpoints did not change: only how each node implements them. (On a real node the IPVS kernel modules must be available; these nodes have them.)`,
      notes: "While it rolls, the nodes disagree: some iptables, some IPVS. Both work, which is why the switch needs no downtime. The traffic panel's kube-proxy form types the one-line sed version, then the restart.",
    },
    {
      id: "ipvs",
      title: "The same Service in IPVS",
      predict: {
        question: "kube-proxy runs in IPVS mode now. What does iptables-save -t nat | grep my-service print on a node?",
        options: ["The same KUBE-SVC and KUBE-SEP chains", "Nothing: my-service is now an IPVS virtual server", "An error: iptables is switched off"],
        answer: 1,
        reveal: "In IPVS mode the per-Service chains are gone. iptables keeps a few generic rules; the Service itself lives in the kernel's IPVS table.",
      },
      body: `On a node ({{clientNode}} again, or here):

$ iptables-save -t nat | grep my-service
$ ipvsadm -Ln

Then, from the control plane, one more request:

$ ${CURL_SERVICE}`,
      check(ctx) {
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
      hints: ["`ipvsadm -Ln` lists the virtual servers.", `Then \`exit\` and \`${CURL_SERVICE}\`.`],
      shell: "{{clientNode}}",
      showMe: ["iptables-save -t nat | grep my-service", "ipvsadm -Ln", "exit", CURL_SERVICE],
      explain: `\`TCP {{clusterIP}}:8080 rr\` is a **virtual server**, with one real server per pod (\`-> {{ipA}}:80 Masq\`, \`-> {{ipB}}:80 Masq\`). \`rr\` is round robin: each new connection to the next pod in turn, instead of iptables' random draw. The lookup is a hash table instead of a list of rules checked in order, which matters with thousands of Services. In the rules panel, your request lights up the virtual server and the real server it got.`,
      highlight: (ctx) => ({ rules: clientNode(ctx) }),
      notes: "The article says the Service IP's policy is LC (least connection). kube-proxy's default IPVS scheduler is rr; lc is an option (ipvs.scheduler in the same ConfigMap).",
    },
    {
      id: "kube-ipvs0",
      title: "The ClusterIP on an interface",
      predict: {
        question: "In iptables mode, no interface anywhere had my-service's ClusterIP. In IPVS mode, where is it?",
        options: ["Still on no interface", "On a dummy interface, kube-ipvs0, on every node", "Only on the nodes that run a test pod"],
        answer: 1,
        reveal: "IPVS handles packets addressed to the node itself, so kube-proxy puts every ClusterIP on kube-ipvs0, a dummy interface that stays DOWN.",
      },
      body: `On a node:

$ ip addr show kube-ipvs0`,
      check(ctx) {
        if (ranOk(ctx, IP_TOOL, (c) => /kube-ipvs0/.test(c.result.stdout) && c.result.stdout.includes(clusterIP(ctx)))) return pass;
        if (ran(ctx, /\bexec\b[^\n]*\bip\s/)) return fail("That is the pod's own network. kube-ipvs0 is on the nodes: run `ip addr show kube-ipvs0` on a node.");
        return fail();
      },
      hints: ["`ip addr show kube-ipvs0`, on a node (the control plane is one)."],
      shell: "{{clientNode}}",
      showMe: ["ip addr show kube-ipvs0", "exit"],
      explain: `Every ClusterIP is bound to **kube-ipvs0**: {{clusterIP}}, 10.96.0.1 (kubernetes), 10.96.0.10 (kube-dns). The interface is DOWN and answers no ARP, so nothing outside the node sees these addresses. But the kernel now treats them as local, and IPVS catches a packet to a local address and port that it has a virtual server for. The ClusterIP is still virtual: each node holds a copy and keeps it to itself.`,
      notes: "Contrast with iptables mode: there the ClusterIP exists only in the rules' match conditions.",
    },
    {
      id: "check",
      title: "Your turn",
      fresh: "lesson-rules-check",
      body: `A fresh cluster, in iptables mode. Service \`web\` has two pods, one on node01 and one on node02. Find the KUBE-SEP chain that sends web's connections to **the pod on node01**: list web's KUBE-SVC chain, then that one KUBE-SEP chain on its own. Any node's rules will do: they are the same everywhere (\`ssh node02\` if you like).`,
      check(ctx) {
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
      hints: [
        "Start at `iptables -t nat -L KUBE-SERVICES -n`: the line with web's ClusterIP jumps to its KUBE-SVC chain.",
        "In the KUBE-SVC chain, each KUBE-SEP line's comment names a pod IP. `kubectl get pods -o wide` tells you which IP is on node01.",
      ],
      showMe(ctx) {
        const info = chainsOf(ctx, "default/web", "node02");
        const node01 = new Set(readyPods(ctx.snapshot, { app: "web" }).filter((p) => p.spec.nodeName === "node01").map((p) => p.status.podIP));
        const sep = info?.seps.find((s) => node01.has(s.ip));
        if (!info || !sep) return [];
        return ["kubectl get pods -o wide", "iptables -t nat -L KUBE-SERVICES -n", `iptables -t nat -L ${info.svc} -n`, `iptables -t nat -L ${sep.chain} -n`];
      },
      explain: `KUBE-SERVICES → web's KUBE-SVC chain → the KUBE-SEP chain whose DNAT leads to the node01 pod. You can now read any Service's rules on any node, and tell which pod a connection can land on. When a Service misbehaves, these chains are what the kernel actually follows.`,
    },
  ],
};
