import { useLab } from "../store";
import { Section } from "./Section";
import { ServiceRow } from "./ServiceRow";

export function ServicesTable() {
  const services = useLab((s) => s.snapshot.services);
  const slices = useLab((s) => s.snapshot.endpointSlices);
  const endpoints = useLab((s) => s.snapshot.endpoints);
  return (
    <Section title="Services" aside={<span className="count">{services.length}</span>}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Service (type)</th>
            <th scope="col">ClusterIP:port → targetPort</th>
            <th scope="col">Selector</th>
            <th scope="col">Endpoints</th>
          </tr>
        </thead>
        <tbody>
          {services.map((svc) => (
            <ServiceRow key={svc.metadata.uid} svc={svc} slices={slices} endpoints={endpoints} />
          ))}
        </tbody>
      </table>
    </Section>
  );
}
