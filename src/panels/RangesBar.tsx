import type { ReactNode } from "react";
import { IpText } from "../ui/IpText";
import { useLab } from "../store";

/**
 * The article's three IP ranges, always on screen: nodes, pods (with each node's Calico
 * blocks) and Services (with every allocated ClusterIP). Hover or focus any address for its owner.
 * Presenting, it is one compact strip: each range's CIDR and how much of it is handed out (the
 * addresses themselves are on the canvas cards).
 */
export function RangesBar() {
  const ranges = useLab((s) => s.snapshot.ranges);
  return (
    <section className="ranges-bar" aria-label="IP ranges">
      <Range title="Node range" cidr={ranges.nodeCidr} count={plural(ranges.nodes.length, "node")}>
        {ranges.nodes.map((n) => (
          <span key={n.name} className="range-item">
            {n.name} <IpText ip={n.ip} />
          </span>
        ))}
      </Range>
      <Range title="Pod range" note="(Calico)" cidr={ranges.podCidr} count={plural(ranges.podBlocks.length, "block")}>
        {ranges.podBlocks.map((b) => (
          <span key={b.cidr} className="range-item">
            {b.node} <IpText ip={b.cidr} /> <small>{b.used}/{b.size}</small>
          </span>
        ))}
      </Range>
      <Range title="Service range" cidr={ranges.serviceCidr} count={plural(ranges.clusterIPs.length, "ClusterIP")}>
        {ranges.clusterIPs.map((c) => (
          <span key={c.ip} className="range-item">
            {c.name} <IpText ip={c.ip} />
          </span>
        ))}
      </Range>
    </section>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** One range: its name, its CIDR, and what is allocated from it (a count when presenting). */
function Range({ title, note, cidr, count, children }: { title: string; note?: string; cidr: string; count: string; children: ReactNode }) {
  return (
    <div className="range">
      <h2>
        {title}
        {note && <span className="range-note"> {note}</span>}
      </h2>
      <IpText ip={cidr} focusable className="cidr" />
      <span className="range-count">{count}</span>
      <div className="range-items" tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
