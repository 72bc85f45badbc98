import { useState, type FormEvent } from "react";
import { parseLabels, runPod } from "../../actions/commands";
import { FormError } from "../FormError";
import { Field } from "./Field";
import { useCommandForm } from "./useCommandForm";

/** `kubectl run NAME --image=… --labels=…`: a lone pod no ReplicaSet owns (the article's orphan). */
export function RunPodForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("orphan");
  const [image, setImage] = useState("nginx");
  const [labels, setLabels] = useState("app=test");
  const { error, submit } = useCommandForm(onDone);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseLabels(labels);
    if (!parsed.ok) return submit({ error: parsed.error });
    submit(runPod(name.trim(), image.trim(), parsed.labels));
  };
  return (
    <form className="form" onSubmit={onSubmit}>
      <Field label="Pod name" value={name} onChange={(e) => setName(e.target.value)} required />
      <Field label="Image" value={image} onChange={(e) => setImage(e.target.value)} required />
      <Field label="Labels" value={labels} onChange={(e) => setLabels(e.target.value)} hint="key=value, comma separated. A Service whose selector matches will pick this pod up." />
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button primary">
          Run pod
        </button>
      </div>
    </form>
  );
}
