import { K8S_VERSION } from "../../cluster/bootstrap";
import type { Command } from "../command";
import type { FlagSpec } from "../flags";
import { bool, str } from "../flags";
import { toYaml } from "../printers";

const VERSION_HELP = {
  long: "Print the client and server version information for the current context.",
  examples: "  # Print the client and server versions for the current context\n  kubectl version",
  usage: "kubectl version [flags] [options]",
  flags: [{ name: "client", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"client": "If true, shows client version only (no server required).", "output": "One of 'yaml' or 'json'."} as Record<string, string>,
};

/** The v1.33.0 release's build facts (kubectl and the API server come from the same tag). */
const GIT_COMMIT = "60a317eadfcb839692a68eab88b2096f4d708f4f";
export const KUSTOMIZE_VERSION = "v5.6.0";

/** `version.Info` of the kubectl binary (JSON field order is the Go struct's). */
export function clientVersion(): Record<string, string> {
  return { major: "1", minor: "33", gitVersion: K8S_VERSION, gitCommit: GIT_COMMIT, gitTreeState: "clean", buildDate: "2025-04-23T13:07:12Z", goVersion: "go1.24.2", compiler: "gc", platform: "linux/amd64" };
}

/** `GET /version` of a v1.33 API server: it also reports its emulation and compatibility versions. */
export function serverVersion(): Record<string, string> {
  return {
    major: "1",
    minor: "33",
    emulationMajor: "1",
    emulationMinor: "33",
    minCompatibilityMajor: "1",
    minCompatibilityMinor: "32",
    gitVersion: K8S_VERSION,
    gitCommit: GIT_COMMIT,
    gitTreeState: "clean",
    buildDate: "2025-04-23T13:00:14Z",
    goVersion: "go1.24.2",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

/**
 * `json.MarshalIndent` of a Go struct: fields in declaration order (here: insertion order), not
 * sorted as for the unstructured maps `kubectl get -o json` prints; HTML-safe string escaping.
 */
export function marshalOrdered(v: unknown, indent = "    ", prefix = ""): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  if (typeof v !== "object") return JSON.stringify(v);
  const inner = prefix + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[\n${v.map((x) => inner + marshalOrdered(x, indent, inner)).join(",\n")}\n${prefix}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, x]) => `${inner}${marshalOrdered(k)}: ${marshalOrdered(x, indent, inner)}`).join(",\n")}\n${prefix}}`;
}

export const version: Command = {
  name: "version",
  group: "Other Commands:",
  short: "Print the client and server version information",
  ...VERSION_HELP,
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length > 0) return ctx.fail(`extra arguments: [${p.args.join(" ")}]`);
    const o = str(p, "output");
    if (o !== "" && o !== "yaml" && o !== "json") return ctx.fail("--output must be 'yaml' or 'json'");
    const client = bool(p, "client");
    const data: Record<string, unknown> = { clientVersion: clientVersion(), kustomizeVersion: KUSTOMIZE_VERSION };
    if (!client) data.serverVersion = serverVersion();
    if (o === "yaml") return ctx.out(toYaml(data) + "\n");
    if (o === "json") return ctx.out(marshalOrdered(data) + "\n");
    ctx.line(`Client Version: ${K8S_VERSION}`);
    ctx.line(`Kustomize Version: ${KUSTOMIZE_VERSION}`);
    if (!client) ctx.line(`Server Version: ${K8S_VERSION}`);
  },
};
