import { useState, type FormEvent } from "react";
import type { TrafficSpec } from "../../engine/api";
import { Field } from "../forms/Field";
import { FormError } from "../FormError";
import { serviceHost } from "../../actions/traffic";
import { Select } from "./Select";
import { trafficAction } from "../../actions/trafficAction";
import { keyOf, podLabel, useLivePods, useServices } from "./usePods";

const EXTERNAL = "external";
const DURATIONS = [
  { label: "10 s", ms: 10_000 },
  { label: "20 s", ms: 20_000 },
  { label: "30 s", ms: 30_000 },
  { label: "1 min", ms: 60_000 },
  { label: "5 min", ms: 300_000 },
  { label: "until stopped", ms: 0 },
];

/** Start a client sending requests to a Service: from a pod, or from users outside (NodePort). */
export function GeneratorForm() {
  const pods = useLivePods();
  const services = useServices();
  const [source, setSource] = useState("");
  const [target, setTarget] = useState("");
  const [rate, setRate] = useState("10");
  const [duration, setDuration] = useState("30000");
  const [error, setError] = useState<string | null>(null);

  const svc = services.find((s) => keyOf(s) === target) ?? services[0];
  // By default the client is a pod that is not one of the Service's own backends.
  const backend = (p: (typeof pods)[number]) => !!svc?.spec.selector && Object.entries(svc.spec.selector).every(([k, v]) => p.metadata.labels?.[k] === v);
  const from = source || keyOf(pods.find((p) => !backend(p)) ?? pods[0] ?? { metadata: { name: "" } });
  const nodePort = svc?.spec.ports?.some((p) => p.nodePort);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!svc) return setError("There is no Service to send requests to: expose a deployment first.");
    const external = from === EXTERNAL;
    const [ns, name] = from.split("/");
    const spec: TrafficSpec = {
      source: external ? { kind: "external" } : { kind: "pod", namespace: ns, name },
      target: external ? serviceHost(svc, "default") : serviceHost(svc, ns),
      rate: Number(rate),
      ...(Number(duration) > 0 ? { durationMs: Number(duration) } : {}),
    };
    const r = trafficAction({ kind: "start", spec });
    setError(r.ok ? null : r.error);
  };

  return (
    <form className="form traffic-form" onSubmit={submit} aria-label="Send traffic">
      <Select label="From" value={from} onChange={(e) => setSource(e.target.value)}>
        {pods.map((p) => (
          <option key={keyOf(p)} value={keyOf(p)}>
            pod {podLabel(p)}
          </option>
        ))}
        <option value={EXTERNAL}>users outside the cluster (NodePort)</option>
      </Select>
      <Select label="To Service" value={svc ? keyOf(svc) : ""} onChange={(e) => setTarget(e.target.value)}>
        {services.length === 0 && <option value="">no Services yet</option>}
        {services.map((s) => (
          <option key={keyOf(s)} value={keyOf(s)}>
            {s.metadata.name}
            {s.metadata.namespace !== "default" ? ` (${s.metadata.namespace})` : ""} · {s.spec.clusterIP}:{s.spec.ports?.[0]?.port ?? "?"}
          </option>
        ))}
      </Select>
      <div className="form-row rate-row">
        <Field label="Rate (req/s)" type="number" min={0.1} max={500} step="any" value={rate} onChange={(e) => setRate(e.target.value)} required />
        <Select label="For" value={duration} onChange={(e) => setDuration(e.target.value)}>
          {DURATIONS.map((d) => (
            <option key={d.ms} value={d.ms}>
              {d.label}
            </option>
          ))}
        </Select>
      </div>
      {from === EXTERNAL && svc && !nodePort && <p className="note">Users outside reach a Service only through a NodePort: expose it with type NodePort.</p>}
      <FormError error={error} />
      <button type="submit" className="button primary" disabled={!svc || (!pods.length && from !== EXTERNAL)}>
        Start traffic
      </button>
    </form>
  );
}
