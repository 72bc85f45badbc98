/**
 * A node's rules viewer: the iptables chains (or the IPVS table and the IPVS-mode nat table) as
 * the node prints them, with the rules the last request walked marked, a chain filter, jumps along
 * the path (KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…), the node's kube-proxy mode and staleness, and
 * the recent connections its rules translated. Loaded on demand.
 */
import { useEffect, useMemo, useState } from "react";
import { useProxy } from "../../traffic/trafficStore";
import type { FlowEvent } from "../../engine/api";
import { useLab } from "../../store";
import { Dialog } from "../../ui/Dialog";
import { Connections } from "./Connections";
import { CurlFromNode } from "./CurlFromNode";
import { annotate, asOf, chainKey, chainsOf, lastFlowThrough, pathLines, type Line } from "./highlight";
import { describeFlow, PathSteps } from "./PathSummary";
import { PathReading } from "./PathReading";
import { readPath } from "./reading";
import { RuleList } from "./RuleList";
import { useFlowTick } from "./useFlowTick";
import "../traffic/traffic.css";
import "./rules.css";

function stepLabel(l: Line): string {
  if (l.chain && l.index !== undefined) return `${l.chain} #${l.index + 1}`;
  const words = l.text.trim().split(/\s+/);
  return words[0] === "->" ? `real server ${words[1]}` : `IPVS ${words[1] ?? ""}`;
}

/** The rules viewer of node `node`, as a wide dialog named "Rules on NODE". */
export default function RulesDialog({ node, onClose }: { node: string; onClose: () => void }) {
  const cluster = useLab((s) => s.cluster);
  const proxy = useProxy(node);
  // IPVS counters (ActiveConn / InActConn) move with traffic: re-read once a virtual second.
  const second = useLab((s) => (proxy?.mode === "ipvs" ? s.elapsedSeconds : 0));
  const flowTick = useFlowTick(500);
  const [follow, setFollow] = useState(true);
  const [pinned, setPinned] = useState<FlowEvent | undefined>(undefined);
  const [chain, setChain] = useState("");
  const [find, setFind] = useState("");
  const [jump, setJump] = useState<{ n: number } | null>(null);

  const lastSync = proxy?.lastSync;
  const mode = proxy?.mode;
  // The rules change when this node's kube-proxy syncs or switches mode (and IPVS counters with time).
  const lines = useMemo(() => asOf(() => (cluster ? annotate(cluster.nodeRules(node)) : []), [lastSync, mode, second]), [cluster, node, lastSync, mode, second]);
  const latest = useMemo(() => asOf(() => (cluster ? lastFlowThrough(cluster.traffic.flows(), node) : undefined), flowTick), [cluster, node, flowTick]);
  const shownFlow = follow ? latest : pinned;
  const path = useMemo(() => pathLines(lines, shownFlow), [lines, shownFlow]);
  const pods = useLab((s) => s.snapshot.pods);
  // The same walk in words; IPVS lc counts the connections open when it chose (from recent flows).
  const reading = useMemo(() => {
    const byIp = new Map(pods.filter((p) => p.status.podIP).map((p) => [p.status.podIP!, p.metadata.name]));
    return asOf(() => readPath(shownFlow, lines, { podName: (ip) => byIp.get(ip), flows: cluster?.traffic.flows() }), flowTick);
  }, [shownFlow, lines, pods, cluster, flowTick]);
  const onPath = useMemo(() => new Set(path), [path]);
  const chains = useMemo(() => chainsOf(lines), [lines]);
  const visible = useMemo(() => {
    const needle = find.trim().toLowerCase();
    return lines.filter((l) => (!chain || (l.of && chainKey(l.section, l.of) === chain)) && (!needle || l.text.toLowerCase().includes(needle)));
  }, [lines, chain, find]);

  useEffect(() => {
    if (!jump) return;
    const el = document.getElementById(`rule-line-${jump.n}`);
    const list = el?.parentElement;
    if (!el || !list) return;
    // Scroll the listing only (scrollIntoView would scroll the dialog too, hiding its header).
    list.scrollTop = el.offsetTop - list.clientHeight / 2 + el.offsetHeight / 2; // the list is positioned: offsets are its own
    el.focus({ preventScroll: true });
  }, [jump]);

  const jumpTo = (n: number) => {
    const l = lines[n];
    if (chain && (!l.of || chainKey(l.section, l.of) !== chain)) setChain("");
    setFind("");
    setJump({ n });
  };
  const state = !proxy ? "" : !proxy.running ? "restarting" : proxy.stale ? "rules updating… (a change has not reached them yet)" : "in sync";

  return (
    <Dialog title={`Rules on ${node}`} onClose={onClose} wide>
      <div className="rules-viewer">
        <p className="rules-status">
          kube-proxy on <strong>{node}</strong>: <strong>{mode === "ipvs" ? "IPVS mode" : "iptables mode"}</strong>
          {state && <span className={state === "in sync" ? "muted" : "warn-text"}> · {state}</span>}
          <span className="muted"> · {mode === "ipvs" ? "ipvsadm -Ln, then iptables-save -t nat" : "iptables-save (nat, then filter)"}</span>
        </p>
        <div className="rules-columns">
          <section className="rules-last" aria-labelledby="rules-last-title">
            <h3 id="rules-last-title">Last request through these rules</h3>
            <p className="mono">{shownFlow ? describeFlow(shownFlow) : "None yet: send traffic, or curl a Service from a pod on this node."}</p>
            <div className="rules-tools">
              <label className="check">
                <input
                  type="checkbox"
                  checked={follow}
                  onChange={(e) => {
                    setPinned(latest);
                    setFollow(e.target.checked);
                  }}
                />
                Follow new requests
              </label>
              <CurlFromNode node={node} />
            </div>
            <PathReading steps={reading} />
          </section>
          <div className="rules-raw">
            <div className="rules-filter">
              <label>
                Chain{" "}
                <select value={chain} onChange={(e) => setChain(e.target.value)}>
                  <option value="">all chains</option>
                  {chains.map((c) => (
                    <option key={c.key} value={c.key}>
                      {c.table} {c.chain} ({c.rules} rule{c.rules === 1 ? "" : "s"})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Find <input type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="10.96.0.10, KUBE-SEP-…" />
              </label>
              <span className="muted">
                {visible.length} of {lines.length} lines
              </span>
            </div>
            <PathSteps steps={path.map((n) => ({ n, label: stepLabel(lines[n]) }))} onJump={jumpTo} />
            <RuleList lines={visible} path={onPath} label={`Rules of ${node}`} />
          </div>
        </div>
        <Connections node={node} tick={flowTick} />
      </div>
    </Dialog>
  );
}
