import { IpText } from "../canvas/IpText";
import { useLab } from "../store";

/**
 * The article's three IP ranges, always on screen: nodes, pods (with each node's Calico
 * blocks) and Services (with every allocated ClusterIP). Hover or focus any address for its owner.
 */
export function RangesBar() {
  const ranges = useLab((s) => s.snapshot.ranges);
  return (
    <section className="ranges-bar" aria-label="IP ranges">
      <div className="range">
        <h2>Node range</h2>
        <IpText ip={ranges.nodeCidr} focusable className="cidr" />
        <div className="range-items" tabIndex={0}>
          {ranges.nodes.map((n) => (
            <span key={n.name} className="range-item">
              {n.name} <IpText ip={n.ip} />
            </span>
          ))}
        </div>
      </div>
      <div className="range">
        <h2>Pod range (Calico)</h2>
        <IpText ip={ranges.podCidr} focusable className="cidr" />
        <div className="range-items" tabIndex={0}>
          {ranges.podBlocks.map((b) => (
            <span key={b.cidr} className="range-item">
              {b.node} <IpText ip={b.cidr} /> <small>{b.used}/{b.size}</small>
            </span>
          ))}
        </div>
      </div>
      <div className="range">
        <h2>Service range</h2>
        <IpText ip={ranges.serviceCidr} focusable className="cidr" />
        <div className="range-items" tabIndex={0}>
          {ranges.clusterIPs.map((c) => (
            <span key={c.ip} className="range-item">
              {c.name} <IpText ip={c.ip} />
            </span>
          ))}
        </div>
      </div>
    </section>
  );
}
