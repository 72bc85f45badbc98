import { describe, expect, it } from "vitest";
import type { ClusterImpl } from "../../cluster/cluster";
import { createCluster } from "../../index";
import { tokenize } from "../../shell/tokenize";
import { Ctx, GLOBAL_FLAGS, type Command } from "../command";
import { parseFlags } from "../flags";
import { version } from "./version";
const MINE: Command[] = [version];
// ---- test helper: runs our (not yet registered) commands the way runKubectl does; any other
// line goes through the real shell (`cluster.exec`), so `kubectl create …` works as usual.
type Out = { stdout: string; stderr: string; exitCode: number };
function lab(seed = 1, options: Record<string, unknown> = {}) {
  const cluster = createCluster({ seed, ...options }) as unknown as ClusterImpl;
  const run = (line: string): Out => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    const words = t.tokens.map((x) => x.value);
    let cmd = words[0] === "kubectl" ? MINE.find((c) => c.name === words[1] || c.aliases?.includes(words[1])) : undefined;
    if (!cmd) {
      const r = cluster.exec(line);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    }
    let path = `kubectl ${cmd.name}`;
    let rest = words.slice(2);
    while (cmd.subcommands && rest.length > 0 && !rest[0].startsWith("-")) {
      const sub: Command | undefined = cmd.subcommands.find((c) => c.name === rest[0] || c.aliases?.includes(rest[0]));
      if (!sub) break;
      cmd = sub;
      path += ` ${sub.name}`;
      rest = rest.slice(1);
    }
    const parsed = parseFlags(rest, [...(cmd.flags ?? []), ...GLOBAL_FLAGS]);
    if (!parsed.ok) return { stdout: "", stderr: `error: ${parsed.error}\nSee '${path} --help' for usage.\n`, exitCode: 1 };
    const ctx = new Ctx(cluster, undefined, path, parsed.value);
    cmd.run!(ctx);
    cluster.advance(100); // the shell's per-line latency
    return { stdout: ctx.stdout, stderr: ctx.stderr, exitCode: ctx.exitCode };
  };
  return { cluster, run };
}
// ---- kubectl's help layout (what help.ts should print; see the lead's report): long text,
// Examples, then Available Commands (names padded to max(11, longest)), Options (Duration flags
// print their default bare), Usage.
const DURATION_FLAGS = new Set(["timeout", "pod-running-timeout", "since"]);
function kubectlHelp(cmd: Command, path: string): string {
  let s = `${cmd.long ?? cmd.short}\n\n`;
  if (cmd.examples) s += `Examples:\n${cmd.examples}\n\n`;
  if (cmd.subcommands?.length) {
    const w = Math.max(11, ...cmd.subcommands.map((c) => c.name.length));
    s += `Available Commands:\n${cmd.subcommands.map((c) => `  ${c.name.padEnd(w)}   ${c.short}\n`).join("")}\n`;
  }
  const flags = [...(cmd.flags ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (flags.length) {
    s += "Options:\n";
    for (const f of flags) {
      const d = f.default;
      const def = f.type === "bool" || f.type === "int" ? String(d) : Array.isArray(d) ? `[${d.join(",")}]` : DURATION_FLAGS.has(f.name) ? String(d) : `'${d ?? ""}'`;
      s += `    ${f.short ? `-${f.short}, ` : ""}--${f.name}=${def}:\n\t${cmd.flagHelp?.[f.name] ?? ""}\n\n`;
    }
  }
  s += `Usage:\n  ${cmd.usage}\n\n`;
  if (cmd.subcommands?.length) s += `Use "${path} <command> --help" for more information about a given command.\n`;
  return s + 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
}

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "version": "Print the client and server version information for the current context.\n\nExamples:\n  # Print the client and server versions for the current context\n  kubectl version\n\nOptions:\n    --client=false:\n\tIf true, shows client version only (no server required).\n\n    -o, --output='':\n\tOne of 'yaml' or 'json'.\n\nUsage:\n  kubectl version [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

describe("kubectl version", () => {
  it("prints the client, Kustomize and server versions", () => {
    const { run } = lab();
    expect(run("kubectl version")).toEqual({ stdout: "Client Version: v1.33.0\nKustomize Version: v5.6.0\nServer Version: v1.33.0\n", stderr: "", exitCode: 0 });
    expect(run("kubectl version --client").stdout).toBe("Client Version: v1.33.0\nKustomize Version: v5.6.0\n");
  });

  it("-o yaml: keys sorted, a blank line at the end; the v1.33 server adds its emulation and compatibility versions", () => {
    const { run } = lab();
    expect(run("kubectl version -o yaml").stdout).toBe(`clientVersion:
  buildDate: "2025-04-23T13:07:12Z"
  compiler: gc
  gitCommit: 60a317eadfcb839692a68eab88b2096f4d708f4f
  gitTreeState: clean
  gitVersion: v1.33.0
  goVersion: go1.24.2
  major: "1"
  minor: "33"
  platform: linux/amd64
kustomizeVersion: v5.6.0
serverVersion:
  buildDate: "2025-04-23T13:00:14Z"
  compiler: gc
  emulationMajor: "1"
  emulationMinor: "33"
  gitCommit: 60a317eadfcb839692a68eab88b2096f4d708f4f
  gitTreeState: clean
  gitVersion: v1.33.0
  goVersion: go1.24.2
  major: "1"
  minCompatibilityMajor: "1"
  minCompatibilityMinor: "32"
  minor: "33"
  platform: linux/amd64

`);
    expect(run("kubectl version --client -o yaml").stdout).toBe(
      'clientVersion:\n  buildDate: "2025-04-23T13:07:12Z"\n  compiler: gc\n  gitCommit: 60a317eadfcb839692a68eab88b2096f4d708f4f\n  gitTreeState: clean\n  gitVersion: v1.33.0\n  goVersion: go1.24.2\n  major: "1"\n  minor: "33"\n  platform: linux/amd64\nkustomizeVersion: v5.6.0\n\n',
    );
  });

  it("-o json: fields in the Go struct's order, four-space indent", () => {
    const { run } = lab();
    expect(run("kubectl version -o json").stdout).toBe(`{
    "clientVersion": {
        "major": "1",
        "minor": "33",
        "gitVersion": "v1.33.0",
        "gitCommit": "60a317eadfcb839692a68eab88b2096f4d708f4f",
        "gitTreeState": "clean",
        "buildDate": "2025-04-23T13:07:12Z",
        "goVersion": "go1.24.2",
        "compiler": "gc",
        "platform": "linux/amd64"
    },
    "kustomizeVersion": "v5.6.0",
    "serverVersion": {
        "major": "1",
        "minor": "33",
        "emulationMajor": "1",
        "emulationMinor": "33",
        "minCompatibilityMajor": "1",
        "minCompatibilityMinor": "32",
        "gitVersion": "v1.33.0",
        "gitCommit": "60a317eadfcb839692a68eab88b2096f4d708f4f",
        "gitTreeState": "clean",
        "buildDate": "2025-04-23T13:00:14Z",
        "goVersion": "go1.24.2",
        "compiler": "gc",
        "platform": "linux/amd64"
    }
}
`);
  });

  it("prints kubectl's errors", () => {
    const { run } = lab();
    expect(run("kubectl version -o wide")).toEqual({ stdout: "", stderr: "error: --output must be 'yaml' or 'json'\n", exitCode: 1 });
    expect(run("kubectl version extra").stderr).toBe("error: extra arguments: [extra]\n");
  });

  it("--help is kubectl's text", () => {
    expect(kubectlHelp(version, "kubectl version")).toBe(REAL_HELP.version);
  });
});
