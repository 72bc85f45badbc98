import type { ReactNode } from "react";
import { IpText } from "../ui/IpText";
import { useLab } from "../store";

/**
 * The article's three IP ranges, always on screen: nodes, pods (with each node's Calico
 * blocks) and Services (with every allocated ClusterIP). Hover or focus any address for its owner.
 */
export function RangesBar() {
  const ranges = useLab((s) => s.snapshot.ranges);
  return (
    <section className="ranges-bar" aria-label="IP ranges">
      <Range title="Node range" cidr={ranges.nodeCidr}>
        {ranges.nodes.map((n) => (
          <span key={n.name} className="range-item">
            {n.name} <IpText ip={n.ip} />
          </span>
        ))}
      </Range>
      <Range title="Pod range (Calico)" cidr={ranges.podCidr}>
        {ranges.podBlocks.map((b) => (
          <span key={b.cidr} className="range-item">
            {b.node} <IpText ip={b.cidr} /> <small>{b.used}/{b.size}</small>
          </span>
        ))}
      </Range>
      <Range title="Service range" cidr={ranges.serviceCidr}>
        {ranges.clusterIPs.map((c) => (
          <span key={c.ip} className="range-item">
            {c.name} <IpText ip={c.ip} />
          </span>
        ))}
      </Range>
    </section>
  );
}

/** One range: its name, its CIDR, and what is allocated from it. */
function Range({ title, cidr, children }: { title: string; cidr: string; children: ReactNode }) {
  return (
    <div className="range">
      <h2>{title}</h2>
      <IpText ip={cidr} focusable className="cidr" />
      <div className="range-items" tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
