import { useId, useState, type FormEvent } from "react";
import type { Selection } from "../../ui/store";
import { expose } from "../../actions/commands";
import { FormError } from "../FormError";
import { Field } from "./Field";
import { useCommandForm } from "./useCommandForm";

const TYPES = ["ClusterIP", "NodePort", "LoadBalancer"] as const;

/** `kubectl expose deploy|pod NAME --port --target-port --name --type`, as in the article. */
export function ExposeForm({ target, onDone }: { target: Selection; onDone: () => void }) {
  const [port, setPort] = useState("8080");
  const [targetPort, setTargetPort] = useState("80");
  const [name, setName] = useState(target.kind === "Deployment" ? "my-service" : "");
  const [type, setType] = useState<(typeof TYPES)[number]>("ClusterIP");
  const typeId = useId();
  const { error, submit } = useCommandForm(onDone);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(
      expose({
        kind: target.kind === "Pod" ? "pod" : "deployment",
        target: target.name,
        namespace: target.namespace,
        port: Number(port),
        targetPort: targetPort.trim() || undefined,
        name: name.trim() || undefined,
        type,
      }),
    );
  };
  return (
    <form className="form" onSubmit={onSubmit}>
      <p className="muted">
        Exposing {target.kind.toLowerCase()} <strong className="mono">{target.name}</strong>: the Service's selector is copied from its labels.
      </p>
      <Field label="Port" type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} required hint="What clients connect to on the ClusterIP." />
      <Field label="Target port" value={targetPort} onChange={(e) => setTargetPort(e.target.value)} hint="The container's port: a number, or a named port." />
      <Field label="Service name" value={name} onChange={(e) => setName(e.target.value)} hint="Empty: the Service is named after what it exposes." />
      <div className="field">
        <label htmlFor={typeId}>Type</label>
        <select id={typeId} value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])}>
          {TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary">
          Expose
        </button>
      </div>
    </form>
  );
}
