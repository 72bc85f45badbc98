import { describe, expect, it } from "vitest";
import { jsonPatch, mergePatch, strategicPatch, type Json } from "./patch";

describe("patch algorithms", () => {
  const a: Json = { name: "a", image: "nginx", ports: [{ containerPort: 80 }] };
  const live: Json = { spec: { containers: [a, { name: "b", image: "busybox" }] } };

  it("strategic merge merges containers by name and deletes with $patch", () => {
    expect(strategicPatch(live, { spec: { containers: [{ name: "a", image: "nginx:1.27" }] } })).toEqual({
      spec: { containers: [{ name: "a", image: "nginx:1.27", ports: [{ containerPort: 80 }] }, { name: "b", image: "busybox" }] },
    });
    expect(strategicPatch(live, { spec: { containers: [{ name: "b", $patch: "delete" }] } })).toEqual({ spec: { containers: [a] } });
  });

  it("a JSON merge patch replaces lists and removes keys set to null", () => {
    expect(mergePatch(live, { spec: { containers: [{ name: "c" }] } })).toEqual({ spec: { containers: [{ name: "c" }] } });
    expect(mergePatch({ a: 1, b: 2 }, { a: null })).toEqual({ b: 2 });
  });

  it("a JSON patch applies add, replace, remove and test, and fails on a missing path", () => {
    const r = jsonPatch(live, [
      { op: "replace", path: "/spec/containers/0/image", value: "httpd" },
      { op: "add", path: "/spec/containers/-", value: { name: "c" } },
      { op: "remove", path: "/spec/containers/1" },
      { op: "test", path: "/spec/containers/1/name", value: "c" },
    ]);
    expect(r).toEqual({ ok: true, value: { spec: { containers: [{ name: "a", image: "httpd", ports: [{ containerPort: 80 }] }, { name: "c" }] } } });
    expect(jsonPatch(live, [{ op: "replace", path: "/spec/nope", value: 1 }])).toEqual({ ok: false, error: "replace operation does not apply: doc is missing path: /spec/nope: missing value" });
  });
});
