/** API-server validation with Kubernetes v1.33's exact messages. */
export * from "./field";
export * from "./content";
export * from "./metadata";
export { validatePod, validatePodSpec, validatePodSpecUpdate, validatePodTemplateSpec, validateContainers, validateContainerPorts, validateTolerations, validateDNS1123Label, POD_UPDATE_FORBIDDEN_MSG, SUPPORTED_PORT_PROTOCOLS } from "./pod";
export { validateService, validatePortNumOrName, normalizeServiceClusterIPs, SUPPORTED_SERVICE_TYPES } from "./service";
export { validateDeployment, validateReplicaSet, validateDaemonSet } from "./apps";
