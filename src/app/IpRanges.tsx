import { useLab } from "../store";
import { Section } from "./Section";

/** The article's three ranges: where node, pod and Service addresses come from. */
export function IpRanges() {
  const ranges = useLab((s) => s.snapshot.ranges);
  const rows = [
    { name: "Node network", cidr: ranges.nodeCidr, note: `${ranges.nodes.length} nodes` },
    {
      name: "Pod network",
      cidr: ranges.podCidr,
      note: `${ranges.podBlocks.length} Calico /26 blocks, ${ranges.podBlocks.reduce((n, b) => n + b.used, 0)} IPs in use`,
    },
    { name: "Service network", cidr: ranges.serviceCidr, note: `${ranges.clusterIPs.length} ClusterIPs allocated` },
  ];
  return (
    <Section title="IP ranges">
      <dl className="ranges">
        {rows.map((r) => (
          <div key={r.name} className="range">
            <dt>{r.name}</dt>
            <dd>
              <span className="mono">{r.cidr || "—"}</span> <span className="muted">{r.note}</span>
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
