import type { EndpointSlice, Endpoints, Service } from "../engine/cluster/types";
import { serviceEndpoints, servicePorts } from "../store/selectors";
import { LabelChips } from "./LabelChips";

interface Props {
  svc: Service;
  slices: readonly EndpointSlice[];
  endpoints: readonly Endpoints[];
}

export function ServiceRow({ svc, slices, endpoints }: Props) {
  const eps = serviceEndpoints(svc, slices, endpoints);
  return (
    <tr>
      <th scope="row">
        <span className="mono">
          {svc.metadata.namespace === "default" ? "" : `${svc.metadata.namespace}/`}
          {svc.metadata.name}
        </span>
        <span className="row-sub">
          <span className="sr-only">type </span>
          {svc.spec.type}
        </span>
      </th>
      <td className="mono">
        {servicePorts(svc).map((p) => (
          <div key={p}>{p}</div>
        ))}
      </td>
      <td>
        <LabelChips labels={svc.spec.selector} empty="no selector" />
      </td>
      <td>
        {eps.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ul className="endpoints">
            {eps.map((e) => (
              <li key={e.address} className="mono" title={e.target ? `pod ${e.target}` : undefined}>
                {e.address}
                {!e.ready && <span className="status warn"> not ready</span>}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
