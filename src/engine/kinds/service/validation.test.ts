import { describe, it, expect } from "vitest";
import type { Service, ServicePort, ServiceSpec } from "./types";
import { formatInvalid, renderFieldError } from "../../cluster/validation/field";
import { normalizeServiceClusterIPs, validateService } from "./validation";
import { DNS1035_MSG, DNS1123_LABEL_MSG, DNS1123_SUBDOMAIN_MSG, LABEL_VALUE_MSG } from "../../cluster/validation/testMessages";

function port(p: Partial<ServicePort> & { port: number }): ServicePort {
  return { protocol: "TCP", targetPort: p.port, ...p };
}

function svc(spec: Partial<ServiceSpec>, name = "x", extraMeta: Record<string, unknown> = {}): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default", uid: "u1", resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z", ...extraMeta },
    spec: { type: "ClusterIP", sessionAffinity: "None", selector: { app: "web" }, ports: [port({ port: 80 })], ...spec },
    status: { loadBalancer: {} },
  };
}

const lines = (s: Service, old?: Service): string[] => validateService(s, old).map(renderFieldError);
const out = (s: Service, old?: Service): string => formatInvalid("Service", s.metadata.name, validateService(s, old));

describe("validateService: reference §3.2 table", () => {
  it("a valid, defaulted service has no errors", () => {
    expect(lines(svc({}))).toEqual([]);
    expect(lines(svc({ ports: [port({ port: 80, targetPort: "http" })] }))).toEqual([]);
  });

  it.each<[string, Partial<ServiceSpec>, string[]]>([
    [
      "port: 0 (targetPort defaulted to 0)",
      { ports: [port({ port: 0, targetPort: 0 })] },
      [
        "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
        "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
      ],
    ],
    ["port: 70000, targetPort: 8080", { ports: [port({ port: 70000, targetPort: 8080 })] }, ["spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"]],
    [
      "port: 80, targetPort: 70000",
      { ports: [port({ port: 80, targetPort: 70000 })] },
      ["spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"],
    ],
    ["port: 80, targetPort: 0 (means: same as port)", { ports: [port({ port: 80, targetPort: 0 })] }, []],
    ["targetPort \"\" (means: same as port)", { ports: [port({ port: 80, targetPort: "" })] }, []],
    [
      "targetPort name HTTP",
      { ports: [port({ port: 80, targetPort: "HTTP" })] },
      [
        'spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    ],
    [
      "targetPort name longer than 15",
      { ports: [port({ port: 80, targetPort: "a-very-long-port-name" })] },
      ['spec.ports[0].targetPort: Invalid value: "a-very-long-port-name": must be no more than 15 characters'],
    ],
    ["targetPort http--x", { ports: [port({ port: 80, targetPort: "http--x" })] }, ['spec.ports[0].targetPort: Invalid value: "http--x": must not contain consecutive hyphens']],
    ["targetPort -http", { ports: [port({ port: 80, targetPort: "-http" })] }, ['spec.ports[0].targetPort: Invalid value: "-http": must not begin or end with a hyphen']],
    ["targetPort 8080x is a valid name", { ports: [port({ port: 80, targetPort: "8080x" })] }, []],
    [
      "2+ ports, unnamed ones",
      { ports: [port({ port: 80 }), port({ port: 443 }), port({ port: 8080, name: "alt" })] },
      ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"],
    ],
    [
      "duplicate port names",
      { ports: [port({ port: 80, name: "http" }), port({ port: 8080, name: "http" })] },
      ['spec.ports[1].name: Duplicate value: "http"'],
    ],
    ["port name HTTP is not a DNS-1123 label", { ports: [port({ port: 80, name: "HTTP" })] }, [`spec.ports[0].name: Invalid value: "HTTP": ${DNS1123_LABEL_MSG}`]],
    [
      "same port+protocol twice",
      { ports: [port({ port: 80, name: "a", targetPort: 8080 }), port({ port: 80, name: "b", targetPort: 9090 })] },
      [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    ],
    ["same port, different protocol is fine", { ports: [port({ port: 53, name: "dns" }), port({ port: 53, name: "dns-udp", protocol: "UDP" })] }, []],
    ["no ports", { ports: [] }, ["spec.ports: Required value"]],
    ["no ports on a headless service is fine", { ports: [], clusterIP: "None" }, []],
    ["no ports on ExternalName is fine", { ports: [], type: "ExternalName", externalName: "db.example.com" }, []],
    [
      "bad protocol",
      { ports: [port({ port: 80, protocol: "ICMP" as "TCP" })] },
      ['spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    ["nodePort on ClusterIP", { ports: [port({ port: 80, nodePort: 30080 })] }, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ["nodePort on NodePort is fine", { type: "NodePort", ports: [port({ port: 80, nodePort: 30080 })] }, []],
    [
      "duplicate nodePort",
      { type: "NodePort", ports: [port({ port: 80, name: "a", nodePort: 30080 }), port({ port: 81, name: "b", nodePort: 30080 })] },
      ["spec.ports[1].nodePort: Duplicate value: 30080"],
    ],
    ["selector with a bad label value", { selector: { app: "-bad" } }, [`spec.selector: Invalid value: "-bad": ${LABEL_VALUE_MSG}`]],
    [
      "type Foo",
      { type: "Foo" as "ClusterIP" },
      ['spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
    ["ExternalName without externalName", { type: "ExternalName", ports: [] }, ["spec.externalName: Required value"]],
    [
      "ExternalName with a bad name",
      { type: "ExternalName", externalName: "Bad_Name.", ports: [] },
      [`spec.externalName: Invalid value: "Bad_Name": ${DNS1123_SUBDOMAIN_MSG}`],
    ],
    ["ExternalName with a trailing dot", { type: "ExternalName", externalName: "db.example.com.", ports: [] }, []],
    [
      "ExternalName with a clusterIP",
      { type: "ExternalName", externalName: "db.example.com", clusterIP: "10.96.0.9", ports: [] },
      ["spec.clusterIPs: Forbidden: may not be set for ExternalName services"],
    ],
    [
      "sessionAffinity Foo",
      { sessionAffinity: "Foo" as "None" },
      ['spec.sessionAffinity: Unsupported value: "Foo": supported values: "ClientIP", "None"'],
    ],
    ["sessionAffinity missing", { sessionAffinity: "" as "None" }, ["spec.sessionAffinity: Required value"]],
    [
      "ClientIP without config",
      { sessionAffinity: "ClientIP" },
      ["spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP"],
    ],
    ["ClientIP with config", { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }, []],
    [
      "ClientIP timeout out of range",
      { sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } },
      ["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400"],
    ],
    [
      "config with affinity None",
      { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } },
      ["spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None"],
    ],
    ["bad clusterIP", { clusterIP: "10.96.0.300" }, ['spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    [
      "clusterIPs not matching clusterIP",
      { clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.11"] },
      ['spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`'],
    ],
    [
      "two IPv4 clusterIPs",
      { clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10", "10.96.0.11"] },
      ['spec.clusterIPs: Invalid value: []string{"10.96.0.10", "10.96.0.11"}: may specify no more than one IP for each IP family'],
    ],
    ["headless NodePort", { type: "NodePort", clusterIP: "None" }, ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
    [
      "LoadBalancer exposing the kubelet port",
      { type: "LoadBalancer", ports: [port({ port: 10250 })] },
      ["spec.ports[0]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet"],
    ],
    [
      "externalIPs",
      { externalIPs: ["1.2.3.4", "127.0.0.1", "nope"] },
      [
        'spec.externalIPs[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
        'spec.externalIPs[2]: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ],
    ],
    [
      "externalTrafficPolicy on ClusterIP",
      { externalTrafficPolicy: "Local" },
      ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    ],
    [
      "bad internalTrafficPolicy",
      { internalTrafficPolicy: "Node" as "Local" },
      ['spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"'],
    ],
    ["appProtocol", { ports: [port({ port: 80, appProtocol: "kubernetes.io/h2c" })] }, []],
  ])("%s", (_name, spec, want) => {
    expect(lines(svc(spec))).toEqual(want);
  });

  it("Service name My-Svc is not a DNS-1035 label", () => {
    expect(out(svc({}, "My-Svc"))).toBe(`The Service "My-Svc" is invalid: metadata.name: Invalid value: "My-Svc": ${DNS1035_MSG}`);
  });

  it("prints the reference's one-line and multi-line forms", () => {
    expect(out(svc({ ports: [port({ port: 70000, targetPort: 8080 })] }))).toBe(
      'The Service "x" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(out(svc({ ports: [port({ port: 80, targetPort: "HTTP" })] }))).toBe(
      [
        'The Service "x" is invalid: ',
        '* spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        '* spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ].join("\n"),
    );
  });

  it("metadata labels and a missing name", () => {
    expect(lines(svc({}, "", { labels: { "-k": "v" } }))).toEqual([
      "metadata.name: Required value: name or generateName is required",
      `metadata.labels: Invalid value: "-k": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });
});

describe("validateService update: §3.3 clusterIP immutability", () => {
  const stored = svc({ clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" }, "kube-dns");

  it("changing clusterIP is refused with the new clusterIPs shown", () => {
    const next = svc({ clusterIP: "10.96.0.5", ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" }, "kube-dns");
    expect(out(next, stored)).toBe('The Service "kube-dns" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.5"}: may not change once set');
  });

  it("changing clusterIPs explicitly too", () => {
    const next = svc({ clusterIP: "100.96.0.10", clusterIPs: ["100.96.0.10"] }, "kube-dns");
    expect(lines(next, stored)).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"100.96.0.10"}: may not change once set']);
  });

  it("re-applying without clusterIP is accepted (allocated values are kept)", () => {
    const next = svc({ ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" }, "kube-dns");
    expect(lines(next, stored)).toEqual([]);
    expect(normalizeServiceClusterIPs(next.spec, stored.spec)).toMatchObject({ clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"] });
  });

  it("unchanged is fine; update errors come before spec errors", () => {
    expect(lines(stored, stored)).toEqual([]);
    const next = svc({ clusterIP: "10.96.0.5", ports: [port({ port: 0, targetPort: 53 })] }, "kube-dns");
    expect(lines(next, stored)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.5"}: may not change once set',
      "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
    ]);
  });

  it("changing ipFamilies is refused", () => {
    const next = svc({ clusterIP: "10.96.0.10", ipFamilies: ["IPv6"] }, "kube-dns");
    expect(lines(next, stored)).toContain('spec.ipFamilies[0]: Invalid value: []core.IPFamily{"IPv6"}: may not change once set');
  });

  it("renaming is refused", () => {
    const next = svc({ clusterIP: "10.96.0.10" }, "other");
    expect(lines(next, stored)).toEqual(['metadata.name: Invalid value: "other": field is immutable']);
  });

  it("normalize on create copies clusterIP into clusterIPs", () => {
    expect(normalizeServiceClusterIPs(svc({ clusterIP: "None" }).spec).clusterIPs).toEqual(["None"]);
    expect(normalizeServiceClusterIPs(svc({}).spec).clusterIPs).toBeUndefined();
  });
});
