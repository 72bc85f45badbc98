import { useLab } from "../store";
import { internalIP, nodePodBlocks, nodeRole, nodeStatus } from "../store/selectors";
import { Section } from "./Section";

export function NodesTable() {
  const nodes = useLab((s) => s.snapshot.nodes);
  const ranges = useLab((s) => s.snapshot.ranges);
  return (
    <Section title="Nodes" aside={<span className="count">{nodes.length}</span>}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">InternalIP</th>
            <th scope="col">Pod block</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => {
            const status = nodeStatus(node);
            return (
              <tr key={node.metadata.uid}>
                <th scope="row" className="mono">
                  {node.metadata.name}
                </th>
                <td>{nodeRole(node)}</td>
                <td>
                  <span className={status === "Ready" ? "status ok" : "status warn"}>{status}</span>
                </td>
                <td className="mono">{internalIP(node)}</td>
                <td className="mono">{nodePodBlocks({ ranges }, node).join(", ") || "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}
