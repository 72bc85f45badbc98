import type { Res as ExecResult } from "../util/result";
import type { KubeClient } from "../cluster/client";
import { Ctx, GLOBAL_FLAGS, type Command } from "./command";
import { parseFlags } from "./flags";
import { commandHelp } from "./help";
import { HELP_TEXTS } from "./helptexts";
import { COMMANDS } from "./verbs";

/** Runs `kubectl <argv…>` against the cluster. */
export function runKubectl(cluster: KubeClient, argv: string[], stdin?: string): ExecResult {
  if (argv.length === 0 || (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help"))) {
    return { stdout: HELP_TEXTS.kubectl, stderr: "", exitCode: 0 };
  }
  // Global flags may come before the verb: `kubectl -n kube-system get pods`.
  const pre: string[] = [];
  let i = 0;
  while (i < argv.length && argv[i].startsWith("-")) {
    const w = argv[i];
    pre.push(w);
    const takesValue = /^(-n|--namespace|--context|--kubeconfig)$/.test(w);
    if (takesValue && i + 1 < argv.length) pre.push(argv[++i]);
    i++;
  }
  const verb = argv[i];
  if (verb === undefined) return { stdout: HELP_TEXTS.kubectl, stderr: "", exitCode: 0 };
  let cmd = COMMANDS.find((c) => c.name === verb || c.aliases?.includes(verb));
  if (!cmd && KUBECTL_COMMANDS.includes(verb)) {
    return { stdout: "", stderr: `error: "kubectl ${verb}" is a real kubectl command that this lab does not simulate yet\n`, exitCode: 1 };
  }
  if (!cmd) return { stdout: "", stderr: unknownCommand(verb), exitCode: 1 };
  let path = `kubectl ${cmd.name}`;
  let rest = argv.slice(i + 1);
  while (cmd.subcommands && rest.length > 0 && !rest[0].startsWith("-")) {
    const sub: Command | undefined = cmd.subcommands.find((c) => c.name === rest[0] || c.aliases?.includes(rest[0]));
    if (!sub) break;
    cmd = sub;
    path += ` ${sub.name}`;
    rest = rest.slice(1);
  }
  const parsed = parseFlags([...pre, ...rest], [...(cmd.flags ?? []), ...GLOBAL_FLAGS]);
  if (!parsed.ok) return { stdout: "", stderr: `error: ${parsed.error}\nSee '${path} --help' for usage.\n`, exitCode: 1 };
  if (parsed.value.flags.get("help") === true) return { stdout: helpFor(cmd, path), stderr: "", exitCode: 0 };
  const ctx = new Ctx(cluster, stdin, path, parsed.value);
  if (!cmd.run) {
    // cmdutil.DefaultSubCommandRun: a group such as `kubectl create service` or `kubectl rollout`
    // without a known sub-command prints its help on stderr and fails.
    if (parsed.value.args.length > 0) {
      return { stdout: "", stderr: `error: unknown command ${JSON.stringify(parsed.value.args.join(" "))}\nSee '${path} -h' for help and examples\n`, exitCode: 1 };
    }
    return { stdout: "", stderr: helpFor(cmd, path), exitCode: 1 };
  }
  cmd.run(ctx);
  return { stdout: ctx.stdout, stderr: ctx.stderr, exitCode: ctx.exitCode, output: ctx.output };
}

/**
 * Every kubectl v1.33 command in the order kubectl registers them (cobra suggests in that order),
 * including the ones the lab does not simulate.
 */
export const KUBECTL_COMMANDS = [
  "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale",
  "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach",
  "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait",
  "kustomize", "label", "annotate", "completion", "alpha", "api-resources", "api-versions", "config", "plugin", "version", "options",
];

/** The real text where we have it verbatim, else the one rendered from the command's metadata. */
function helpFor(cmd: Command, path: string): string {
  return Object.hasOwn(HELP_TEXTS, path) ? HELP_TEXTS[path] : commandHelp(cmd, path);
}

function unknownCommand(verb: string): string {
  const suggestions = KUBECTL_COMMANDS.filter((c) => levenshtein(c, verb) <= 2 || c.startsWith(verb.toLowerCase()));
  let s = `error: unknown command "${verb}" for "kubectl"`;
  if (suggestions.length > 0) s += `\n\nDid you mean this?\n${suggestions.map((n) => `\t${n}`).join("\n")}\n`;
  return s + "\n";
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}
