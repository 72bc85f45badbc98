/**
 * A node frame's kube-proxy badge: the mode its rules are in, and — in words, not colour alone —
 * "restarting" while its kube-proxy pod is down and "rules updating…" while a Service or
 * EndpointSlice change has not reached this node's rules yet. Requests' dots pass through it:
 * this node's rules are where the Service address is translated.
 */
import { memo } from "react";
import { useProxy } from "../../traffic/trafficStore";

/** The badge for node `node` (reads only that node's kube-proxy status). */
export const ProxyBadge = memo(function ProxyBadge({ node }: { node: string }) {
  const p = useProxy(node);
  if (!p) return null;
  const state = !p.running ? "restarting" : p.stale ? "rules updating…" : "";
  return (
    <span className={`proxy-badge${state ? " busy" : ""}`} title="kube-proxy on this node: the mode its Service rules are in">
      kube-proxy <strong>{p.mode === "ipvs" ? "IPVS" : "iptables"}</strong>
      {state && <span className="proxy-state"> · {state}</span>}
    </span>
  );
});
