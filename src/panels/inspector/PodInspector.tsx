import { useState } from "react";
import { IpText } from "../../ui/IpText";
import { podLook, podOwnerRef } from "../../ui/podView";
import type { Pod } from "../../engine/cluster/types";
import { useLab } from "../../store";
import { uiStore } from "../../ui/store";
import { act, runCommand } from "../../actions/act";
import { deletePod, label } from "../../actions/commands";
import { LabelEditor } from "../LabelEditor";
import { SlowToggle } from "../traffic/SlowToggle";
import { WhyItem } from "./Why";
import { YamlButton } from "./YamlButton";

/** A pod: facts, labels (kubectl label), actions, and "why is / isn't it an endpoint?" per Service. */
export function PodInspector({ pod }: { pod: Pod }) {
  const services = useLab((s) => s.snapshot.services);
  const [error, setError] = useState<string | null>(null);
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name;
  const look = podLook(pod);
  const owner = podOwnerRef(pod);
  const labelRun = (cmd: string) => {
    const r = runCommand(cmd);
    setError(r.ok ? null : r.error);
  };
  const withSelector = services.filter((s) => s.spec.selector && Object.keys(s.spec.selector).length > 0);
  return (
    <>
      <dl className="facts">
        <dt>Namespace</dt>
        <dd>{ns}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`status-word ${look.tone}`}>{look.status}</span> {look.readiness}
        </dd>
        <dt>Pod IP</dt>
        <dd>
          <IpText ip={pod.status.podIP} focusable />
        </dd>
        <dt>Node</dt>
        <dd>{pod.spec.nodeName ?? "not scheduled"}</dd>
        <dt>Owner</dt>
        <dd>{owner ? `${owner.kind} ${owner.name}` : "none — an orphan pod"}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="button small danger" onClick={() => act(deletePod(ns, name))} disabled={!!pod.metadata.deletionTimestamp}>
          Delete pod
        </button>
        <button type="button" className="button small" onClick={() => uiStore.getState().openDialog({ kind: "expose", target: { kind: "Pod", namespace: ns, name } })}>
          Expose…
        </button>
        <YamlButton kind="Pod" namespace={ns} name={name} />
        <SlowToggle pod={pod} />
      </div>
      <LabelEditor
        title="Labels"
        labels={pod.metadata.labels}
        error={error}
        onSet={(k, v) => labelRun(label("pod", ns, name, { [k]: v }))}
        onRemove={(k) => labelRun(label("pod", ns, name, {}, [k]))}
      />
      {owner?.kind === "ReplicaSet" && (
        <p className="note">Relabel a pod so its ReplicaSet's selector no longer matches, and the ReplicaSet makes a replacement: the relabelled pod becomes an orphan.</p>
      )}
      <section aria-label="Is this pod an endpoint?">
        <h3>Is this pod an endpoint?</h3>
        {withSelector.length === 0 && <p className="muted">No Service with a selector yet.</p>}
        <ul className="why-list">
          {withSelector.map((s) => (
            <WhyItem key={s.metadata.uid} service={s} pod={pod} subject={`${s.metadata.name}`} />
          ))}
        </ul>
      </section>
    </>
  );
}
