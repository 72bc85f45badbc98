import { useState, type FormEvent } from "react";
import { createDeployment, parseLabels } from "../../actions/commands";
import { FormError } from "../FormError";
import { Field } from "./Field";
import { useCommandForm } from "./useCommandForm";

/**
 * Create a Deployment: name, image, replicas, pod labels, container port. With kubectl's
 * default labels (app=NAME) this is `kubectl create deployment`; with others, a manifest through
 * `kubectl apply -f -` (kubectl create deployment has no --labels flag).
 */
export function CreateDeploymentForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("test");
  const [image, setImage] = useState("nginx");
  const [replicas, setReplicas] = useState("1");
  const [labels, setLabels] = useState("");
  const [port, setPort] = useState("80");
  const { error, submit } = useCommandForm(onDone);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseLabels(labels || `app=${name}`);
    if (!parsed.ok) return submit({ error: parsed.error });
    submit(createDeployment({ name: name.trim(), image: image.trim(), replicas: Number(replicas), labels: parsed.labels, containerPort: port ? Number(port) : undefined }));
  };
  return (
    <form className="form" onSubmit={onSubmit}>
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
      <Field label="Image" value={image} onChange={(e) => setImage(e.target.value)} required />
      <Field label="Replicas" type="number" min={0} value={replicas} onChange={(e) => setReplicas(e.target.value)} required />
      <Field label="Pod labels" value={labels} placeholder={`app=${name}`} onChange={(e) => setLabels(e.target.value)} hint="key=value, comma separated. Empty: kubectl's default app=NAME." />
      <Field label="Container port" type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary">
          Create deployment
        </button>
      </div>
    </form>
  );
}
