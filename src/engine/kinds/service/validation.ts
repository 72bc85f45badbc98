/**
 * Service validation: `pkg/apis/core/validation/validation.go` `ValidateService`,
 * `validateServicePort`, `ValidatePortNumOrName`, `ValidateServiceClusterIPsRelatedFields`,
 * `ValidateServiceUpdate` / `validateUpgradeDowngradeClusterIPs` (v1.33), errors in upstream order.
 *
 * Input is assumed defaulted (`protocol: TCP`, `targetPort` = `port`, `type: ClusterIP`,
 * `sessionAffinity: None`…). As a safety net, a missing / `0` / `""` targetPort is read as `port`,
 * exactly as defaulting would have set it. Fields defaulting always fills (internalTrafficPolicy,
 * externalTrafficPolicy on NodePort/LoadBalancer) are not reported as Required when unset.
 */

import type { IntOrString } from "../meta";
import type { Service, ServicePort, ServiceSpec } from "./types";
import { isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum, parseIP, VALID_IP_MSG } from "../../cluster/validation/content";
import {
  FieldPath,
  duplicate,
  forbidden,
  goNamedStringSlice,
  goServicePortKey,
  goStringSlice,
  invalid,
  notSupported,
  required,
  type FieldError,
} from "../../cluster/validation/field";
import { nameIsDNS1035Label, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from "../../cluster/validation/metadata";
import { SUPPORTED_PORT_PROTOCOLS, validateDNS1123Label } from "../pod/validation";

/** `sets.List(supportedServiceType)`. */
export const SUPPORTED_SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const SUPPORTED_SESSION_AFFINITY = ["ClientIP", "None"];
const SUPPORTED_IP_FAMILIES = ["IPv4", "IPv6"];
const SUPPORTED_IP_FAMILY_POLICIES = ["PreferDualStack", "RequireDualStack", "SingleStack"];
const SUPPORTED_TRAFFIC_POLICIES = ["Cluster", "Local"];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const KUBELET_PORT = 10250;

/** `ValidatePortNumOrName`: ints by `IsValidPortNum`, strings by `IsValidPortName` (IANA_SVC_NAME). */
export function validatePortNumOrName(port: IntOrString, path: FieldPath): FieldError[] {
  if (typeof port === "number") return isValidPortNum(port).map((m) => invalid(path, port, m));
  return isValidPortName(port).map((m) => invalid(path, port, m));
}

/** What defaulting puts in `targetPort` when it is missing, `0` or `""`. */
function effectiveTargetPort(sp: ServicePort): IntOrString {
  const tp = sp.targetPort as IntOrString | undefined | null;
  if (tp === undefined || tp === null || tp === 0 || tp === "") return sp.port;
  return tp;
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) {
    errs.push(required(path.child("name")));
  } else if (sp.name) {
    errs.push(...validateDNS1123Label(sp.name, path.child("name")));
    if (names.has(sp.name)) errs.push(duplicate(path.child("name"), sp.name));
    else names.add(sp.name);
  }
  for (const m of isValidPortNum(sp.port)) errs.push(invalid(path.child("port"), sp.port, m));
  if (!sp.protocol) errs.push(required(path.child("protocol")));
  else if (!SUPPORTED_PORT_PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(path.child("protocol"), sp.protocol, SUPPORTED_PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(effectiveTargetPort(sp), path.child("targetPort")));
  if (sp.appProtocol !== undefined) {
    for (const m of isQualifiedName(sp.appProtocol)) errs.push(invalid(path.child("appProtocol"), sp.appProtocol, m));
  }
  return errs;
}

function isHeadless(spec: ServiceSpec): boolean {
  return spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === "None";
}

function needsClusterIP(spec: ServiceSpec): boolean {
  return spec.type !== "ExternalName";
}

/**
 * What the service REST storage does to clusterIP/clusterIPs before validation
 * (`patchAllocatedValues` + `normalizeClusterIPs` in `pkg/registry/core/service/storage`): on
 * create a lone `clusterIP` is copied to `clusterIPs`; on update values the client left out are
 * kept from the stored object, and a changed `clusterIP` is copied into `clusterIPs`. Unset
 * `ipFamilies` / `ipFamilyPolicy` are likewise kept from the stored object (what the allocator's
 * `initIPFamilyFields` ends up with when the client did not say).
 * Returns a new spec; the input is not modified.
 */
export function normalizeServiceClusterIPs(spec: ServiceSpec, old?: ServiceSpec): ServiceSpec {
  const s: ServiceSpec = { ...spec, clusterIPs: spec.clusterIPs ? [...spec.clusterIPs] : undefined };
  const ipsLen = (x: ServiceSpec): number => x.clusterIPs?.length ?? 0;
  if (!old) {
    if (s.clusterIP && ipsLen(s) === 0) s.clusterIPs = [s.clusterIP];
    return s;
  }
  if (needsClusterIP(old) && needsClusterIP(s)) {
    if (!s.clusterIP) s.clusterIP = old.clusterIP;
    if (ipsLen(s) === 0 && ipsLen(old) > 0) s.clusterIPs = [...(old.clusterIPs as string[])];
    if ((s.ipFamilies?.length ?? 0) === 0 && old.ipFamilies?.length) s.ipFamilies = [...old.ipFamilies];
    if (s.ipFamilyPolicy === undefined && old.ipFamilyPolicy !== undefined) s.ipFamilyPolicy = old.ipFamilyPolicy;
  }
  if (ipsLen(old) > 0 && ipsLen(s) === 0 && (old.clusterIP ?? "") === (s.clusterIP ?? "")) {
    s.clusterIPs = [...(old.clusterIPs as string[])];
  }
  if ((old.clusterIP ?? "") !== (s.clusterIP ?? "")) {
    if (old.clusterIP && !s.clusterIP) {
      s.clusterIPs = undefined;
      return s;
    }
    const same = ipsLen(old) === ipsLen(s) && (old.clusterIPs ?? []).every((ip, i) => ip === s.clusterIPs?.[i]);
    if (ipsLen(s) === 0 || same) s.clusterIPs = [s.clusterIP as string];
  }
  return s;
}

function validateClusterIPsRelatedFields(spec: ServiceSpec): FieldError[] {
  if (spec.type === "ExternalName") return [];
  const errs: FieldError[] = [];
  const specPath = FieldPath.of("spec");
  const ipsPath = specPath.child("clusterIPs");
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required(ipsPath));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid(ipsPath, goStringSlice(ips), "first value must match `clusterIP`"));
  } else if (ips.length !== 0) {
    errs.push(invalid(ipsPath, goStringSlice(ips), "must be empty when `clusterIP` is not specified"));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((fam, i) => {
    if (!SUPPORTED_IP_FAMILIES.includes(fam)) errs.push(notSupported(specPath.child("ipFamilies").index(i), fam, SUPPORTED_IP_FAMILIES));
    if (seen.has(fam)) errs.push(duplicate(specPath.child("ipFamilies").index(i), fam));
    seen.add(fam);
  });
  if (spec.ipFamilyPolicy !== undefined && !SUPPORTED_IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported(specPath.child("ipFamilyPolicy"), spec.ipFamilyPolicy, SUPPORTED_IP_FAMILY_POLICIES));
  }
  let hasInvalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === "None") {
      if (ips.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalid(ipsPath, goStringSlice(ips), "'None' must be the first and only value"));
      }
      return;
    }
    if (!parseIP(ip)) {
      hasInvalidIPs = true;
      errs.push(invalid(ipsPath.index(i), ip, VALID_IP_MSG));
    }
  });
  if (ips.length > 2) {
    hasInvalidIPs = true;
    errs.push(invalid(ipsPath, goStringSlice(ips), "may only hold up to 2 values"));
  }
  if (hasInvalidIPs) return errs;
  if (ips.length > 1) {
    const fams = ips.map((ip) => parseIP(ip)?.family);
    if (fams[0] === fams[1]) errs.push(invalid(ipsPath, goStringSlice(ips), "may specify no more than one IP for each IP family"));
  }
  const families = spec.ipFamilies ?? [];
  if (!isHeadless(spec) && ips.length > 0 && families.length > 0) {
    ips.forEach((ip, i) => {
      if (i > families.length - 1) return;
      const v6 = parseIP(ip)?.family === "IPv6";
      if (families[i] === "IPv4" && v6) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === "IPv6" && !v6) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** `ValidateNonSpecialIP` (externalIPs). */
function validateNonSpecialIP(ip: string, path: FieldPath): FieldError[] {
  const parsed = parseIP(ip);
  if (!parsed) return [invalid(path, ip, "must be a valid IP address")];
  const errs: FieldError[] = [];
  if (parsed.family === "IPv4") {
    const [a, b, c, d] = parsed.bytes;
    if (a === 0 && b === 0 && c === 0 && d === 0) errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
    if (a === 127) errs.push(invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    if (a === 169 && b === 254) errs.push(invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    if (a === 224 && b === 0 && c === 0) errs.push(invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
  } else {
    const g = parsed.groups;
    if (g.every((x) => x === 0)) errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
    if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) errs.push(invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    if ((g[0] & 0xffc0) === 0xfe80) errs.push(invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    if ((g[0] & 0xff0f) === 0xff02) errs.push(invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
  }
  return errs;
}

function externallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === "LoadBalancer" || spec.type === "NodePort" || (spec.type === "ClusterIP" && (spec.externalIPs?.length ?? 0) > 0);
}

/** `ValidateService` on an already-normalized spec. */
function validateServiceSpec(svc: Service, spec: ServiceSpec): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, { namespaced: true, nameValidator: nameIsDNS1035Label });
  const specPath = FieldPath.of("spec");
  const ports = spec.ports ?? [];
  const type = spec.type as string;
  const headless = isHeadless(spec);

  if (ports.length === 0 && !headless && type !== "ExternalName") errs.push(required(specPath.child("ports")));
  switch (type) {
    case "LoadBalancer":
      if (headless) errs.push(invalid(specPath.child("clusterIPs").index(0), "None", "may not be set to 'None' for LoadBalancer services"));
      ports.forEach((p, i) => {
        if (p.port === KUBELET_PORT) {
          errs.push(invalid(specPath.child("ports").index(i), p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
        }
      });
      break;
    case "NodePort":
      if (headless) errs.push(invalid(specPath.child("clusterIPs").index(0), "None", "may not be set to 'None' for NodePort services"));
      break;
    case "ExternalName": {
      if ((spec.clusterIPs?.length ?? 0) > 0) errs.push(forbidden(specPath.child("clusterIPs"), "may not be set for ExternalName services"));
      if ((spec.ipFamilies?.length ?? 0) > 0) errs.push(forbidden(specPath.child("ipFamilies"), "may not be set for ExternalName services"));
      if (spec.ipFamilyPolicy !== undefined) errs.push(forbidden(specPath.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
      const cname = (spec.externalName ?? "").replace(/\.$/, "");
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid(specPath.child("externalName"), cname, m));
      else errs.push(required(specPath.child("externalName")));
      break;
    }
  }

  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, specPath.child("ports").index(i))));

  if (spec.selector) errs.push(...validateLabels(spec.selector, specPath.child("selector")));

  const affinity = spec.sessionAffinity as string | undefined;
  if (!affinity) errs.push(required(specPath.child("sessionAffinity")));
  else if (!SUPPORTED_SESSION_AFFINITY.includes(affinity)) errs.push(notSupported(specPath.child("sessionAffinity"), affinity, SUPPORTED_SESSION_AFFINITY));
  const cfgPath = specPath.child("sessionAffinityConfig");
  if (affinity === "ClientIP") {
    const cfg = spec.sessionAffinityConfig;
    const when = "when session affinity type is ClientIP";
    if (!cfg) errs.push(required(cfgPath, when));
    else if (!cfg.clientIP) errs.push(required(cfgPath.child("clientIP"), when));
    else if (cfg.clientIP.timeoutSeconds === undefined || cfg.clientIP.timeoutSeconds === null) {
      errs.push(required(cfgPath.child("clientIP").child("timeoutSeconds"), when));
    } else {
      const t = cfg.clientIP.timeoutSeconds;
      if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
        errs.push(invalid(cfgPath.child("clientIP").child("timeoutSeconds"), t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
      }
    }
  } else if (affinity === "None" && spec.sessionAffinityConfig) {
    errs.push(forbidden(cfgPath, "must not be set when session affinity is None"));
  }

  errs.push(...validateClusterIPsRelatedFields(spec));

  (spec.externalIPs ?? []).forEach((ip, i) => {
    const p = specPath.child("externalIPs").index(i);
    if (!parseIP(ip)) errs.push(invalid(p, ip, VALID_IP_MSG));
    else errs.push(...validateNonSpecialIP(ip, p));
  });

  if (!type) errs.push(required(specPath.child("type")));
  else if (!SUPPORTED_SERVICE_TYPES.includes(type)) errs.push(notSupported(specPath.child("type"), type, SUPPORTED_SERVICE_TYPES));

  if (type === "ClusterIP") {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(specPath.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
    });
  }

  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child("ports").index(i).child("nodePort"), p.nodePort));
    nodePorts.add(key);
  });

  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (portKeys.has(key)) errs.push(duplicate(specPath.child("ports").index(i), goServicePortKey(p.protocol, p.port)));
    portKeys.add(key);
  });

  // validateServiceExternalTrafficPolicy (without the Required case, see the header comment)
  const etp = spec.externalTrafficPolicy as string | undefined;
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(invalid(specPath.child("externalTrafficPolicy"), etp, "may only be set for externally-accessible services"));
  } else if (etp && !SUPPORTED_TRAFFIC_POLICIES.includes(etp)) {
    errs.push(notSupported(specPath.child("externalTrafficPolicy"), etp, SUPPORTED_TRAFFIC_POLICIES));
  }
  if (!(type === "LoadBalancer" && etp === "Local") && spec.healthCheckNodePort) {
    errs.push(
      invalid(specPath.child("healthCheckNodePort"), spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"),
    );
  }
  // validateServiceInternalTrafficFieldsValue
  const itp = spec.internalTrafficPolicy as string | undefined;
  if (itp !== undefined && !SUPPORTED_TRAFFIC_POLICIES.includes(itp)) {
    errs.push(notSupported(specPath.child("internalTrafficPolicy"), itp, SUPPORTED_TRAFFIC_POLICIES));
  }
  return errs;
}

/** `validateUpgradeDowngradeClusterIPs`. */
function validateUpgradeDowngradeClusterIPs(old: ServiceSpec, spec: ServiceSpec): FieldError[] {
  if (spec.type === "ExternalName" || old.type === "ExternalName") return [];
  if (isHeadless(old) && isHeadless(spec)) return [];
  const errs: FieldError[] = [];
  const oldIPs = old.clusterIPs ?? [];
  const newIPs = spec.clusterIPs ?? [];
  const path0 = FieldPath.of("spec", "clusterIPs").index(0);
  const shown = goStringSlice(spec.clusterIPs);
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(invalid(FieldPath.of("spec", "clusterIPs").index(i), shown, "may not change once set"));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0) errs.push(invalid(path0, shown, "primary clusterIP can not be unset"));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0]) errs.push(invalid(path0, shown, "may not change once set"));
    if (newIPs.length === 1 && spec.ipFamilyPolicy !== "SingleStack") {
      errs.push(invalid(path0, shown, "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(invalid(path0, shown, "may not change once set"));
  }
  return errs;
}

/** `validateUpgradeDowngradeIPFamilies`. */
function validateUpgradeDowngradeIPFamilies(old: ServiceSpec, spec: ServiceSpec): FieldError[] {
  if (spec.type === "ExternalName" || old.type === "ExternalName") return [];
  const oldF = old.ipFamilies ?? [];
  const newF = spec.ipFamilies ?? [];
  const path0 = FieldPath.of("spec", "ipFamilies").index(0);
  const shown = goNamedStringSlice("core.IPFamily", spec.ipFamilies);
  const errs: FieldError[] = [];
  if (oldF.length === newF.length) {
    oldF.forEach((f, i) => {
      if (f !== newF[i]) errs.push(invalid(FieldPath.of("spec", "ipFamilies").index(i), shown, "may not change once set"));
    });
  } else if (oldF.length > newF.length) {
    if (newF.length === 0) errs.push(invalid(path0, shown, "primary ipFamily can not be unset"));
    if (oldF.length > 0 && newF.length > 0 && newF[0] !== oldF[0]) errs.push(invalid(path0, shown, "may not change once set"));
    if (newF.length === 1 && spec.ipFamilyPolicy !== "SingleStack") {
      errs.push(invalid(path0, shown, "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldF.length > 0 && newF[0] !== oldF[0]) {
    errs.push(invalid(path0, shown, "may not change once set"));
  }
  return errs;
}

/**
 * `ValidateService` (create) or `ValidateServiceUpdate` (with `old`: metadata immutability and the
 * clusterIPs/ipFamilies rules first, then the full spec validation). clusterIP/clusterIPs are first
 * normalized as the REST storage does ({@link normalizeServiceClusterIPs}).
 */
export function validateService(svc: Service, old?: Service): FieldError[] {
  const spec = normalizeServiceClusterIPs(svc.spec, old?.spec);
  if (!old) return validateServiceSpec(svc, spec);
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  errs.push(...validateUpgradeDowngradeClusterIPs(old.spec, spec));
  errs.push(...validateUpgradeDowngradeIPFamilies(old.spec, spec));
  errs.push(...validateServiceSpec(svc, spec));
  return errs;
}
