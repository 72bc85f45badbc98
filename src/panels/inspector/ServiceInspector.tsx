import { useMemo } from "react";
import { Chips } from "../../ui/Chips";
import { IpText } from "../../ui/IpText";
import { whyEndpoint } from "../../ui/why";
import type { Service } from "../../engine/cluster/types";
import { useLab } from "../../store";
import { serviceEndpoints } from "../../store/selectors";
import { act } from "../../actions/act";
import { deleteObject } from "../../actions/commands";
import { WhyItem } from "./Why";
import { YamlButton } from "./YamlButton";

const LIMIT = 40;

/** A Service: ClusterIP and ports, selector, its endpoints, and why each pod is or isn't one. */
export function ServiceInspector({ service }: { service: Service }) {
  const pods = useLab((s) => s.snapshot.pods);
  const slices = useLab((s) => s.snapshot.endpointSlices);
  const legacy = useLab((s) => s.snapshot.endpoints);
  const ns = service.metadata.namespace ?? "default";
  const name = service.metadata.name;
  const eps = serviceEndpoints(service, slices, legacy);
  // Pods of this namespace first, endpoints before the rest, so the interesting answers lead.
  const candidates = useMemo(() => {
    const order = { ready: 0, "not-ready": 1, terminating: 2, "not-endpoint": 3 } as const;
    return pods
      .filter((p) => p.metadata.namespace === ns)
      .map((p) => ({ p, v: whyEndpoint(service, p).verdict }))
      .sort((a, b) => order[a.v] - order[b.v])
      .slice(0, LIMIT);
  }, [pods, service, ns]);
  return (
    <>
      <dl className="facts">
        <dt>Namespace</dt>
        <dd>{ns}</dd>
        <dt>Type</dt>
        <dd>{service.spec.type}</dd>
        <dt>ClusterIP</dt>
        <dd>
          <IpText ip={service.spec.clusterIP} focusable />
        </dd>
        <dt>Ports</dt>
        <dd>
          {(service.spec.ports ?? []).map((p) => (
            <div key={p.port} className="mono">
              {p.port} → {String(p.targetPort)}/{p.protocol}
            </div>
          ))}
        </dd>
        <dt>Selector</dt>
        <dd>
          <Chips labels={service.spec.selector} empty="none" />
        </dd>
      </dl>
      <div className="actions">
        <button type="button" className="button small danger" onClick={() => act(deleteObject("service", ns, name))}>
          Delete service
        </button>
        <YamlButton kind="Service" namespace={ns} name={name} />
      </div>
      <section aria-label="Endpoints">
        <h3>Endpoints ({eps.length})</h3>
        {eps.length === 0 && <p className="bad-text">No endpoints: requests to this Service have nowhere to go.</p>}
        <ul className="endpoint-list">
          {eps.map((e) => (
            <li key={e.address}>
              <span className="mono">{e.address}</span> {e.target && <span className="muted">{e.target}</span>}{" "}
              <span className={`status-word ${e.ready ? "ok" : "warn"}`}>{e.ready ? "ready" : "not ready"}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Why is or isn't each pod an endpoint?">
        <h3>Why is / isn't each pod an endpoint?</h3>
        <ul className="why-list">
          {candidates.map(({ p }) => (
            <WhyItem key={p.metadata.uid} service={service} pod={p} subject={p.metadata.name} />
          ))}
        </ul>
      </section>
    </>
  );
}
