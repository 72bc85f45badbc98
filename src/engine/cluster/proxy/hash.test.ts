import { describe, expect, it } from "vitest";
import { endpointChain, serviceChain, servicePortName } from "./hash";

describe("kube-proxy chain names", () => {
  it("match the reference's worked examples for service chains", () => {
    const cases: [string, string, string][] = [
      ["ns1/svc1:p80", "tcp", "KUBE-SVC-XPGD46QRK7WJZT7O"],
      ["ns2/svc2:p80", "tcp", "KUBE-SVC-GNZBNJ2PO5MGZ6GT"],
      ["ns3/svc3:p80", "tcp", "KUBE-SVC-X27LE4BHSL4DOUIK"],
      ["ns2/svc2:p8080", "tcp", "KUBE-SVC-2VJB64SDSIJUP5T6"],
      ["default/kubernetes:https", "tcp", "KUBE-SVC-NPX46M4PTMTKRN6Y"],
      ["kube-system/kube-dns:dns", "udp", "KUBE-SVC-TCOU7JCQXEZGVUNU"],
      ["kube-system/kube-dns:dns-tcp", "tcp", "KUBE-SVC-ERIFXISQEP7F7OF4"],
      ["kube-system/kube-dns:metrics", "tcp", "KUBE-SVC-JD5MR3NA4I4DYORP"],
      ["default/ngnix-service", "TCP", "KUBE-SVC-FOI3G5ZK27IESILB"],
      ["default/my-service", "tcp", "KUBE-SVC-FXIYY6OHUSNBITIX"],
    ];
    for (const [spn, proto, chain] of cases) expect(serviceChain("KUBE-SVC-", spn, proto)).toBe(chain);
  });

  it("share one suffix across SVC, EXT, SVL and FW chains of a service port", () => {
    expect(serviceChain("KUBE-FW-", "ns5/svc5:p80", "tcp")).toBe("KUBE-FW-NUKIZ6OKUXPJNT4C");
    expect(serviceChain("KUBE-EXT-", "ns3/svc3:p80", "tcp")).toBe("KUBE-EXT-X27LE4BHSL4DOUIK");
  });

  it("hash the endpoint into KUBE-SEP names", () => {
    expect(endpointChain("ns1/svc1:p80", "tcp", "10.180.0.1:80")).toBe("KUBE-SEP-SXIVWICOYRO3J4NJ");
    expect(endpointChain("ns2/svc2:p8080", "tcp", "10.0.2.1:8080")).toBe("KUBE-SEP-UHEGFW77JX3KXTOV");
    expect(endpointChain("kube-system/kube-dns:dns", "udp", "10.244.0.5:53")).toBe("KUBE-SEP-LPGSDLJ3FDW46N4W");
    expect(endpointChain("default/ngnix-service", "tcp", "10.1.167.92:80")).toBe("KUBE-SEP-OP54BO3C6MKRBI5R");
    expect(endpointChain("default/my-service", "tcp", "192.168.1.10:80")).toBe("KUBE-SEP-BT6DGRL2M2MVIJW6");
  });

  it("name service ports as kube-proxy prints them: no colon for an unnamed port", () => {
    expect(servicePortName("default", "my-service", undefined)).toBe("default/my-service");
    expect(servicePortName("default", "web", "http")).toBe("default/web:http");
  });
});
