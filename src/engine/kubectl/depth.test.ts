import { describe, expect, it } from "vitest";
import { MAX_MANIFEST_DEPTH, nestingError } from "./depth";

const flow = (d: number) => `${"[".repeat(d)}${"]".repeat(d)}`;
const block = (d: number) => Array.from({ length: d }, (_, i) => `${" ".repeat(i)}a:`).join("\n");

describe("the manifest nesting guard", () => {
  it("gives go-yaml's and encoding/json's own errors past their 10,000 levels", () => {
    expect(nestingError("[".repeat(10_001))).toBe("error converting YAML to JSON: yaml: exceeded max depth of 10000");
    expect(nestingError(`a:\n  b: ${"[".repeat(10_001)}`)).toBe("error converting YAML to JSON: yaml: line 2: exceeded max depth of 10000");
    expect(nestingError(`{"a":${"[".repeat(10_000)}`)).toBe("json: offset 10005: invalid character '[' exceeded max depth");
  });

  it("stops at the lab's own limit in the same words, before the parser could overflow", () => {
    expect(nestingError(flow(MAX_MANIFEST_DEPTH))).toBeUndefined();
    expect(nestingError(flow(MAX_MANIFEST_DEPTH + 1))).toBe(`error converting YAML to JSON: yaml: exceeded max depth of ${MAX_MANIFEST_DEPTH}`);
    expect(nestingError(block(MAX_MANIFEST_DEPTH))).toBeUndefined();
    expect(nestingError(block(MAX_MANIFEST_DEPTH + 1))).toBe(`error converting YAML to JSON: yaml: line ${MAX_MANIFEST_DEPTH + 1}: exceeded max depth of ${MAX_MANIFEST_DEPTH}`);
    expect(nestingError(`${"- ".repeat(MAX_MANIFEST_DEPTH + 1)}x`)).toContain("exceeded max depth");
  });

  it("counts structure only: brackets in quotes, comments and block scalars are text", () => {
    const text = "[".repeat(MAX_MANIFEST_DEPTH + 5);
    expect(nestingError(`a: "${text}"`)).toBeUndefined();
    expect(nestingError(`a: '${text}'`)).toBeUndefined();
    expect(nestingError(`a: 1 # ${text}`)).toBeUndefined();
    expect(nestingError(`a: |\n  ${text}\n  more\nb: 2`)).toBeUndefined();
    expect(nestingError(`a: it's ${text}`)).toContain("exceeded max depth");
  });

  it("lets real manifests through", () => {
    const deployment = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "spec:",
      "  selector: {matchLabels: {app: web}}",
      "  template:",
      "    metadata:",
      "      labels: {app: web}",
      "    spec:",
      "      containers:",
      "      - name: web",
      "        image: nginx",
      "        args: [\"a\", \"[\", '{']",
      "        command:",
      "        - sh",
      "        - -c",
      "        - |",
      "          echo [[[[",
    ].join("\n");
    expect(nestingError(deployment)).toBeUndefined();
    expect(nestingError('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"k":"[{["}}')).toBeUndefined();
  });
});
