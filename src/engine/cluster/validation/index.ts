/** API-server validation with Kubernetes v1.33's exact messages. */
export * from "./field";
export * from "./content";
export * from "./metadata";
export {
  POD_UPDATE_FORBIDDEN_MSG,
  SUPPORTED_PORT_PROTOCOLS,
  validateContainerPorts,
  validateContainers,
  validateDNS1123Label,
  validatePod,
  validatePodSpec,
  validatePodSpecUpdate,
  validatePodTemplateSpec,
  validateTolerations,
} from "../../kinds/pod/validation";
export { validateDaemonSet, validateDeployment, validateReplicaSet } from "./apps";
