import { Dialog } from "../ui/Dialog";
import { TrafficLegend } from "./traffic/TrafficLegend";

/** What the shapes, colours and lines on the canvas mean — every colour is also a word. */
export function Legend({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Legend" onClose={onClose} wide>
      <div className="legend">
        <section>
          <h3>Boxes</h3>
          <ul>
            <li><span className="swatch frame-swatch" /> A cluster node (frame): its pods inside; below them its name, role, InternalIP from the node range and its Calico pod block. Workers first, the control plane last.</li>
            <li><span className="swatch pod-swatch tone-ok" /> A pod: name, IP from its node's block (large), status in words, labels as chips, whether a Service lists it as an endpoint.</li>
            <li><span className="swatch svc-swatch" /> A Service: ClusterIP from the service range (large), port → targetPort, selector chips, ready endpoints.</li>
            <li><span className="swatch deploy-swatch" /> A Deployment and beside it its ReplicaSet(s); a large deployment shows one count per node.</li>
            <li>Zoomed far out, cards keep only name, IP and state, in larger type; zoom in or select a card for the rest.</li>
          </ul>
        </section>
        <section>
          <h3>Pod status</h3>
          <ul>
            <li><span className="status-word ok">Running · ready</span> gets traffic from Services that select it.</li>
            <li><span className="status-word warn">ContainerCreating / not ready</span> not serving yet.</li>
            <li><span className="status-word off">Terminating</span> being deleted; no new traffic.</li>
            <li><span className="status-word bad">CrashLoopBackOff / ErrImagePull</span> failing.</li>
            <li><span className="status-word off">Deleted</span> gone from the cluster a moment ago: drawn a few seconds longer, fading, so you can see it go.</li>
            <li><span className="legend-new"><strong>new</strong> · after web-…-8fc6k (192.168.197.1) was deleted</span> a pod its ReplicaSet created to stand in for a deleted one: a new name and a new IP, never the old ones.</li>
          </ul>
        </section>
        <section>
          <h3>Change and traffic</h3>
          <ul>
            <li><span className="legend-bar" aria-hidden="true" /> <strong>3 open</strong> on a pod while traffic runs: its open connections as a bar (full length: the busiest pod) — with IPVS <code>lc</code>, the bars stay even and a slow pod's grows; <span className="slow-mark">slow 2s</span> marks a pod that answers late.</li>
            <li><span className="status-word ok">+1</span> / <span className="status-word bad">−1</span> beside the ready endpoints: an endpoint joined or left; <strong>ClusterIP unchanged</strong> says the Service's address stayed the same.</li>
          </ul>
        </section>
        <section>
          <h3>Lines</h3>
          <ul>
            <li><svg width="60" height="10" aria-hidden="true"><line x1="0" y1="5" x2="60" y2="5" className="legend-line ready" /></svg> Service → ready endpoint (from the EndpointSlice).</li>
            <li><svg width="60" height="10" aria-hidden="true"><line x1="0" y1="5" x2="60" y2="5" className="legend-line not-ready" /></svg> matches the selector, listed but <strong>not ready</strong>.</li>
            <li><svg width="60" height="10" aria-hidden="true"><line x1="0" y1="5" x2="60" y2="5" className="legend-line terminating" /></svg> listed but <strong>terminating</strong>.</li>
            <li><svg width="60" height="10" aria-hidden="true"><line x1="0" y1="5" x2="60" y2="5" className="legend-line owner" /></svg> ownership: Deployment → ReplicaSet → Pod.</li>
          </ul>
        </section>
        <TrafficLegend />
        <section>
          <h3>What the article gets wrong</h3>
          <ul>
            <li>kube-proxy does not allocate the ClusterIP: the API server does, from the service range.</li>
            <li>"Least connection" only holds for IPVS mode with the lc scheduler; iptables mode picks an endpoint at random.</li>
          </ul>
        </section>
      </div>
    </Dialog>
  );
}
