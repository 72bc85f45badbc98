import type { Command } from "./command";

/** `kubectl --help`: the command groups, as kubectl lists them. */
export function rootHelp(commands: readonly Command[]): string {
  const groups = new Map<string, Command[]>();
  for (const c of commands) {
    const g = c.group ?? "Other Commands:";
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(c);
  }
  let s = "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n";
  // cobra pads every command name to one width (at least 11) across all groups.
  const w = Math.max(11, ...commands.map((c) => c.name.length));
  for (const [g, cs] of groups) {
    s += `${g}\n`;
    for (const c of cs) s += `  ${c.name.padEnd(w)}   ${c.short}\n`;
    s += "\n";
  }
  s += 'Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}

/** `kubectl <verb> --help`, in kubectl's layout: description, examples, options, usage. */
export function commandHelp(cmd: Command, path: string): string {
  let s = `${cmd.long ?? cmd.short}\n\n`;
  if (cmd.aliases?.length) s += `Aliases:\n${[cmd.name, ...cmd.aliases].join(", ")}\n\n`;
  if (cmd.examples) s += `Examples:\n${cmd.examples.replace(/\n+$/, "")}\n\n`;
  if (cmd.subcommands?.length) {
    s += "Available Commands:\n";
    const w = Math.max(11, ...cmd.subcommands.map((c) => c.name.length));
    for (const c of cmd.subcommands) s += `  ${c.name.padEnd(w)}   ${c.short}\n`;
    s += "\n";
  }
  const flags = cmd.flags ?? [];
  if (flags.length) {
    s += "Options:\n";
    for (const f of [...flags].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const def = f.type === "bool" ? String(f.default ?? false) : f.type === "int" || f.type === "duration" ? String(f.default ?? 0) : Array.isArray(f.default) ? `[${f.default.join(",")}]` : `'${f.default ?? ""}'`;
      s += `    ${f.short ? `-${f.short}, ` : ""}--${f.name}=${def}:\n\t${cmd.flagHelp?.[f.name] ?? ""}\n\n`;
    }
  }
  s += `Usage:\n  ${cmd.usage}\n\n`;
  if (cmd.subcommands?.length) s += `Use "${path} <command> --help" for more information about a given command.\n`;
  s += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}
