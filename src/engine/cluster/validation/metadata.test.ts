import { describe, it, expect } from "vitest";
import { FieldPath, renderFieldError } from "./field";
import {
  maskTrailingDash,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  semanticEqual,
  validateImmutableField,
  validateLabels,
  validateLabelSelector,
  validateObjectMeta,
} from "./metadata";
import { DNS1035_MSG, DNS1123_LABEL_MSG, LABEL_VALUE_MSG, NAME_PART_MSG, PREFIX_MSG } from "./testMessages";

const render = (errs: ReturnType<typeof validateLabels>): string[] => errs.map(renderFieldError);

describe("validateObjectMeta", () => {
  it.each<[string, Parameters<typeof validateObjectMeta>[0], Parameters<typeof validateObjectMeta>[1], string[]]>([
    ["namespace ok", { name: "dev" }, { namespaced: false, nameValidator: nameIsDNSLabel }, []],
    ["namespace with dots", { name: "dev.team" }, { namespaced: false, nameValidator: nameIsDNSLabel }, ['metadata.name: Invalid value: "dev.team": must not contain dots']],
    ["namespace upper case", { name: "Dev" }, { namespaced: false, nameValidator: nameIsDNSLabel }, [`metadata.name: Invalid value: "Dev": ${DNS1123_LABEL_MSG}`]],
    ["namespace too long", { name: "a".repeat(64) }, { namespaced: false, nameValidator: nameIsDNSLabel }, [`metadata.name: Invalid value: "${"a".repeat(64)}": must be no more than 63 characters`]],
    ["cluster-scoped with a namespace", { name: "n1", namespace: "default" }, { namespaced: false, nameValidator: nameIsDNSSubdomain }, ["metadata.namespace: Forbidden: not allowed on this type"]],
    ["namespaced without one", { name: "x" }, { namespaced: true, nameValidator: nameIsDNSSubdomain }, ["metadata.namespace: Required value"]],
    [
      "bad namespace name",
      { name: "x", namespace: "Dev" },
      { namespaced: true, nameValidator: nameIsDNSSubdomain },
      [`metadata.namespace: Invalid value: "Dev": ${DNS1123_LABEL_MSG}`],
    ],
    ["service name", { name: "1svc", namespace: "default" }, { namespaced: true, nameValidator: nameIsDNS1035Label }, [`metadata.name: Invalid value: "1svc": ${DNS1035_MSG}`]],
    ["no name", { namespace: "default" }, { namespaced: true, nameValidator: nameIsDNSSubdomain }, ["metadata.name: Required value: name or generateName is required"]],
    ["generateName ending in -", { name: "web-abcde", generateName: "web-", namespace: "default" }, { namespaced: true, nameValidator: nameIsDNSSubdomain }, []],
    ["negative generation", { name: "x", namespace: "d", generation: -1 }, { namespaced: true, nameValidator: nameIsDNSSubdomain }, ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"]],
    [
      "labels: bad key then bad value, in key order",
      { name: "x", namespace: "d", labels: { z: "-bad", "Example.com/a": "ok" } },
      { namespaced: true, nameValidator: nameIsDNSSubdomain },
      [`metadata.labels: Invalid value: "Example.com/a": ${PREFIX_MSG}`, `metadata.labels: Invalid value: "-bad": ${LABEL_VALUE_MSG}`],
    ],
    [
      "a key with two problems gives two errors",
      { name: "x", namespace: "d", labels: { "app/": "v" } },
      { namespaced: true, nameValidator: nameIsDNSSubdomain },
      ['metadata.labels: Invalid value: "app/": name part must be non-empty', `metadata.labels: Invalid value: "app/": ${NAME_PART_MSG}`],
    ],
  ])("%s", (_n, meta, opts, want) => {
    expect(render(validateObjectMeta(meta, opts))).toEqual(want);
  });
});

describe("helpers", () => {
  it("maskTrailingDash keeps upstream's replace-two-characters quirk", () => {
    expect(maskTrailingDash("web-")).toBe("wea");
    expect(maskTrailingDash("-")).toBe("-");
    expect(maskTrailingDash("web")).toBe("web");
    expect(nameIsDNSLabel("web-", true)).toEqual([]);
  });

  it("semanticEqual treats nil and empty collections alike", () => {
    expect(semanticEqual({ matchLabels: { a: "b" } }, { matchLabels: { a: "b" }, matchExpressions: [] })).toBe(true);
    expect(semanticEqual({ a: "" }, {})).toBe(false);
    expect(semanticEqual([1, 2], [1, 2])).toBe(true);
    expect(semanticEqual([1, 2], [2, 1])).toBe(false);
    expect(render(validateImmutableField("a", "b", FieldPath.of("spec", "x")))).toEqual(['spec.x: Invalid value: "a": field is immutable']);
  });

  it("validateLabelSelector", () => {
    expect(
      render(
        validateLabelSelector(
          {
            matchExpressions: [
              { key: "a", operator: "Exists", values: ["x"] },
              { key: "b", operator: "Near" as "In", values: ["-x"] },
            ],
          },
          FieldPath.of("spec", "selector"),
        ),
      ),
    ).toEqual([
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[1].operator: Invalid value: "Near": not a valid selector operator',
      `spec.selector.matchExpressions[1].values[0]: Invalid value: "-x": ${LABEL_VALUE_MSG}`,
    ]);
  });
});
