/**
 * Lines the terminal answers by opening the YAML editor instead of sending them to the shell,
 * as a real terminal would open $EDITOR: `vi FILE` (also vim, nano) edits a file of the lab,
 * `kubectl edit TYPE NAME` an object. Reads go through the cluster as quiet execs (they move the
 * clock like any exec, so they are recorded for replay, but they print nothing).
 */
import type { Cluster } from "../engine/api";
import type { YamlEditorProps } from "../editor/types";

export type EditorRequest = Omit<YamlEditorProps, "onClose">;

/** What to do with a line: open the editor, print an error, or (undefined) run it as usual. */
export type Intercepted = { open: EditorRequest } | { error: string };

const EDITORS = /^\s*(?:sudo\s+)?(vi|vim|nvim|nano)(?:\s+(.*))?$/;
const EDIT = /^\s*(?:kubectl|k)\s+edit(?:\s+(.*))?$/;

/** Splits on blanks, honouring simple quotes. */
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function kubectlEdit(args: string[], cluster: Cluster): Intercepted {
  let namespace: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-n" || a === "--namespace") namespace = args[++i];
    else if (a.startsWith("--namespace=") || a.startsWith("-n=")) namespace = a.slice(a.indexOf("=") + 1);
    else if (/^-n./.test(a)) namespace = a.slice(2);
    else if (!a.startsWith("-")) positional.push(a);
  }
  const target = positional.length === 1 ? positional[0].split("/") : positional;
  if (target.length !== 2 || !target[0] || !target[1]) {
    return { error: 'error: you must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'\n' };
  }
  const ns = namespace ? ` -n ${namespace}` : "";
  const r = cluster.exec(`kubectl get ${target[0]} ${target[1]}${ns} -o yaml`);
  if (r.exitCode !== 0) return { error: r.stderr };
  const kind = /^kind: (\S+)$/m.exec(r.stdout)?.[1] ?? target[0];
  const name = /^ {2}name: (\S+)$/m.exec(r.stdout)?.[1] ?? target[1];
  const objNs = /^ {2}namespace: (\S+)$/m.exec(r.stdout)?.[1] ?? "";
  return { open: { mode: "edit", objectRef: `${objNs}/${kind}/${name}`, initialText: r.stdout } };
}

/** Whether `line` is an editor command, and what it asks for. */
export function interceptEditor(line: string, cluster: Cluster | null): Intercepted | undefined {
  if (!cluster) return undefined;
  const ed = EDITORS.exec(line);
  if (ed) {
    const files = words(ed[2] ?? "").filter((w) => !w.startsWith("-"));
    if (files.length !== 1) return { error: `${ed[1]}: Podflow's editor opens one file at a time, e.g. ${ed[1]} service.yaml\n` };
    if (!/^[\w.~/-]+$/.test(files[0])) return { error: `${ed[1]}: use a file name made of letters, digits, '.', '-', '_' and '/'\n` };
    const read = cluster.exec(`cat ${files[0]}`);
    return { open: { mode: "save", file: files[0], initialText: read.exitCode === 0 ? read.stdout : "" } };
  }
  const edit = EDIT.exec(line);
  if (edit) return kubectlEdit(words(edit[1] ?? ""), cluster);
  return undefined;
}
