import { useId, useState, type FormEvent } from "react";
import type { Labels } from "../engine/cluster/types";
import { FormError } from "./FormError";

/**
 * Labels as a list with remove buttons, plus a key/value row to add or change one. What a
 * change runs is up to the caller (kubectl label for a pod, kubectl apply for a template).
 */
export function LabelEditor({
  title,
  labels,
  error,
  locked = [],
  onSet,
  onRemove,
}: {
  title: string;
  labels: Labels | undefined;
  error: string | null;
  /** Keys that cannot be removed here (shown without a remove button). */
  locked?: readonly string[];
  onSet(key: string, value: string): void;
  onRemove(key: string): void;
}) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const id = useId();
  const entries = Object.entries(labels ?? {}).filter(([k]) => k !== "pod-template-hash");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!key.trim()) return;
    onSet(key.trim(), value.trim());
    setKey("");
    setValue("");
  };
  return (
    <section className="label-editor" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul className="label-list">
        {entries.length === 0 && <li className="muted">no labels</li>}
        {entries.map(([k, v]) => (
          <li key={k}>
            <span className="chip">
              {k}={v}
            </span>
            {!locked.includes(k) && (
              <button type="button" className="icon-button" aria-label={`Remove label ${k}`} onClick={() => onRemove(k)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="label-add" onSubmit={submit}>
        <input aria-label="Label key" placeholder="key" value={key} onChange={(e) => setKey(e.target.value)} />
        <span aria-hidden="true">=</span>
        <input aria-label="Label value" placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="button small">
          Set label
        </button>
      </form>
      <FormError error={error} />
    </section>
  );
}
