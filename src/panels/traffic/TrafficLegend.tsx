import "./legend.css";

/** The Legend's entries for requests on the canvas and the nodes' kube-proxy badge. */
export function TrafficLegend() {
  return (
    <section>
      <h3>Requests</h3>
      <ul>
        <li>
          <span className="legend-dot ok" /> a request: from the client pod, through its node's kube-proxy rules, past the Service, along the edge to the pod the
          rules picked.
        </li>
        <li>
          <span className="legend-dot ok cross" /> ringed: the chosen pod is on another node (the packet crossed tunl0).
        </li>
        <li>
          <span className="legend-dot fail">✕</span> failed, with the reason in words where it stopped: <strong>refused</strong> (a Service without endpoints
          is REJECTed), <strong>timeout</strong> (nobody has that IP any more), <strong>reset</strong> (the pod went away mid-request).
        </li>
        <li>
          <span className="legend-badge">kube-proxy iptables</span> the mode of a node's rules; <strong>rules updating…</strong> while a change has not reached
          them yet, <strong>restarting</strong> while its kube-proxy is down.
        </li>
        <li>With reduced motion, nothing travels: the pod that served a request, or the place one failed, lights up in place.</li>
      </ul>
    </section>
  );
}
