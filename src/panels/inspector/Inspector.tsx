import type { Deployment, Node, Pod, ReplicaSet, Service } from "../../engine/cluster/types";
import { useUi, uiStore, type Selection } from "../../ui/store";
import { DeploymentInspector } from "./DeploymentInspector";
import { NodeInspector } from "./NodeInspector";
import { PodInspector } from "./PodInspector";
import { ServiceInspector } from "./ServiceInspector";
import { useSelectedObject } from "./useSelected";

/** The side panel: whatever is selected, what it is, what can be done to it. */
export function Inspector() {
  const selection = useUi((s) => s.selection);
  return (
    <aside className={`inspector${selection ? "" : " empty"}`} aria-label="Inspector">
      {selection ? <Selected key={`${selection.kind}/${selection.namespace}/${selection.name}`} sel={selection} /> : <Empty />}
    </aside>
  );
}

function Empty() {
  return (
    <div className="inspector-empty">
      <h2>Inspector</h2>
      <p>Click a pod, Service, Deployment or node on the canvas (or Tab to it and press Enter) to see it here and act on it.</p>
      <p className="muted">Press ? for keyboard shortcuts.</p>
    </div>
  );
}

function Selected({ sel }: { sel: Selection }) {
  const obj = useSelectedObject(sel);
  return (
    <>
      <header className="inspector-head">
        <span className="kind-tag inspector-kind">{sel.kind}</span>
        <h2 className="mono">{sel.name}</h2>
        <button type="button" className="icon-button" aria-label="Close inspector" onClick={() => uiStore.getState().select(null)}>
          ×
        </button>
      </header>
      {!obj && <p className="muted">This {sel.kind.toLowerCase()} no longer exists.</p>}
      {obj && sel.kind === "Pod" && <PodInspector pod={obj as Pod} />}
      {obj && sel.kind === "Service" && <ServiceInspector service={obj as Service} />}
      {obj && sel.kind === "Deployment" && <DeploymentInspector deployment={obj as Deployment} />}
      {obj && sel.kind === "Node" && <NodeInspector node={obj as Node} />}
      {obj && sel.kind === "ReplicaSet" && <ReplicaSetFacts rs={obj as ReplicaSet} />}
    </>
  );
}

function ReplicaSetFacts({ rs }: { rs: ReplicaSet }) {
  const owner = rs.metadata.ownerReferences?.find((r) => r.controller);
  return (
    <dl className="facts">
      <dt>Owner</dt>
      <dd>{owner ? `${owner.kind} ${owner.name}` : "none"}</dd>
      <dt>Replicas</dt>
      <dd>
        {rs.status.readyReplicas ?? 0} ready of {rs.spec.replicas}
      </dd>
      <dt>Revision</dt>
      <dd>{rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? "—"}</dd>
      <dt>Why it exists</dt>
      <dd>The Deployment controller made it for one version of the pod template; it keeps that many pods alive.</dd>
    </dl>
  );
}
