import { describe, it, expect } from "vitest";
import type { Container, DaemonSet, Deployment, LabelSelector, PodTemplateSpec, ReplicaSet } from "../types";
import { formatInvalid, renderFieldError } from "./field";
import { validateDaemonSet, validateDeployment, validateReplicaSet } from "./apps";
import { DNS1123_LABEL_MSG, DNS1123_SUBDOMAIN_MSG, LABEL_VALUE_MSG } from "./testMessages";

const META = { namespace: "default", uid: "u1", resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z" };

function template(labels: Record<string, string> | undefined, containers: Container[] = [{ name: "nginx", image: "nginx:1.27" }]): PodTemplateSpec {
  return { metadata: labels ? { labels } : {}, spec: { containers, restartPolicy: "Always" } };
}

type DeploySpec = Deployment["spec"];
function deploy(spec: Partial<Omit<DeploySpec, "selector">> & { selector?: LabelSelector | null } = {}, name = "nginx"): Deployment {
  const base: DeploySpec = {
    replicas: 1,
    selector: { matchLabels: { app: "nginx" } },
    template: template({ app: "nginx" }),
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  };
  const merged = { ...base, ...spec } as DeploySpec;
  if (spec.selector === null) delete (merged as Partial<DeploySpec>).selector;
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name, ...META }, spec: merged, status: {} };
}

function rs(selector: LabelSelector | undefined, labels: Record<string, string>, name = "frontend"): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, ...META },
    spec: { replicas: 3, selector: selector as LabelSelector, template: template(labels) },
    status: { replicas: 0 },
  };
}

function ds(selector: LabelSelector | undefined, labels: Record<string, string> | undefined, name = "agent"): DaemonSet {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, ...META },
    spec: { selector: selector as LabelSelector, template: template(labels), updateStrategy: { type: "RollingUpdate" }, revisionHistoryLimit: 10 },
    status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
  };
}

const lines = (d: Deployment, old?: Deployment): string[] => validateDeployment(d, old).map(renderFieldError);
const MISMATCH = "`selector` does not match template `labels`";

describe("validateDeployment: §3.4", () => {
  it("a valid deployment has no errors", () => {
    expect(lines(deploy())).toEqual([]);
    expect(lines(deploy({ selector: { matchExpressions: [{ key: "app", operator: "In", values: ["nginx", "web"] }] } }))).toEqual([]);
  });

  it.each<[string, Parameters<typeof deploy>[0], string[]]>([
    [
      "selector missing",
      { selector: null },
      ["spec.selector: Required value", `spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: ${MISMATCH}`],
    ],
    [
      "empty selector {}",
      { selector: {} },
      [
        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
      ],
    ],
    [
      "selector with an empty matchLabels map",
      { selector: { matchLabels: {} } },
      [
        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
      ],
    ],
    [
      "template labels missing",
      { template: template(undefined) },
      [`spec.template.metadata.labels: Invalid value: map[string]string(nil): ${MISMATCH}`],
    ],
    ["replicas -1", { replicas: -1 }, ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]],
    ["no containers", { template: template({ app: "nginx" }, []) }, ["spec.template.spec.containers: Required value"]],
    ["no image", { template: template({ app: "nginx" }, [{ name: "nginx", image: "" }]) }, ["spec.template.spec.containers[0].image: Required value"]],
    ["no container name", { template: template({ app: "nginx" }, [{ name: "", image: "nginx" }]) }, ["spec.template.spec.containers[0].name: Required value"]],
    [
      "bad container name",
      { template: template({ app: "nginx" }, [{ name: "Web_App", image: "nginx" }]) },
      [`spec.template.spec.containers[0].name: Invalid value: "Web_App": ${DNS1123_LABEL_MSG}`],
    ],
    [
      "duplicate container names",
      { template: template({ app: "nginx" }, [{ name: "a", image: "x" }, { name: "a", image: "y" }]) },
      ['spec.template.spec.containers[1].name: Duplicate value: "a"'],
    ],
    [
      "containerPort out of range",
      { template: template({ app: "nginx" }, [{ name: "nginx", image: "nginx", ports: [{ containerPort: 70000 }] }]) },
      ["spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"],
    ],
    [
      "containerPort 0",
      { template: template({ app: "nginx" }, [{ name: "nginx", image: "nginx", ports: [{ containerPort: 0 }] }]) },
      ["spec.template.spec.containers[0].ports[0].containerPort: Required value"],
    ],
    [
      "container port name HTTP",
      { template: template({ app: "nginx" }, [{ name: "nginx", image: "nginx", ports: [{ name: "HTTP", containerPort: 80 }] }]) },
      [
        'spec.template.spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.template.spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    ],
    [
      "duplicate container port names",
      {
        template: template({ app: "nginx" }, [
          { name: "nginx", image: "nginx", ports: [{ name: "http", containerPort: 80 }, { name: "http", containerPort: 8080 }] },
        ]),
      },
      ['spec.template.spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      "bad container port protocol",
      { template: template({ app: "nginx" }, [{ name: "nginx", image: "nginx", ports: [{ containerPort: 80, protocol: "ICMP" as "TCP" }] }]) },
      ['spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      "restartPolicy Never",
      { template: { ...template({ app: "nginx" }), spec: { containers: [{ name: "nginx", image: "nginx" }], restartPolicy: "Never" } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      "bad template label value (path is spec.template.labels)",
      { template: template({ app: "nginx", tier: "-x" }) },
      [`spec.template.labels: Invalid value: "-x": ${LABEL_VALUE_MSG}`],
    ],
    [
      "bad selector label value",
      { selector: { matchLabels: { app: "-x" } }, template: template({ app: "-x" }) },
      [
        `spec.selector.matchLabels: Invalid value: "-x": ${LABEL_VALUE_MSG}`,
        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"-x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: invalid label selector",
      ],
    ],
    [
      "matchExpressions In without values",
      { selector: { matchExpressions: [{ key: "app", operator: "In" }] } },
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string(nil)}}}: invalid label selector',
      ],
    ],
    [
      "maxSurge and maxUnavailable both 0",
      { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      "maxUnavailable over 100%",
      { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: "110%" } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}: must not be greater than 100%'],
    ],
    [
      "maxSurge not a percent",
      { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "x", maxUnavailable: 1 } } },
      [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"x\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    ["Recreate with rollingUpdate", { strategy: { type: "Recreate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }, ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]],
    [
      "progressDeadlineSeconds not above minReadySeconds",
      { minReadySeconds: 10, progressDeadlineSeconds: 10 },
      ["spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"],
    ],
    ["negative revisionHistoryLimit", { revisionHistoryLimit: -1 }, ["spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"]],
  ])("%s", (_name, spec, want) => {
    expect(lines(deploy(spec))).toEqual(want);
  });

  it("reference: selector/template mismatch prints one line", () => {
    const d = deploy({ template: template({ app: "simple-webapp-deployment" }) });
    expect(formatInvalid("Deployment", "nginx", validateDeployment(d))).toBe(
      'The Deployment "nginx" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"simple-webapp-deployment"}: `selector` does not match template `labels`',
    );
  });

  it("metadata name must be a DNS-1123 subdomain", () => {
    expect(lines(deploy({}, "Nginx"))).toEqual([`metadata.name: Invalid value: "Nginx": ${DNS1123_SUBDOMAIN_MSG}`]);
    expect(lines(deploy({}, "nginx.v2"))).toEqual([]);
  });

  it("reference: changing the selector on update — the 2-cause block, immutable error last", () => {
    const old = deploy();
    const next = deploy({ selector: { matchLabels: { app: "web" } } });
    expect(formatInvalid("Deployment", "nginx", validateDeployment(next, old))).toBe(
      [
        'The Deployment "nginx" is invalid: ',
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
        '* spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      ].join("\n"),
    );
  });

  it("changing selector and labels together leaves only the immutable error", () => {
    const old = deploy();
    const next = deploy({ selector: { matchLabels: { app: "web" } }, template: template({ app: "web" }) });
    expect(formatInvalid("Deployment", "nginx", validateDeployment(next, old))).toBe(
      'The Deployment "nginx" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it("an update that keeps the selector (nil vs empty collections are equal) is fine", () => {
    const old = deploy();
    const next = deploy({ selector: { matchLabels: { app: "nginx" }, matchExpressions: [] }, replicas: 5 });
    expect(lines(next, old)).toEqual([]);
  });
});

describe("validateReplicaSet", () => {
  it("valid", () => {
    expect(validateReplicaSet(rs({ matchLabels: { tier: "frontend" } }, { tier: "frontend" }))).toEqual([]);
  });

  it("the official-docs block with The ReplicaSet \"frontend\" is invalid:", () => {
    const old = rs({ matchLabels: { tier: "frontend" } }, { tier: "frontend" });
    const next = rs({ matchLabels: { tier: "web" } }, { tier: "frontend" });
    expect(formatInvalid("ReplicaSet", "frontend", validateReplicaSet(next, old))).toBe(
      [
        'The ReplicaSet "frontend" is invalid: ',
        '* spec.template.metadata.labels: Invalid value: map[string]string{"tier":"frontend"}: `selector` does not match template `labels`',
        '* spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"tier":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      ].join("\n"),
    );
  });

  it("selector rules match Deployments (including upstream's 'for deployment' wording)", () => {
    expect(validateReplicaSet(rs(undefined, { a: "b" })).map(renderFieldError)).toEqual([
      "spec.selector: Required value",
      `spec.template.metadata.labels: Invalid value: map[string]string{"a":"b"}: ${MISMATCH}`,
    ]);
    expect(validateReplicaSet(rs({}, { a: "b" })).map(renderFieldError)).toEqual([
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
    ]);
    const neg = rs({ matchLabels: { a: "b" } }, { a: "b" });
    neg.spec.replicas = -1;
    expect(validateReplicaSet(neg).map(renderFieldError)).toEqual(["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]);
  });
});

describe("validateDaemonSet", () => {
  it("valid", () => {
    expect(validateDaemonSet(ds({ matchLabels: { name: "agent" } }, { name: "agent" }))).toEqual([]);
  });

  it.each<[string, DaemonSet, string[]]>([
    ["mismatch", ds({ matchLabels: { name: "agent" } }, { name: "other" }), [`spec.template.metadata.labels: Invalid value: map[string]string{"name":"other"}: ${MISMATCH}`]],
    ["nil selector: mismatch only", ds(undefined, { name: "agent" }), [`spec.template.metadata.labels: Invalid value: map[string]string{"name":"agent"}: ${MISMATCH}`]],
    [
      "empty selector",
      ds({}, { name: "agent" }),
      ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset"],
    ],
  ])("%s", (_n, obj, want) => {
    expect(validateDaemonSet(obj).map(renderFieldError)).toEqual(want);
  });

  it("selector is immutable", () => {
    const old = ds({ matchLabels: { name: "agent" } }, { name: "agent" });
    const next = ds({ matchLabels: { name: "agent2" } }, { name: "agent2" });
    expect(validateDaemonSet(next, old).map(renderFieldError)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"name":"agent2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});
