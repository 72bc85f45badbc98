import { IpRanges } from "./IpRanges";
import { NodesTable } from "./NodesTable";
import { PodsByNode } from "./PodsByNode";
import { ServicesTable } from "./ServicesTable";

/** The live cluster as plain lists; the canvas will take this place later. */
export function ClusterView() {
  return (
    <div className="cluster-view">
      <NodesTable />
      <PodsByNode />
      <ServicesTable />
      <IpRanges />
    </div>
  );
}
