import { describe, it, expect } from "vitest";
import {
  FieldPath,
  aggregateMessage,
  duplicate,
  fieldErrorBody,
  fieldErrorsToCauses,
  forbidden,
  formatInvalid,
  goIntOrString,
  goLabelSelector,
  goNamedStringSlice,
  goQuote,
  goServicePortKey,
  goStringMap,
  goStringSlice,
  invalid,
  invalidStatusMessage,
  notFound,
  notSupported,
  renderFieldError,
  renderGoValue,
  required,
  tooLong,
  internalError,
} from "./field";

describe("FieldPath", () => {
  it.each([
    [FieldPath.of("spec").child("ports").index(0).child("port"), "spec.ports[0].port"],
    [FieldPath.of("metadata", "labels"), "metadata.labels"],
    [FieldPath.of("spec").child("template", "metadata", "labels"), "spec.template.metadata.labels"],
    [FieldPath.nil, "<nil>"],
    [FieldPath.nil.child("values").index(0).key("app"), "values[0][app]"],
    [FieldPath.of("spec", "selector").key("a/b"), "spec.selector[a/b]"],
  ])("%s", (p, want) => {
    expect(p.toString()).toBe(want);
  });
});

describe("goQuote (strconv.Quote)", () => {
  it.each([
    ["abc", '"abc"'],
    ["", '""'],
    ['a"b', '"a\\"b"'],
    ["a\\b", '"a\\\\b"'],
    ["tab\there", '"tab\\there"'],
    ["nl\n", '"nl\\n"'],
    ["\x07\b\f\r\v", '"\\a\\b\\f\\r\\v"'],
    ["\x00\x1f\x7f", '"\\x00\\x1f\\x7f"'],
    ["é日本", '"é日本"'],
    ["\u00a0", '"\\u00a0"'],
    ["\u200b", '"\\u200b"'],
    ["😀", '"😀"'],
    ["\u{e0001}", '"\\U000e0001"'],
    ["a b", '"a b"'],
  ])("%j → %s", (s, want) => {
    expect(goQuote(s)).toBe(want);
  });
});

describe("Go %#v rendering", () => {
  it("slices, maps, selectors, int-or-string, service port keys", () => {
    expect(goStringSlice(["10.96.0.5"]).repr).toBe('[]string{"10.96.0.5"}');
    expect(goStringSlice(["a", "b"]).repr).toBe('[]string{"a", "b"}');
    expect(goStringSlice([]).repr).toBe("[]string{}");
    expect(goStringSlice(undefined).repr).toBe("[]string(nil)");
    expect(goNamedStringSlice("core.IPFamily", ["IPv6"]).repr).toBe('[]core.IPFamily{"IPv6"}');
    expect(goStringMap({ c: "d", a: "b" }).repr).toBe('map[string]string{"a":"b", "c":"d"}');
    expect(goStringMap({}).repr).toBe("map[string]string{}");
    expect(goStringMap(undefined).repr).toBe("map[string]string(nil)");
    expect(goLabelSelector({ matchLabels: { app: "web" } }).repr).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
    );
    expect(goLabelSelector({}).repr).toBe("v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}");
    expect(goLabelSelector({ matchExpressions: [{ key: "a", operator: "In", values: ["x"] }, { key: "b", operator: "Exists" }] }).repr).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"a", Operator:"In", Values:[]string{"x"}}, v1.LabelSelectorRequirement{Key:"b", Operator:"Exists", Values:[]string(nil)}}}',
    );
    expect(goIntOrString(0).repr).toBe('intstr.IntOrString{Type:0, IntVal:0, StrVal:""}');
    expect(goIntOrString("25%").repr).toBe('intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}');
    expect(goServicePortKey("TCP", 80).repr).toBe(
      'core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
  });

  it("renderGoValue: scalars bare or quoted, nil as \"null\", plain arrays/maps as Go types", () => {
    expect(renderGoValue(70000)).toBe("70000");
    expect(renderGoValue(-1)).toBe("-1");
    expect(renderGoValue(0.5)).toBe("0.5");
    expect(renderGoValue(true)).toBe("true");
    expect(renderGoValue("HTTP")).toBe('"HTTP"');
    expect(renderGoValue(undefined)).toBe('"null"');
    expect(renderGoValue(null)).toBe('"null"');
    expect(renderGoValue(["a"])).toBe('[]string{"a"}');
    expect(renderGoValue({ b: "2", a: "1" })).toBe('map[string]string{"a":"1", "b":"2"}');
  });
});

describe("renderFieldError (field.Error.Error())", () => {
  it.each([
    [invalid("spec.ports[0].port", 70000, "must be between 1 and 65535, inclusive"), "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"],
    [invalid("spec.ports[0].targetPort", "HTTP", "must contain at least one letter (a-z)"), 'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)'],
    [required("spec.ports[1].name"), "spec.ports[1].name: Required value"],
    [required("metadata.name", "name or generateName is required"), "metadata.name: Required value: name or generateName is required"],
    [duplicate("spec.ports[1].name", "http"), 'spec.ports[1].name: Duplicate value: "http"'],
    [
      notSupported("spec.ports[0].protocol", "ICMP", ["SCTP", "TCP", "UDP"]),
      'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [notSupported("spec.x", "y", []), 'spec.x: Unsupported value: "y"'],
    [forbidden("spec.ports[0].nodePort", "may not be used when `type` is 'ClusterIP'"), "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    [tooLong("metadata.annotations", 262144), "metadata.annotations: Too long: may not be more than 262144 bytes"],
    [tooLong("x", 1), "x: Too long: may not be more than 1 byte"],
    [notFound("spec.containers[0].volumeMounts[0].name", "data"), 'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    [internalError("spec", "boom"), "spec: Internal error: boom"],
    [
      invalid("spec.clusterIPs[0]", goStringSlice(["10.96.0.5"]), "may not change once set"),
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.5"}: may not change once set',
    ],
    [invalid(FieldPath.nil, "/app", "prefix part must be non-empty"), '<nil>: Invalid value: "/app": prefix part must be non-empty'],
  ])("%j", (e, want) => {
    expect(renderFieldError(e)).toBe(want);
  });

  it("fieldErrorBody is the cause message", () => {
    expect(fieldErrorBody(required("spec.ports"))).toBe("Required value");
    expect(fieldErrorsToCauses([required("spec.ports")])).toEqual([{ field: "spec.ports", text: "spec.ports: Required value" }]);
  });
});

describe("formatInvalid (kubectl's 422 output)", () => {
  it("one cause: one line", () => {
    expect(formatInvalid("Service", "x", [invalid("spec.ports[0].port", 70000, "must be between 1 and 65535, inclusive")])).toBe(
      'The Service "x" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
  });

  it("several causes: header with a trailing space, then * lines, duplicates removed", () => {
    const errs = [
      invalid("spec.template.metadata.labels", goStringMap({ app: "nginx" }), "`selector` does not match template `labels`"),
      invalid("spec.selector", goLabelSelector({ matchLabels: { app: "web" } }), "field is immutable"),
      invalid("spec.selector", goLabelSelector({ matchLabels: { app: "web" } }), "field is immutable"),
    ];
    expect(formatInvalid("Deployment", "nginx", errs)).toBe(
      [
        'The Deployment "nginx" is invalid: ',
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
        '* spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      ].join("\n"),
    );
  });

  it("two identical causes collapse to the one-line form", () => {
    expect(formatInvalid("Pod", "p", [required("spec.containers[0].image"), required("spec.containers[0].image")])).toBe(
      'The Pod "p" is invalid: spec.containers[0].image: Required value',
    );
  });

  it("no causes", () => {
    expect(formatInvalid("Service", "x", [])).toBe('The Service "x" is invalid');
  });

  it("the API server's own Status message aggregates with [a, b]", () => {
    expect(aggregateMessage(["a"])).toBe("a");
    expect(aggregateMessage(["a", "b", "a"])).toBe("[a, b]");
    expect(invalidStatusMessage("Deployment.apps", "web", [required("spec.selector"), required("spec.template.spec.containers")])).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.spec.containers: Required value]',
    );
  });
});
