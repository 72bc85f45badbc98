import type { Command } from "./command";

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
