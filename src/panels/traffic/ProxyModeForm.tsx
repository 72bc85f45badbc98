import { useState, type FormEvent } from "react";
import { useTraffic } from "../../traffic/trafficStore";
import { useLab } from "../../store";
import { FormError } from "../FormError";
import { configuredProxy, SCHEDULERS } from "../../actions/traffic";
import { switchProxyMode } from "./proxyMode";
import { Select } from "./Select";

/** The kube-proxy ConfigMap's config.conf (what the cluster is told to run). */
const useConfText = () => useLab((s) => s.snapshot.configMaps.find((c) => c.metadata.namespace === "kube-system" && c.metadata.name === "kube-proxy")?.data?.["config.conf"] ?? "");

/**
 * kube-proxy's mode (iptables / IPVS) and IPVS scheduler, switched as on a real cluster: one line
 * that seds the ConfigMap into `kubectl replace -f -`, then a restart of the DaemonSet — each in
 * the terminal — then watch the nodes come back one by one in the new mode.
 */
export function ProxyModeForm() {
  const conf = useConfText();
  const configured = configuredProxy(conf);
  const proxies = useTraffic((s) => s.proxies);
  const [mode, setMode] = useState<"iptables" | "ipvs" | null>(null);
  const [scheduler, setScheduler] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const m = mode ?? configured.mode;
  const sched = scheduler ?? (configured.scheduler || "rr");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = switchProxyMode(conf, m, m === "ipvs" ? sched : configured.scheduler);
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setMode(null);
      setScheduler(null);
    }
  };
  const described = SCHEDULERS.find((s) => s.id === sched)?.what;
  return (
    <section aria-labelledby="traffic-proxy">
      <h3 id="traffic-proxy">kube-proxy mode</h3>
      <p className="note">
        The ConfigMap says <strong>{configured.mode === "ipvs" ? `IPVS, scheduler ${configured.scheduler || "rr (default)"}` : "iptables"}</strong>. iptables
        mode picks an endpoint at random; only IPVS with <span className="mono">lc</span> sends new connections to the least busy pod.
      </p>
      <form className="form" onSubmit={submit} aria-label="kube-proxy mode">
        <fieldset className="mode-choice">
          <legend>Mode</legend>
          <label>
            <input type="radio" name="proxy-mode" checked={m === "iptables"} onChange={() => setMode("iptables")} /> iptables
          </label>
          <label>
            <input type="radio" name="proxy-mode" checked={m === "ipvs"} onChange={() => setMode("ipvs")} /> IPVS
          </label>
        </fieldset>
        <Select label="IPVS scheduler" value={sched} disabled={m !== "ipvs"} onChange={(e) => setScheduler(e.target.value)}>
          {SCHEDULERS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.id}
            </option>
          ))}
        </Select>
        {m === "ipvs" && described && <p className="note">{described}</p>}
        <FormError error={error} />
        <button type="submit" className="button primary">
          Apply and restart kube-proxy
        </button>
      </form>
      <ul className="proxy-list" aria-label="kube-proxy per node">
        {[...proxies].map(([node, p]) => (
          <li key={node}>
            <span className="mono">{node}</span> {p.mode === "ipvs" ? "IPVS" : "iptables"}
            {!p.running ? <strong className="warn-text"> · restarting</strong> : p.stale ? <strong className="warn-text"> · rules updating…</strong> : <span className="muted"> · in sync</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
