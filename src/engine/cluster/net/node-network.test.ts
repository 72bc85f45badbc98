import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { caliName, linkLocalFromMac, macForIp, nodeInterfaces, nodeRoutes, podNetns, type NodeNetworkInput } from "./node-network";

const input = (over: Partial<NodeNetworkInput> = {}): NodeNetworkInput => ({
  nodeName: "node01",
  nodeIp: "172.30.1.3",
  nodeCidr: "172.30.1.0/24",
  pods: [
    { namespace: "default", name: "web-6d4cf56db6-x7k2p", ip: "192.168.1.1" },
    { namespace: "default", name: "web-6d4cf56db6-q9zlm", ip: "192.168.1.10" },
    { namespace: "kube-system", name: "kube-proxy-abcde", ip: "172.30.1.3" },
  ],
  blocks: [
    { cidr: "192.168.0.0/26", node: "controlplane", nodeIp: "172.30.1.2" },
    { cidr: "192.168.1.0/26", node: "node01", nodeIp: "172.30.1.3" },
    { cidr: "192.168.2.0/26", node: "node02", nodeIp: "172.30.1.4" },
  ],
  ...over,
});

describe("Calico's names", () => {
  it("names a pod's veth cali + sha1('<namespace>.<pod>')[:11], as the cni-plugin does", () => {
    const expected = "cali" + createHash("sha1").update("default.web-6d4cf56db6-x7k2p").digest("hex").slice(0, 11);
    expect(caliName("default", "web-6d4cf56db6-x7k2p")).toBe(expected);
    expect(caliName("default", "web-6d4cf56db6-x7k2p")).toHaveLength(15);
  });

  it("gives each pod a stable cni-… network namespace in containerd's 8-4-4-4-12 form", () => {
    expect(podNetns("default", "web", "uid-1")).toMatch(/^cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(podNetns("default", "web", "uid-1")).toBe(podNetns("default", "web", "uid-1"));
    expect(podNetns("default", "web", "uid-2")).not.toBe(podNetns("default", "web", "uid-1"));
  });

  it("derives eth0's MAC from its address and the link-local address from the MAC (EUI-64)", () => {
    expect(macForIp("172.30.1.2")).toBe("02:42:ac:1e:01:02");
    expect(linkLocalFromMac("02:42:ac:1e:01:02")).toBe("fe80::42:acff:fe1e:102/64");
    expect(linkLocalFromMac("ee:ee:ee:ee:ee:ee")).toBe("fe80::ecee:eeff:feee:eeee/64");
  });
});

describe("a node's interfaces", () => {
  it("are lo, eth0, tunl0 and one cali veth per pod (host-network pods have none)", () => {
    const links = nodeInterfaces(input());
    expect(links.map((l) => `${l.index}:${l.name}`)).toEqual([
      "1:lo",
      "2:eth0",
      "3:tunl0",
      `4:${caliName("default", "web-6d4cf56db6-x7k2p")}`,
      `5:${caliName("default", "web-6d4cf56db6-q9zlm")}`,
    ]);
    const eth0 = links[1];
    expect(eth0.addresses[0]).toEqual({ cidr: "172.30.1.3/24", scope: "global", broadcast: "172.30.1.255" });
    const tunl0 = links[2];
    expect(tunl0).toMatchObject({ mtu: 1480, linkType: "ipip", state: "UNKNOWN", addresses: [{ cidr: "192.168.1.0/32", scope: "global" }] });
    const cali = links[3];
    expect(cali).toMatchObject({ mtu: 1480, mac: "ee:ee:ee:ee:ee:ee", state: "UP", qdisc: "noqueue" });
    expect(cali.linkNetns).toMatch(/^cni-/);
  });

  it("in IPVS mode include kube-ipvs0, DOWN, holding every virtual IP as a /32", () => {
    const links = nodeInterfaces(input({ ipvsVips: ["10.96.0.1", "10.96.0.10"] }));
    expect(links.map((l) => l.name).slice(0, 4)).toEqual(["lo", "eth0", "kube-ipvs0", "tunl0"]);
    expect(links[2]).toMatchObject({
      flags: ["BROADCAST", "NOARP"],
      state: "DOWN",
      qdisc: "noop",
      addresses: [
        { cidr: "10.96.0.1/32", scope: "global" },
        { cidr: "10.96.0.10/32", scope: "global" },
      ],
    });
  });

  it("keep a pod's interface index when given one", () => {
    const links = nodeInterfaces(input({ pods: [{ namespace: "a", name: "p", ip: "192.168.1.5", ifindex: 9 }, { namespace: "a", name: "q", ip: "192.168.1.6" }] }));
    expect(links.map((l) => l.index)).toEqual([1, 2, 3, 9, 10]);
  });
});

describe("a node's routes", () => {
  it("are ordered by address like the kernel's FIB dump, each line ending in a space as iproute2 prints it", () => {
    expect(nodeRoutes(input()).map((r) => r.text)).toEqual([
      "default via 172.30.1.1 dev eth0 proto static ",
      "172.30.1.0/24 dev eth0 proto kernel scope link src 172.30.1.3 ",
      "192.168.0.0/26 via 172.30.1.2 dev tunl0 proto bird onlink ",
      "blackhole 192.168.1.0/26 proto bird ",
      `192.168.1.1 dev ${caliName("default", "web-6d4cf56db6-x7k2p")} scope link `,
      `192.168.1.10 dev ${caliName("default", "web-6d4cf56db6-q9zlm")} scope link `,
      "192.168.2.0/26 via 172.30.1.4 dev tunl0 proto bird onlink ",
    ]);
  });
});
