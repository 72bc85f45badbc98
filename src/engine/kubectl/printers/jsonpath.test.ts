import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import type { JsonPathCase as Case, KubectlFixtures } from "./__fixtures__/types";
import { jsonpath } from "./jsonpath";

const fixtures = JSON.parse(readFileSync(new URL("./__fixtures__/kubectl.json", import.meta.url), "utf8")) as KubectlFixtures;

// Expected outputs captured from a real kubectl v1.32 client (`kubectl get pod X -o jsonpath=T`,
// with --allow-missing-template-keys=false for `strict` cases and -o jsonpath-as-json for `asJson`).

const objects: Record<string, unknown> = {
  pod: fixtures.yaml.pod.input,
  values: fixtures.yaml.values.input,
  quoting: fixtures.yaml.quoting.input,
};

// Go iterates maps in random order for wildcards and recursive descent; compare those outputs
// as multisets of characters.
const orderFree = (t: string) => t.includes("..") || /\.\*/.test(t);
const norm = (s: string) => [...s].sort().join("");


function check(c: Case, data: unknown) {
  const r = jsonpath(c.template, data, { allowMissingKeys: !c.strict, outputJson: !!c.asJson });
  if (c.code === 0) {
    expect(r).toMatchObject({ ok: true });
    if (r.ok) {
      if (orderFree(c.template)) expect(norm(r.out)).toBe(norm(c.stdout));
      else expect(r.out).toBe(c.stdout);
    }
  } else {
    expect(r.ok).toBe(false);
    if (!r.ok) expect("error: " + r.error + "\n").toBe(c.stderr);
  }
}

describe("jsonpath matches kubectl -o jsonpath", () => {
  for (const c of fixtures.jsonpath) {
    const label = `${c.object}: ${c.template}${c.strict ? " (strict)" : ""}${c.asJson ? " (as json)" : ""}`;
    it(label, () => check(c, objects[c.object!]));
  }
  for (const c of fixtures.jsonpathList) {
    it(`List: ${c.template}`, () =>
      check(c, { apiVersion: "v1", items: fixtures.yamlList.input, kind: "List", metadata: { resourceVersion: "" } }));
  }
});

describe("jsonpath details", () => {
  const pod = fixtures.yaml.pod.input;

  it("prints maps as compact, HTML-escaped JSON and strings bare", () => {
    expect(jsonpath("{.metadata.labels}", pod)).toEqual({ ok: true, out: '{"app":"web","t":"t","tier":"fe"}' });
    expect(jsonpath("{.metadata.annotations.note}", pod)).toEqual({ ok: true, out: "<b>&" });
  });

  it("missing keys print nothing by default (kubectl's --allow-missing-template-keys=true)", () => {
    expect(jsonpath("{.spec.nope}", pod)).toEqual({ ok: true, out: "" });
    const strict = jsonpath("{.spec.nope}", pod, { allowMissingKeys: false });
    expect(strict.ok).toBe(false);
    if (!strict.ok) {
      expect(strict.error.startsWith('error executing jsonpath "{.spec.nope}": Error executing template: nope is not found. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.nope}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", ')).toBe(true);
      expect(strict.error.endsWith("}\n\n")).toBe(true);
    }
  });

  it("parse errors", () => {
    expect(jsonpath("{.foo", pod)).toEqual({ ok: false, error: "error parsing jsonpath {.foo, unclosed action" });
    expect(jsonpath("", pod)).toEqual({ ok: false, error: "template format specified but no template given" });
  });

  it("range over a List", () => {
    const list = { apiVersion: "v1", kind: "List", items: [{ metadata: { name: "a" } }, { metadata: { name: "b" } }] };
    expect(jsonpath('{range .items[*]}{.metadata.name}{"\\n"}{end}', list)).toEqual({ ok: true, out: "a\nb\n" });
  });
});
