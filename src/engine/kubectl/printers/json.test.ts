import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import type { KubectlFixtures } from "./__fixtures__/types";
import { toCompactJson, toJson, toJsonList } from "./json";

const fixtures = JSON.parse(readFileSync(new URL("./__fixtures__/kubectl.json", import.meta.url), "utf8")) as KubectlFixtures;

// kubectl's JSON printer appends "\n" to json.MarshalIndent; toJson returns the MarshalIndent part.
describe("toJson matches kubectl get -o json byte for byte", () => {
  for (const [name, c] of Object.entries(fixtures.json)) {
    it(name, () => {
      expect(c.code).toBe(0);
      expect(toJson(c.input) + "\n").toBe(c.stdout);
    });
  }

  it("several objects: the kind: List wrapper", () => {
    expect(toJsonList(fixtures.jsonList.input) + "\n").toBe(fixtures.jsonList.stdout);
  });

  it("no objects: an empty List", () => {
    expect(toJsonList([]) + "\n").toBe(fixtures.jsonEmptyList.stdout);
  });
});

describe("json details", () => {
  it("4-space indent, sorted keys, compact empty collections", () => {
    expect(toJson({ b: [], a: {}, c: [1, { z: null, y: "s" }] })).toBe(
      '{\n    "a": {},\n    "b": [],\n    "c": [\n        1,\n        {\n            "y": "s",\n            "z": null\n        }\n    ]\n}',
    );
  });

  it("Go's HTML-safe string escaping", () => {
    expect(toCompactJson({ s: "<a href='x'>&</a>\u2028\u2029\b\f\n\r\t\u0001\u007f\"\\" })).toBe(
      '{"s":"\\u003ca href=\'x\'\\u003e\\u0026\\u003c/a\\u003e\\u2028\\u2029\\b\\f\\n\\r\\t\\u0001\u007f\\"\\\\"}',
    );
  });

  it("numbers as Go prints int64 and float64", () => {
    expect(toCompactJson([1, -0, 2.5, 1e21, 1e-7, 0.000001, 1e20, Number("12345678901234567890")])).toBe(
      "[1,0,2.5,1e+21,1e-7,0.000001,100000000000000000000,12345678901234567000]",
    );
  });

  it("lone surrogates become U+FFFD", () => {
    expect(toCompactJson("a\uD800b")).toBe('"a\uFFFDb"');
  });
});
