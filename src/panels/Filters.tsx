import { useId, useMemo } from "react";
import { parseSelector } from "../engine/lib";
import { labStore, useLab } from "../store";
import { useUi, uiStore } from "../ui/store";

/**
 * The canvas toolbar: create actions, then the namespace and label filters (what does not match
 * is dimmed in place, never moved) and the kube-system toggle.
 */
export function Filters() {
  const namespaces = useLab((s) => s.snapshot.namespaces);
  const namespace = useUi((s) => s.namespace);
  const labelFilter = useUi((s) => s.labelFilter);
  // The same parse the canvas runs on the same text (it dims what does not match).
  const filterError = useMemo(() => {
    const text = labelFilter.trim();
    const parsed = text ? parseSelector(text) : undefined;
    return parsed && !parsed.ok ? parsed.error : undefined;
  }, [labelFilter]);
  const showSystemPods = useLab((s) => s.showSystemPods);
  const nsId = useId();
  const lfId = useId();
  const errId = useId();
  return (
    <div className="filters">
      <div className="create-group" role="group" aria-label="Create">
        <button type="button" className="button small primary" onClick={() => uiStore.getState().openDialog({ kind: "create-deployment" })} title="n">
          New deployment
        </button>
        <button type="button" className="button small" onClick={() => uiStore.getState().openDialog({ kind: "run-pod" })} title="r">
          Run pod
        </button>
        <button
          type="button"
          className="button small"
          aria-label="New from YAML"
          title="Create anything from a YAML manifest"
          onClick={() => uiStore.getState().openEditor({ mode: "create", templateId: "deployment" })}
        >
          YAML…
        </button>
      </div>
      <div className="filter-group" role="group" aria-label="Filters">
      <label htmlFor={nsId}>Namespace</label>
      <select id={nsId} value={namespace} onChange={(e) => uiStore.getState().setNamespace(e.target.value)}>
        <option value="">all</option>
        {namespaces.map((n) => (
          <option key={n.metadata.name}>{n.metadata.name}</option>
        ))}
      </select>
      <label htmlFor={lfId}>Labels</label>
      <input
        id={lfId}
        className="label-filter"
        placeholder="app=test"
        value={labelFilter}
        aria-invalid={!!filterError}
        aria-describedby={filterError ? errId : undefined}
        onChange={(e) => uiStore.getState().setLabelFilter(e.target.value)}
      />
      {filterError && (
        <span id={errId} className="bad-text filter-error" role="status">
          {filterError}
        </span>
      )}
      <label className="check">
        <input type="checkbox" checked={showSystemPods} onChange={(e) => labStore.getState().setShowSystemPods(e.target.checked)} /> kube-system pods
      </label>
      </div>
    </div>
  );
}
