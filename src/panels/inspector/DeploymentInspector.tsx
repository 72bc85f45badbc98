import { useState } from "react";
import { Chips } from "../../ui/Chips";
import type { Deployment, Labels } from "../../engine/cluster/types";
import { uiStore } from "../../ui/store";
import { act, runCommand } from "../../actions/act";
import { deleteObject, recreateDeployment, setTemplateLabels } from "../../actions/commands";
import { FormError } from "../FormError";
import { LabelEditor } from "../LabelEditor";
import { ReplicasStepper } from "../../ui/ReplicasStepper";
import { YamlButton } from "./YamlButton";

/** What to offer after kubectl refused a selector change: recreate with the wanted labels. */
interface Refused {
  labels: Labels;
}

/**
 * A Deployment: scale, pod-template labels (a change rolls out a new ReplicaSet; a selector
 * change is refused as immutable, and the way out — recreate — is offered), expose, delete.
 */
export function DeploymentInspector({ deployment: d }: { deployment: Deployment }) {
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  const ns = d.metadata.namespace ?? "default";
  const name = d.metadata.name;
  const selector = d.spec.selector.matchLabels ?? {};
  const template = d.spec.template.metadata.labels ?? {};

  const applyLabels = (labels: Labels) => {
    // Touching a selector key means changing the selector too: send it, and let the API server
    // answer as it would (immutable), rather than pretending the UI knows better.
    const touchesSelector = Object.keys(selector).some((k) => labels[k] !== selector[k]);
    const nextSelector = touchesSelector ? Object.fromEntries(Object.keys(selector).filter((k) => k in labels).map((k) => [k, labels[k]])) : undefined;
    const sendSelector = touchesSelector ? (nextSelector && Object.keys(nextSelector).length > 0 ? nextSelector : labels) : undefined;
    const r = runCommand(setTemplateLabels(d, labels, sendSelector));
    setError(r.ok ? null : r.error);
    setRefused(!r.ok && /immutable|does not match/.test(r.error) ? { labels } : null);
  };
  const recreate = (labels: Labels) => {
    const del = runCommand(deleteObject("deployment", ns, name));
    if (!del.ok) return setError(del.error);
    const r = runCommand(recreateDeployment(d, labels));
    setError(r.ok ? null : r.error);
    setRefused(null);
  };
  return (
    <>
      <dl className="facts">
        <dt>Namespace</dt>
        <dd>{ns}</dd>
        <dt>Ready</dt>
        <dd>
          {d.status.readyReplicas ?? 0} of {d.spec.replicas}
        </dd>
        <dt>Image</dt>
        <dd className="mono">{d.spec.template.spec.containers.map((c) => c.image).join(", ")}</dd>
        <dt>Selector</dt>
        <dd>
          <Chips labels={selector} empty="none" /> <small className="muted">immutable</small>
        </dd>
      </dl>
      <ReplicasStepper namespace={ns} name={name} replicas={d.spec.replicas} className="actions" />
      <div className="actions">
        <button type="button" className="button small" onClick={() => uiStore.getState().openDialog({ kind: "expose", target: { kind: "Deployment", namespace: ns, name } })}>
          Expose…
        </button>
        <button type="button" className="button small danger" onClick={() => act(deleteObject("deployment", ns, name))}>
          Delete deployment
        </button>
        <YamlButton kind="Deployment" namespace={ns} name={name} />
      </div>
      <LabelEditor
        title="Pod template labels"
        labels={template}
        error={null}
        onSet={(k, v) => applyLabels({ ...template, [k]: v })}
        onRemove={(k) => applyLabels(Object.fromEntries(Object.entries(template).filter(([key]) => key !== k)))}
      />
      <p className="note">A template change rolls out a new ReplicaSet (new pods, new IPs). The selector cannot change after creation.</p>
      <FormError error={error} />
      {refused && (
        <div className="way-out">
          <p>Kubernetes refuses to change a Deployment's selector. The real way out: delete the Deployment and create it again with the labels you want.</p>
          <button type="button" className="button small primary" onClick={() => recreate(refused.labels)}>
            Recreate deployment with {Object.entries(refused.labels).map(([k, v]) => `${k}=${v}`).join(",")}
          </button>
        </div>
      )}
    </>
  );
}
