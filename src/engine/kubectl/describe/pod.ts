// `kubectl describe pod` (describe.go `describePod`).
import type { Pod } from "../../cluster/types";
import { describeContainers, describeTopologySpread, describeVolumes, envResolverFor } from "./containers";
import { describeEvents, searchEvents } from "./events";
import { controllerOf, field, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123z, since } from "./format";
import type { DescribeEnv } from "./env";
import { podQOS } from "./resources";
import { LEVEL_0, LEVEL_1, tabbedString } from "./writer";

export function describePod(pod: Pod, env: DescribeEnv): string {
  // describe clears the reference's kind (and uses the mirror UID for static pods) when searching.
  const mirrorUid = pod.metadata.annotations?.["kubernetes.io/config.mirror"];
  const events = env.showEvents ? searchEvents(env.store, { namespace: pod.metadata.namespace ?? "", name: pod.metadata.name, uid: mirrorUid ?? pod.metadata.uid }) : undefined;
  return tabbedString((w) => {
    const spec = pod.spec;
    const status = pod.status;
    w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ""}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    const runtimeClass = field<string>(spec, "runtimeClassName");
    if (runtimeClass) w.write(LEVEL_0, `Runtime Class Name:\t${runtimeClass}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, "Node:\t<none>\n");
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, "Labels", pod.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
    if (pod.metadata.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, env.now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase}\n`);
    }
    const reason = field<string>(status, "reason");
    if (reason) w.write(LEVEL_0, `Reason:\t${reason}\n`);
    const message = field<string>(status, "message");
    if (message) w.write(LEVEL_0, `Message:\t${message}\n`);
    const seccomp = field<{ type: string; localhostProfile?: string }>(spec, "securityContext", "seccompProfile");
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === "Localhost") w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ""}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ""}\n`);
    if (!status.podIPs || status.podIPs.length === 0) w.write(LEVEL_0, "IPs:\t<none>\n");
    else {
      w.write(LEVEL_0, "IPs:\n");
      for (const ip of status.podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
    }
    const controlledBy = controllerOf(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    const nominated = field<string>(status, "nominatedNodeName");
    if (nominated) w.write(LEVEL_0, `NominatedNodeName:\t${nominated}\n`);
    const resolve = envResolverFor(pod);
    if (spec.initContainers && spec.initContainers.length > 0) {
      describeContainers("Init Containers", spec.initContainers, field(status, "initContainerStatuses"), resolve, w, "");
    }
    describeContainers("Containers", spec.containers, status.containerStatuses, resolve, w, "");
    const gates = field<{ conditionType: string }[]>(spec, "readinessGates") ?? [];
    if (gates.length > 0) {
      w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
      for (const g of gates) {
        const c = (status.conditions ?? []).find((x) => x.type === (g.conditionType as never));
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : "<none>"} \n`);
      }
    }
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, "");
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, "Node-Selectors", spec.nodeSelector);
    printTolerationsMultiline(w, "Tolerations", spec.tolerations);
    describeTopologySpread(field(spec, "topologySpreadConstraints"), w, "");
    if (events) describeEvents(events, w, env.now);
  });
}
