import { describe, it, expect } from "vitest";
import type { Container, Pod, PodSpec } from "./types";
import { formatInvalid, renderFieldError } from "../../cluster/validation/field";
import { POD_UPDATE_FORBIDDEN_MSG, validatePod } from "./validation";
import { DNS1123_LABEL_MSG, DNS1123_SUBDOMAIN_MSG, LABEL_VALUE_MSG, NAME_PART_MSG } from "../../cluster/validation/testMessages";

function pod(spec: Partial<PodSpec> = {}, meta: Record<string, unknown> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default", uid: "u1", resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z", labels: { run: "web" }, ...meta },
    spec: { containers: [{ name: "web", image: "nginx:1.27" }], restartPolicy: "Always", terminationGracePeriodSeconds: 30, dnsPolicy: "ClusterFirst", ...spec },
    status: { phase: "Pending" },
  };
}

const ctr = (c: Partial<Container>): Container => ({ name: "web", image: "nginx", ...c });
const lines = (p: Pod, old?: Pod): string[] => validatePod(p, old).map(renderFieldError);

describe("validatePod (create)", () => {
  it("a valid pod has no errors", () => {
    expect(lines(pod())).toEqual([]);
  });

  it.each<[string, Pod, string[]]>([
    ["no containers", pod({ containers: [] }), ["spec.containers: Required value"]],
    ["no image", pod({ containers: [ctr({ image: "" })] }), ["spec.containers[0].image: Required value"]],
    ["no container name", pod({ containers: [ctr({ name: "" })] }), ["spec.containers[0].name: Required value"]],
    ["container name with dots", pod({ containers: [ctr({ name: "web.v2" })] }), ['spec.containers[0].name: Invalid value: "web.v2": must not contain dots']],
    ["container name upper case", pod({ containers: [ctr({ name: "Web" })] }), [`spec.containers[0].name: Invalid value: "Web": ${DNS1123_LABEL_MSG}`]],
    ["duplicate container names", pod({ containers: [ctr({}), ctr({ image: "busybox" })] }), ['spec.containers[1].name: Duplicate value: "web"']],
    [
      "init container colliding with a container",
      pod({ initContainers: [ctr({ image: "busybox" })] }),
      ['spec.initContainers[0].name: Duplicate value: "web"'],
    ],
    [
      "ports",
      pod({
        containers: [
          ctr({
            ports: [
              { containerPort: 70000 },
              { name: "http--x", containerPort: 80 },
              { name: "http", containerPort: 81 },
              { name: "http", containerPort: 82 },
              { containerPort: 83, hostPort: 70000 },
            ],
          }),
        ],
      }),
      [
        "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
        'spec.containers[0].ports[1].name: Invalid value: "http--x": must not contain consecutive hyphens',
        'spec.containers[0].ports[3].name: Duplicate value: "http"',
        "spec.containers[0].ports[4].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      ],
    ],
    [
      "hostPort conflict across containers",
      pod({ containers: [ctr({ ports: [{ containerPort: 80, hostPort: 8080, protocol: "TCP" }] }), ctr({ name: "b", ports: [{ containerPort: 81, hostPort: 8080, protocol: "TCP" }] })] }),
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "/TCP/8080"'],
    ],
    [
      "env name required",
      pod({ containers: [ctr({ env: [{ name: "", value: "x" }, { name: "A=B" }] })] }),
      [
        "spec.containers[0].env[0].name: Required value",
        "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      ],
    ],
    [
      "volume mount without a volume",
      pod({ containers: [ctr({ volumeMounts: [{ name: "data", mountPath: "/data" }] })] }),
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    ["volume mount with its volume", pod({ containers: [ctr({ volumeMounts: [{ name: "data", mountPath: "/data" }] })], volumes: [{ name: "data", emptyDir: {} }] }), []],
    [
      "restartPolicy",
      pod({ restartPolicy: "Sometimes" as "Always" }),
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      "imagePullPolicy",
      pod({ containers: [ctr({ imagePullPolicy: "Maybe" as "Always" })] }),
      ['spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"'],
    ],
    ["nodeSelector", pod({ nodeSelector: { "kubernetes.io/os": "-linux" } }), [`spec.nodeSelector: Invalid value: "-linux": ${LABEL_VALUE_MSG}`]],
    ["pod name", pod({}, { name: "Web" }), [`metadata.name: Invalid value: "Web": ${DNS1123_SUBDOMAIN_MSG}`]],
    ["labels", pod({}, { labels: { "-run": "web" } }), [`metadata.labels: Invalid value: "-run": ${NAME_PART_MSG}`]],
    ["annotation keys are checked lower-cased", pod({}, { annotations: { "Example.com/Note": "x" } }), []],
    [
      "bad annotation key",
      pod({}, { annotations: { "a/b/c": "x" } }),
      [
        `metadata.annotations: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ],
    ],
    ["annotations too large", pod({}, { annotations: { big: "x".repeat(262142) } }), ["metadata.annotations: Too long: may not be more than 262144 bytes"]],
    ["no namespace", pod({}, { namespace: "" }), ["metadata.namespace: Required value"]],
    [
      "generateName",
      pod({}, { name: "", generateName: "Web-" }),
      [`metadata.generateName: Invalid value: "Web-": ${DNS1123_SUBDOMAIN_MSG}`, "metadata.name: Required value: name or generateName is required"],
    ],
    [
      "tolerations",
      pod({ tolerations: [{ operator: "Equal", value: "x" }, { key: "k", operator: "Exists", value: "v" }, { key: "k", effect: "Sometimes" }] }),
      [
        'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        'spec.tolerations[1].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\'',
        'spec.tolerations[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    ],
  ])("%s", (_n, p, want) => {
    expect(lines(p)).toEqual(want);
  });

  it("prints like kubectl", () => {
    expect(formatInvalid("Pod", "web", validatePod(pod({ containers: [ctr({ image: "" })] })))).toBe(
      'The Pod "web" is invalid: spec.containers[0].image: Required value',
    );
  });
});

describe("validatePod (update)", () => {
  const old = pod({ nodeName: "worker-1", tolerations: [{ key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }] });

  it("changing the image, labels, annotations is allowed", () => {
    const next = pod(
      { nodeName: "worker-1", containers: [ctr({ image: "nginx:1.28" })], tolerations: old.spec.tolerations },
      { labels: { run: "web", extra: "yes" }, annotations: { note: "x" } },
    );
    expect(lines(next, old)).toEqual([]);
  });

  it("adding tolerations and changing tolerationSeconds is allowed", () => {
    const next = pod({
      nodeName: "worker-1",
      tolerations: [{ key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds: 10 }, { key: "j", operator: "Exists" }],
    });
    expect(lines(next, old)).toEqual([]);
  });

  it("removing a toleration is forbidden", () => {
    const next = pod({ nodeName: "worker-1", tolerations: [] });
    expect(lines(next, old)).toEqual(["spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"]);
  });

  it("changing anything else: the first line of upstream's message", () => {
    const next = pod({ nodeName: "worker-1", tolerations: old.spec.tolerations, containers: [ctr({ ports: [{ containerPort: 80 }] })] });
    expect(lines(next, old)).toEqual([`spec: Forbidden: ${POD_UPDATE_FORBIDDEN_MSG}`]);
    expect(POD_UPDATE_FORBIDDEN_MSG).toBe(
      "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    );
  });

  it("adding a container is forbidden (and stops there)", () => {
    const next = pod({ nodeName: "worker-1", tolerations: old.spec.tolerations, containers: [ctr({}), ctr({ name: "b" })] });
    expect(lines(next, old)).toEqual(["spec.containers: Forbidden: pod updates may not add or remove containers"]);
  });

  it("an emptied image is reported once by kubectl", () => {
    const next = pod({ nodeName: "worker-1", tolerations: old.spec.tolerations, containers: [ctr({ image: "" })] });
    expect(lines(next, old)).toEqual(["spec.containers[0].image: Required value", "spec.containers[0].image: Required value"]);
    expect(formatInvalid("Pod", "web", validatePod(next, old))).toBe('The Pod "web" is invalid: spec.containers[0].image: Required value');
  });

  it("image with surrounding whitespace", () => {
    const next = pod({ nodeName: "worker-1", tolerations: old.spec.tolerations, containers: [ctr({ image: " nginx" })] });
    expect(lines(next, old)).toEqual(['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']);
  });

  it("renaming is refused", () => {
    const next = pod({ nodeName: "worker-1", tolerations: old.spec.tolerations }, { name: "web2" });
    expect(lines(next, old)).toEqual(['metadata.name: Invalid value: "web2": field is immutable']);
  });
});
