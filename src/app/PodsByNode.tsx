import { useMemo } from "react";
import { useLab } from "../store";
import { groupPodsByNode } from "../store/selectors";
import { NodePods } from "./NodePods";
import { Section } from "./Section";

export function PodsByNode() {
  const nodes = useLab((s) => s.snapshot.nodes);
  const pods = useLab((s) => s.snapshot.pods);
  const showSystem = useLab((s) => s.showSystemPods);
  const setShowSystem = useLab((s) => s.setShowSystemPods);
  const groups = useMemo(() => groupPodsByNode(nodes, pods), [nodes, pods]);
  const systemCount = groups.reduce((n, g) => n + g.systemPods.length, 0);

  const toggle = (
    <button
      type="button"
      className="button small"
      aria-expanded={showSystem}
      aria-controls="pods-by-node"
      onClick={() => setShowSystem(!showSystem)}
    >
      {showSystem ? "Hide" : "Show"} kube-system pods ({systemCount})
    </button>
  );

  return (
    <Section title="Pods by node" aside={toggle}>
      <div id="pods-by-node" className="node-groups">
        {groups.map((g) => (
          <NodePods key={g.node ?? "(unscheduled)"} group={g} showSystem={showSystem} />
        ))}
      </div>
    </Section>
  );
}
