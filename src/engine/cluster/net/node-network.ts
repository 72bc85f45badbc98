/**
 * A node's interfaces and routes as Calico (IPIP mode, its kubeadm default) and kube-proxy lay
 * them out, for `ip addr` / `ip link` / `ip route` on the node. Plain inputs in, plain data out.
 *
 * - `lo`, `eth0` (the node's address in the node CIDR), in IPVS mode `kube-ipvs0` (a DOWN dummy
 *   holding every virtual IP as a /32), `tunl0` (IPIP, mtu 1480, the first address of the node's
 *   block as a /32), and one `cali…` veth per pod (mtu 1480, MAC ee:ee:ee:ee:ee:ee, its peer in the
 *   pod's `cni-…` network namespace).
 * - Calico names the host side of a pod's veth `cali` + the first 11 hex characters of
 *   sha1("<namespace>.<pod>") (cni-plugin `VethNameForWorkload`), so the names match a real node.
 * - Routes (BIRD and the kernel): `default via GW dev eth0 proto static`, the node subnet
 *   `proto kernel scope link src IP`, `blackhole BLOCK proto bird` for the node's own blocks, one
 *   `POD_IP dev caliX scope link` per local pod, `BLOCK via NODE_IP dev tunl0 proto bird onlink`
 *   for the other nodes' blocks. `ip route` lists them in the kernel's FIB order (by address,
 *   longer prefixes first) and, like iproute2 ≥ 4.x, ends each line with a space.
 */
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { NodeInterface, NodeRoute } from "./types";

export interface NodeNetworkPod {
  namespace: string;
  name: string;
  /** The pod's IP (pods on the host network are skipped: they have no veth). */
  ip: string;
  /** The pod's UID, to tell apart the network namespaces of pods re-created with the same name. */
  uid?: string;
  /** A fixed interface index (defaults to the next free one, in the order given). */
  ifindex?: number;
}

export interface NodeNetworkBlock {
  /** A Calico IPAM block, e.g. `192.168.1.0/26`. */
  cidr: string;
  /** The node the block is affine to, and that node's address. */
  node: string;
  nodeIp: string;
}

export interface NodeNetworkInput {
  nodeName: string;
  /** The node's address on eth0, e.g. `172.30.1.2`. */
  nodeIp: string;
  /** The node subnet, e.g. `172.30.1.0/24`. */
  nodeCidr: string;
  /** Default gateway (defaults to the first address of the node subnet). */
  gateway?: string;
  /** The pods that run on this node (only those), in creation order. */
  pods: readonly NodeNetworkPod[];
  /** Every Calico block of the cluster with its affinity. */
  blocks: readonly NodeNetworkBlock[];
  /** tunl0's address (defaults to the first address of the node's first block). */
  tunnelIp?: string;
  /** IPVS mode: the addresses kube-proxy binds to kube-ipvs0 (absent in iptables mode). */
  ipvsVips?: readonly string[];
  /** The veth and tunnel MTU (Calico's IPIP default: 1500 − 20). */
  tunnelMtu?: number;
}

const ipToNum = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const numToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");

function cidrParts(cidr: string): { net: number; bits: number } {
  const [ip, len] = cidr.split("/");
  const bits = len === undefined ? 32 : Number(len);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { net: (ipToNum(ip) & mask) >>> 0, bits };
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");
const sha1Hex = (s: string) => bytesToHex(sha1(utf8ToBytes(s)));

/** Calico's host-side veth name for a pod: `cali` + sha1("ns.pod")[:11]. */
export function caliName(namespace: string, pod: string): string {
  return `cali${sha1Hex(`${namespace}.${pod}`).slice(0, 11)}`;
}

/**
 * The pod's network namespace as containerd names it (`cni-` + 16 random bytes as 8-4-4-4-12 hex);
 * Podflow derives the bytes from the pod so the name is stable.
 */
export function podNetns(namespace: string, pod: string, uid = ""): string {
  const h = sha1Hex(`netns/${namespace}/${pod}/${uid}`);
  return `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** eth0's MAC: `02:42` and the four octets of its IPv4 address (the lab VMs' scheme). */
export function macForIp(ip: string): string {
  return ["02", "42", ...ip.split(".").map((o) => hex2(Number(o)))].join(":");
}

/** The IPv6 link-local address the kernel derives from a MAC (modified EUI-64). */
export function linkLocalFromMac(mac: string): string {
  const b = mac.split(":").map((x) => parseInt(x, 16));
  b[0] ^= 0x02;
  const words = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${words.map((w) => w.toString(16)).join(":")}/64`;
}

/** The interfaces of a node, in ifindex order. */
export function nodeInterfaces(input: NodeNetworkInput): NodeInterface[] {
  const mtu = input.tunnelMtu ?? 1480;
  const { net, bits } = cidrParts(input.nodeCidr);
  const broadcast = numToIp((net | (bits === 32 ? 0 : 0xffffffff >>> bits)) >>> 0);
  const ethMac = macForIp(input.nodeIp);
  const out: NodeInterface[] = [
    {
      index: 1,
      name: "lo",
      flags: ["LOOPBACK", "UP", "LOWER_UP"],
      mtu: 65536,
      state: "UNKNOWN",
      linkType: "loopback",
      mac: "00:00:00:00:00:00",
      addresses: [
        { cidr: "127.0.0.1/8", scope: "host" },
        { cidr: "::1/128", scope: "host" },
      ],
      qdisc: "noqueue",
    },
    {
      index: 2,
      name: "eth0",
      flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
      mtu: 1500,
      state: "UP",
      linkType: "ether",
      mac: ethMac,
      addresses: [
        { cidr: `${input.nodeIp}/${bits}`, scope: "global", broadcast },
        { cidr: linkLocalFromMac(ethMac), scope: "link" },
      ],
      qdisc: "mq",
    },
  ];
  let next = 3;
  if (input.ipvsVips) {
    // kube-proxy creates the dummy when it starts, before Calico brings up tunl0.
    const h = sha1Hex(`kube-ipvs0/${input.nodeName}`);
    const mac = [hex2((parseInt(h.slice(0, 2), 16) & 0xfe) | 0x02), h.slice(2, 4), h.slice(4, 6), h.slice(6, 8), h.slice(8, 10), h.slice(10, 12)].join(":");
    out.push({
      index: next++,
      name: "kube-ipvs0",
      flags: ["BROADCAST", "NOARP"],
      mtu: 1500,
      state: "DOWN",
      linkType: "ether",
      mac,
      addresses: input.ipvsVips.map((ip) => ({ cidr: `${ip}/32`, scope: "global" as const })),
      qdisc: "noop",
    });
  }
  const ownBlocks = input.blocks.filter((b) => b.node === input.nodeName);
  const tunnelIp = input.tunnelIp ?? (ownBlocks.length ? numToIp(cidrParts(ownBlocks[0].cidr).net) : undefined);
  out.push({
    index: next++,
    name: "tunl0",
    flags: ["NOARP", "UP", "LOWER_UP"],
    mtu,
    state: "UNKNOWN",
    linkType: "ipip",
    addresses: tunnelIp ? [{ cidr: `${tunnelIp}/32`, scope: "global" }] : [],
    qdisc: "noqueue",
  });
  for (const p of input.pods) {
    if (p.ip === input.nodeIp) continue;
    const index = p.ifindex ?? next;
    next = Math.max(next, index) + 1;
    out.push({
      index,
      name: caliName(p.namespace, p.name),
      flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
      mtu,
      state: "UP",
      linkType: "ether",
      mac: "ee:ee:ee:ee:ee:ee",
      linkNetns: podNetns(p.namespace, p.name, p.uid),
      addresses: [{ cidr: "fe80::ecee:eeff:feee:eeee/64", scope: "link" }],
      qdisc: "noqueue",
    });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The node's main routing table, in `ip route` order, each line as iproute2 prints it. */
export function nodeRoutes(input: NodeNetworkInput): NodeRoute[] {
  const subnet = cidrParts(input.nodeCidr);
  const gateway = input.gateway ?? numToIp(subnet.net + 1);
  const routes: { net: number; bits: number; text: string }[] = [
    { net: 0, bits: 0, text: `default via ${gateway} dev eth0 proto static ` },
    { net: subnet.net, bits: subnet.bits, text: `${numToIp(subnet.net)}/${subnet.bits} dev eth0 proto kernel scope link src ${input.nodeIp} ` },
  ];
  for (const b of input.blocks) {
    const { net, bits } = cidrParts(b.cidr);
    const dst = `${numToIp(net)}/${bits}`;
    if (b.node === input.nodeName) routes.push({ net, bits, text: `blackhole ${dst} proto bird ` });
    else routes.push({ net, bits, text: `${dst} via ${b.nodeIp} dev tunl0 proto bird onlink ` });
  }
  for (const p of input.pods) {
    if (p.ip === input.nodeIp) continue;
    routes.push({ net: ipToNum(p.ip), bits: 32, text: `${p.ip} dev ${caliName(p.namespace, p.name)} scope link ` });
  }
  routes.sort((a, b) => a.net - b.net || b.bits - a.bits);
  return routes.map((r) => ({ text: r.text }));
}
