import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import type { KubectlFixtures } from "./__fixtures__/types";
import { toYaml, toYamlList, YamlError, yamlKeyLess } from "./yaml";

const fixtures = JSON.parse(readFileSync(new URL("./__fixtures__/kubectl.json", import.meta.url), "utf8")) as KubectlFixtures;

// Expected outputs were captured from a real kubectl v1.32 client (`kubectl get pod X -o yaml`
// against a stub API server serving the `input` objects); see __fixtures__/README.md.

describe("toYaml matches kubectl get -o yaml byte for byte", () => {
  for (const [name, c] of Object.entries(fixtures.yaml)) {
    it(name, () => {
      expect(c.code).toBe(0);
      expect(toYaml(c.input)).toBe(c.stdout);
    });
  }

  it("several objects: the kind: List wrapper", () => {
    expect(toYamlList(fixtures.yamlList.input)).toBe(fixtures.yamlList.stdout);
  });

  it("no objects: an empty List", () => {
    expect(toYamlList([])).toBe(fixtures.yamlEmptyList.stdout);
    expect(fixtures.yamlEmptyList.stdout).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it("C1 control characters / DEL make kubectl fail like go-yaml's reader", () => {
    for (const [s, c] of [["a\u007fb", fixtures.yamlCtl], ["a\u0090b", fixtures.yamlCtl2]] as const) {
      expect(c.code).toBe(1);
      expect(() => toYaml({ spec: { s } })).toThrow(YamlError);
      expect(() => toYaml({ spec: { s } })).toThrow("yaml: control characters are not allowed");
      expect(c.stderr).toBe("error: yaml: control characters are not allowed\n");
    }
  });
});

describe("toYaml details", () => {
  it("the article's Service (last-applied-configuration as a | block)", () => {
    const out = toYaml(fixtures.yaml.service.input);
    expect(out).toContain('  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1"');
    expect(out).toContain('  creationTimestamp: "2023-01-03T10:24:14Z"\n');
    expect(out).toContain('  resourceVersion: "100977850"\n');
    expect(out).toContain("  ports:\n  - name: http-metrics\n    port: 8080\n");
    expect(out).toContain("status:\n  loadBalancer: {}\n");
  });

  it("scalars that would resolve to other types are double-quoted", () => {
    const y = (v: unknown) => toYaml({ k: v });
    expect(y("true")).toBe('k: "true"\n');
    expect(y("y")).toBe('k: "y"\n');
    expect(y("off")).toBe('k: "off"\n');
    expect(y("~")).toBe('k: "~"\n');
    expect(y("")).toBe('k: ""\n');
    expect(y("0x1F")).toBe('k: "0x1F"\n');
    expect(y("1:20")).toBe('k: "1:20"\n');
    expect(y("2.3.0")).toBe("k: 2.3.0\n");
    expect(y("10.0.0.1")).toBe("k: 10.0.0.1\n");
    expect(y("<<")).toBe("k: <<\n");
    expect(y(null)).toBe("k: null\n");
    expect(y(true)).toBe("k: true\n");
    expect(y(0.000001)).toBe("k: 1e-06\n");
    expect(y(1000000.5)).toBe("k: 1.0000005e+06\n");
    expect(y(Number("12345678901234567890"))).toBe("k: 12345678901234567000\n");
    expect(y(1e20)).toBe("k: 1e+20\n");
  });

  it("indicators and spaces pick single quotes", () => {
    const y = (v: unknown) => toYaml({ k: v });
    expect(y("a: b")).toBe("k: 'a: b'\n");
    expect(y("- x")).toBe("k: '- x'\n");
    expect(y("it's")).toBe("k: it's\n");
    expect(y("'q'")).toBe("k: '''q'''\n");
    expect(y(" lead")).toBe("k: ' lead'\n");
    expect(y("*")).toBe("k: '*'\n");
  });

  it("root-level values and empty collections", () => {
    expect(toYaml({})).toBe("{}\n");
    expect(toYaml([])).toBe("[]\n");
    expect(toYaml([1, [2, 3], { a: [] }])).toBe("- 1\n- - 2\n  - 3\n- a: []\n");
    expect(toYaml("x")).toBe("x\n");
  });

  it("go-yaml's natural key order", () => {
    const sorted = ["b1a", "a10", "a9", "A", "_", "10", "1", "9", "", "a09", "Z", "b01"].sort((x, y) =>
      yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0,
    );
    expect(sorted).toEqual(["", "_", "1", "9", "10", "A", "Z", "a9", "a09", "a10", "b1a", "b01"]);
  });

  it("skips undefined properties like absent fields", () => {
    expect(toYaml({ a: 1, b: undefined })).toBe("a: 1\n");
  });
});
