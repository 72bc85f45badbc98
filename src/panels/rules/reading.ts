/**
 * The last request's path in plain words, in netfilter order: the same walk the rules viewer
 * marks (the engine's recorded steps, matched to the printed lines by table, chain and rule
 * index), read one rule at a time — "KUBE-SERVICES matched 10.96.12.7:80 (my-service's cluster
 * IP) → KUBE-SVC-…", "chose endpoint 2 of 3 at random…", "DNAT to 192.168.197.7:80", and in IPVS
 * mode the virtual server and why its scheduler chose that real server. Pure: no React.
 */
import type { FlowEvent } from "../../engine/api";
import type { Line } from "./highlight";

/** One sentence of the reading; `n` is the printed line it reads (for a jump), when there is one. */
export interface ReadingStep {
  text: string;
  n?: number;
}

/** What the reading may name besides the rules: a pod by its IP. */
export interface ReadingContext {
  podName?: (ip: string) => string | undefined;
  /** Recent connections, to count what IPVS's lc scheduler saw when it chose (oldest first). */
  flows?: readonly FlowEvent[];
}

/** The parts of an iptables-save rule the reading needs. */
interface Rule {
  target?: string;
  comment?: string;
  dst?: string;
  dport?: string;
  probability?: number;
  toDestination?: string;
  notSource?: string;
  source?: string;
  matchSet?: string;
  local: boolean;
  notMark: boolean;
}

function parseRule(text: string): Rule {
  const arg = (re: RegExp) => re.exec(text)?.[1];
  const p = arg(/--probability (\S+)/);
  return {
    target: arg(/ -j (\S+)/),
    comment: arg(/--comment "([^"]*)"/) ?? arg(/--comment (\S+)/),
    dst: arg(/ -d (\S+?)(?:\/32)? /),
    dport: arg(/--dport (\d+)/),
    probability: p === undefined ? undefined : Number(p),
    toDestination: arg(/--to-destination (\S+)/),
    notSource: arg(/! -s (\S+)/),
    source: arg(/(?<!!) -s (\S+?)(?:\/32)? /),
    matchSet: arg(/--match-set (\S+)/),
    local: /--dst-type LOCAL/.test(text),
    notMark: /! --mark/.test(text),
  };
}

const BUILTIN = new Set(["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"]);
/** Chains that only set a mark and return. */
const MARKING = new Set(["KUBE-MARK-MASQ", "KUBE-MARK-DROP"]);

/** `0.33333333349` → `0.333`. */
const prob = (p: number) => String(Number(p.toFixed(3)));
const svcName = (key: string | undefined) => (key ?? "").replace(/^default\//, "");

/** Why a packet was marked for masquerade, from the rule that marked it. */
function masqReason(r: Rule, chain: string): string {
  if (r.notSource) return ` (its source is outside the pod network ${r.notSource})`;
  if (chain.startsWith("KUBE-SEP-") && r.source) return " (the pod is calling itself through the Service: hairpin)";
  if (chain.startsWith("KUBE-EXT-") || /nodeport/i.test(r.comment ?? "")) return " (it came in through a NodePort: the reply must come back through this node)";
  return r.comment ? ` (“${r.comment}”)` : "";
}

/** The IPVS scheduler's reason, in words, for choosing `dest`. */
function ipvsReason(e: FlowEvent, scheduler: string, persistent: string | undefined, servers: string[], ctx: ReadingContext): string {
  if (persistent) return `: the Service keeps each client on one pod (session affinity, persistent ${persistent} s), so this client went back to it`;
  const dest = e.path.kind === "ipvs" ? e.path.dest : undefined;
  switch (scheduler) {
    case "rr":
    case "wrr":
      return `: round robin, the next in turn (real server ${servers.indexOf(dest ?? "") + 1} of ${servers.length})`;
    case "sh":
      return `: a hash of the client's address ${e.source.ip}, so this client always lands on it`;
    case "dh":
      return ": a hash of the destination address";
    case "sed":
      return ": the one with the shortest expected delay (fewest connections for its weight)";
    case "nq":
      return ": an idle real server first, else the shortest expected delay";
    case "lc":
    case "wlc": {
      const counts = openAtTheTime(e, servers, ctx.flows);
      const mine = dest !== undefined ? counts.get(dest) : undefined;
      const others = servers.filter((s) => s !== dest).map((s) => counts.get(s) ?? 0);
      // Only numbers that bear the choice out: connections that left the recent list are not counted.
      if (mine === undefined || others.some((n) => n < mine)) return ": least connection, the real server with the fewest active connections";
      const tied = others.filter((n) => n === mine).length;
      const name = (addr: string) => ctx.podName?.(addr.split(":")[0]) ?? addr;
      const rest = servers
        .filter((a) => a !== dest)
        .map((a) => `${name(a)} ${counts.get(a) ?? 0}`)
        .join(", ");
      return `: it had the fewest open connections, ${mine}${rest ? ` (the others: ${rest})` : ""}${tied ? "; a tie goes to fewer recently closed ones, then list order" : ""}`;
    }
    default:
      return "";
  }
}

/** Open connections per real server through the same node's virtual server, just before `e` opened. */
function openAtTheTime(e: FlowEvent, servers: string[], flows: readonly FlowEvent[] | undefined): Map<string, number> {
  const counts = new Map<string, number>(servers.map((s) => [s, 0]));
  if (e.path.kind !== "ipvs" || !flows) return counts;
  const service = e.path.service;
  for (const g of flows) {
    if (g.id >= e.id || g.node !== e.node || g.path.kind !== "ipvs" || g.path.service !== service || !g.path.dest) continue;
    if (g.time <= e.time && (g.endTime === undefined || g.endTime > e.time)) counts.set(g.path.dest, (counts.get(g.path.dest) ?? 0) + 1);
  }
  return counts;
}

/** The IPVS part of the reading: the virtual server and the real server its scheduler chose. */
function ipvsSteps(e: FlowEvent, lines: readonly Line[], ctx: ReadingContext): ReadingStep[] {
  if (e.path.kind !== "ipvs") return [];
  const [proto, vip] = e.path.service.split(/\s+/);
  let vs: Line | undefined;
  const servers: { line: Line; addr: string }[] = [];
  for (const l of lines) {
    if (l.table) break; // the iptables part follows the ipvsadm listing
    const words = l.text.trim().split(/\s+/);
    if (words[0] === "TCP" || words[0] === "UDP" || words[0] === "SCTP") {
      if (vs) break;
      if (words[0] === proto && words[1] === vip) vs = l;
    } else if (vs && words[0] === "->" && words[1] !== "RemoteAddress:Port") servers.push({ line: l, addr: words[1] });
  }
  const words = vs?.text.trim().split(/\s+/) ?? [];
  const scheduler = words[2] ?? "";
  const persistent = words[3] === "persistent" ? words[4] : undefined;
  const svc = e.service ? ` (${svcName(e.service)})` : "";
  const out: ReadingStep[] = [
    { text: `INPUT: the address is local, so IPVS takes the packet: virtual server ${proto} ${vip}${svc}, scheduler ${scheduler || "?"}`, n: vs?.n },
  ];
  const dest = e.path.dest;
  if (!dest) {
    out.push({ text: `The virtual server has no real servers: the connection is refused`, n: vs?.n });
    return out;
  }
  const chosen = servers.find((s) => s.addr === dest);
  const pod = ctx.podName?.(dest.split(":")[0]);
  const reason = ipvsReason(e, scheduler, persistent, servers.map((s) => s.addr), ctx);
  out.push({ text: `${scheduler || "The scheduler"} chose ${dest}${pod ? ` (${pod})` : ""}${reason}`, n: chosen?.line.n });
  out.push({ text: `IPVS rewrote the destination to ${dest} (forwarding “Masq”, that is NAT)`, n: chosen?.line.n });
  return out;
}

/**
 * The walk of connection `e` through node rules `lines`, as sentences in netfilter order. Empty
 * for a connection that met no rules (a pod IP dialled directly).
 */
export function readPath(e: FlowEvent | undefined, lines: readonly Line[], ctx: ReadingContext = {}): ReadingStep[] {
  if (!e || e.path.kind === "direct") return [];
  const byRule = new Map<string, Line>();
  for (const l of lines) if (l.table && l.chain && l.index !== undefined) byRule.set(`${l.table}/${l.chain}/${l.index}`, l);
  const steps = e.path.steps.map((s) => ({ ...s, line: byRule.get(`${s.table}/${s.chain}/${s.index}`) }));
  const out: ReadingStep[] = [];
  const ipvs = e.path.kind === "ipvs";
  let ipvsDone = false;
  const addIpvs = () => {
    if (ipvs && !ipvsDone) out.push(...ipvsSteps(e, lines, ctx));
    ipvsDone = true;
  };
  const svc = svcName(e.service);
  // The endpoint rules of a Service chain (affinity's `--rcheck` rules come before them, one per endpoint).
  const svcChainRules = (chain: string) => lines.filter((l) => l.table === "nat" && l.chain === chain && / -j KUBE-SEP-/.test(l.text) && !/ --rcheck /.test(l.text));
  const toClusterIp = steps.some((x) => x.line && /KUBE-CLUSTER-IP/.test(x.line.text));

  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.table === "filter") {
      // A builtin filter chain and the chains it jumps to, read as one checkpoint.
      let j = i;
      const group = [];
      while (j < steps.length && steps[j].table === "filter") group.push(steps[j++]);
      i = j - 1;
      const first = group[0];
      if (ipvs && first.chain === "INPUT") {
        addIpvs();
        continue;
      }
      const reject = group.find((g) => g.line && /-j (REJECT|DROP)\b/.test(g.line.text));
      if (reject?.line) {
        const r = parseRule(reject.line.text);
        out.push({ text: `filter ${reject.chain}: ${r.target}${r.comment ? ` — “${r.comment}”` : ""}: the connection is refused`, n: reject.line.n });
        continue;
      }
      const accept = group.find((g) => g.line && / -j ACCEPT\b/.test(g.line.text));
      const builtin = group.find((g) => BUILTIN.has(g.chain))?.chain ?? first.chain;
      const checked = group.filter((g) => BUILTIN.has(g.chain)).length;
      out.push({
        text: `filter ${builtin}: ${checked} kube-proxy rule${checked === 1 ? "" : "s"} checked it${accept ? `; ${accept.chain} accepted it` : "; none stopped it"}`,
        n: (accept ?? first).line?.n,
      });
      continue;
    }
    const l = s.line;
    if (!l) continue;
    const r = parseRule(l.text);
    const next = steps[i + 1];
    // A jump to a chain whose rules all missed comes straight back.
    const cameBack = r.target && !BUILTIN.has(r.target) && !MARKING.has(r.target) && /^KUBE-/.test(r.target) && next?.chain !== r.target ? `; no rule there matched, so back to ${s.chain}` : "";
    let text: string | undefined;
    if (s.chain === "KUBE-MARK-MASQ") continue; // read with the rule that jumped here
    if (s.chain === "PREROUTING") text = `PREROUTING: a packet from ${e.source.kind === "pod" ? e.source.name : `outside (${e.source.ip})`}; nat PREROUTING sends it to ${r.target}`;
    else if (s.chain === "OUTPUT") text = `OUTPUT: the node's own packet; nat OUTPUT sends it to ${r.target}`;
    else if (s.chain === "POSTROUTING") {
      // POSTROUTING and KUBE-POSTROUTING read as one sentence: masquerade or not.
      const post = steps.slice(i + 1).filter((x) => x.chain === "KUBE-POSTROUTING");
      const masq = post.some((x) => x.line && / -j MASQUERADE\b/.test(x.line.text));
      const last = post.at(-1)?.line ?? l;
      const seen = e.clientIpSeen ? `: the pod sees ${masq ? "this node's address" : "the client's own address"} ${e.clientIpSeen}` : "";
      text = `POSTROUTING → KUBE-POSTROUTING: masquerade: ${masq ? "yes (0x4000 mark)" : "no (no 0x4000 mark: RETURN)"}${seen}`;
      addIpvs();
      out.push({ text, n: last.n });
      i += post.length;
      continue;
    } else if (r.target === "KUBE-MARK-MASQ") text = `${s.chain}: marked for masquerade${masqReason(r, s.chain)}`;
    else if (s.chain === "KUBE-SERVICES" && r.target?.startsWith("KUBE-SVC-") && r.dst)
      text = `KUBE-SERVICES matched ${r.dst}:${r.dport} (${svc || r.comment?.replace(/ cluster IP$/, "")}'s cluster IP) → ${r.target}`;
    else if (s.chain === "KUBE-SERVICES" && r.local) text = `KUBE-SERVICES: ${e.dst.ip} is an address of this node${ipvs && toClusterIp ? " (in IPVS mode every ClusterIP is bound to kube-ipvs0)" : ""} → ${r.target}${cameBack}`;
    else if (s.chain === "KUBE-SERVICES" && r.matchSet === "KUBE-CLUSTER-IP" && r.target === "ACCEPT")
      text = `KUBE-SERVICES: ${e.dst.ip}:${e.dst.port} is in the ipset KUBE-CLUSTER-IP, so iptables lets it through unchanged (ACCEPT): IPVS handles it`;
    else if (s.chain === "KUBE-NODEPORTS" && r.dport) text = `KUBE-NODEPORTS matched port ${r.dport} (${svc || r.comment}'s NodePort) → ${r.target}`;
    else if (s.chain.startsWith("KUBE-SVC-") && r.target?.startsWith("KUBE-SEP-") && / --rcheck /.test(l.text))
      text = `${s.chain}: this client went to ${r.target} before, and session affinity (ClientIP) sends it back there`;
    else if (s.chain.startsWith("KUBE-SVC-") && r.target?.startsWith("KUBE-SEP-")) {
      const all = svcChainRules(s.chain);
      const k = all.findIndex((x) => x.n === l.n) + 1;
      const how =
        all.length === 1
          ? "its only endpoint"
          : r.probability !== undefined
            ? `endpoint ${k} of ${all.length} at random (this rule fires with probability ${prob(r.probability)}${k > 1 ? ` once the draw${k > 2 ? "s" : ""} before it missed` : ""}; each endpoint gets 1 in ${all.length})`
            : `endpoint ${k} of ${all.length}, the last rule: it takes what the random draws before it left (each endpoint gets 1 in ${all.length})`;
      text = `${s.chain}: chose ${how} → ${r.target}`;
    } else if (r.target?.startsWith("KUBE-SVC-")) text = `${s.chain}: on to ${svc ? `${svc}'s` : "the"} Service chain ${r.target}`;
    else if (s.chain.startsWith("KUBE-SEP-") && r.target === "DNAT" && r.toDestination) {
      const pod = e.backend && r.toDestination === `${e.backend.ip}:${e.backend.port}` ? ` (${e.backend.name} on ${e.backend.node})` : "";
      text = `${s.chain}: DNAT to ${r.toDestination}${pod}`;
    } else if (r.target) text = `${s.chain}: → ${r.target}${r.comment ? ` (“${r.comment}”)` : ""}${cameBack}`;
    if (text) out.push({ text, n: l.n });
  }
  addIpvs();
  return out;
}
