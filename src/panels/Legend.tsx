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
            <li><span className="swatch frame-swatch" /> A cluster node (frame): name, role, InternalIP from the node range, its Calico pod block.</li>
            <li><span className="swatch pod-swatch tone-ok" /> A pod: name, IP from its node's block, status in words, labels as chips.</li>
            <li><span className="swatch svc-swatch" /> A Service: ClusterIP from the service range, port → targetPort, selector chips.</li>
            <li><span className="swatch deploy-swatch" /> A Deployment and below it its ReplicaSet(s); a large deployment shows one count per node.</li>
          </ul>
        </section>
        <section>
          <h3>Pod status</h3>
          <ul>
            <li><span className="status-word ok">Running · ready</span> gets traffic from Services that select it.</li>
            <li><span className="status-word warn">ContainerCreating / not ready</span> not serving yet.</li>
            <li><span className="status-word off">Terminating</span> being deleted; no new traffic.</li>
            <li><span className="status-word bad">CrashLoopBackOff / ErrImagePull</span> failing.</li>
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
