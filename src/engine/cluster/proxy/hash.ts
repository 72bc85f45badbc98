/**
 * kube-proxy's chain names. Every per-service chain (KUBE-SVC-, KUBE-SVL-, KUBE-EXT-, KUBE-FW-)
 * ends in the first 16 characters of base32(sha256(servicePortName + protocol)), and every
 * endpoint chain (KUBE-SEP-) hashes the endpoint too (pkg/proxy/iptables/proxier.go
 * `portProtoHash`, `servicePortEndpointChainName`). Same inputs ⇒ the same names as a real
 * cluster, so a learner can compare Podflow's rules with their own.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { base32 } from "@scure/base";

const cache = new Map<string, string>();

function hash16(input: string): string {
  let h = cache.get(input);
  if (h === undefined) {
    h = base32.encode(sha256(utf8ToBytes(input))).slice(0, 16);
    if (cache.size > 50_000) cache.clear();
    cache.set(input, h);
  }
  return h;
}

/**
 * `ns/name` for an unnamed port, `ns/name:port` for a named one (pkg/proxy/types.go
 * ServicePortName.String).
 */
export function servicePortName(namespace: string, name: string, portName: string | undefined): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}

export type ServiceChainPrefix = "KUBE-SVC-" | "KUBE-SVL-" | "KUBE-EXT-" | "KUBE-FW-";

/** e.g. `KUBE-SVC-NPX46M4PTMTKRN6Y` for `default/kubernetes:https` over tcp. */
export function serviceChain(prefix: ServiceChainPrefix, spn: string, protocol: string): string {
  return prefix + hash16(spn + protocol.toLowerCase());
}

/** Endpoint chain names per service port, then per endpoint (no long key strings to build). */
const sepNames = new Map<string, Map<string, string>>();

/**
 * The KUBE-SEP name function of one service port: `endpoint` (`ip:port`) → `KUBE-SEP-…`. Fetch
 * it once per service and call it per endpoint.
 */
export function endpointChains(spn: string, protocol: string): (endpoint: string) => string {
  const prefix = spn + protocol.toLowerCase();
  let names = sepNames.get(prefix);
  if (!names) {
    if (sepNames.size > 20_000) sepNames.clear();
    sepNames.set(prefix, (names = new Map()));
  }
  const cache = names;
  return (endpoint) => {
    let name = cache.get(endpoint);
    if (name === undefined) cache.set(endpoint, (name = "KUBE-SEP-" + base32.encode(sha256(utf8ToBytes(prefix + endpoint))).slice(0, 16)));
    return name;
  };
}

/** e.g. `KUBE-SEP-OP54BO3C6MKRBI5R` for `default/ngnix-service`, tcp, `10.1.167.92:80`. */
export function endpointChain(spn: string, protocol: string, endpoint: string): string {
  return endpointChains(spn, protocol)(endpoint);
}
