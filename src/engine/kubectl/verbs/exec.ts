import type { KubeClient } from "../../cluster/client";
import type { Pod } from "../../cluster/types";
import { Ctx, type Command } from "../command";
import { bool, str } from "../flags";
import { containerFor, podForArg } from "./logs";
import { durationFlag } from "./wait";

/**
 * Where `kubectl exec [-c C] (POD | TYPE/NAME) -- …` runs: the pod (a controller or Service picks
 * its most active pod, as `AttachablePodForObject` does) and the container. Errors are kubectl's
 * own text, ready for stderr.
 */
export function execTarget(ctx: Ctx, arg: string, container: string, waitMs: number, quiet: boolean): { ok: true; pod: Pod; container: string } | { ok: false; stderr: string } {
  const t = podForArg(ctx, arg, waitMs, "attach");
  if (!t.ok) {
    if (t.notFound) return { ok: false, stderr: `Error from server (NotFound): ${t.notFound.resource} "${t.notFound.name}" not found\n` };
    return { ok: false, stderr: `error: ${t.error}\n` };
  }
  const pod = t.pod;
  if (pod.status.phase === "Succeeded" || pod.status.phase === "Failed") {
    return { ok: false, stderr: `error: cannot exec into a container in a completed pod; current phase is ${pod.status.phase}\n` };
  }
  const c = containerFor(ctx, pod, container, quiet);
  if (!c) return { ok: false, stderr: `Error from server (BadRequest): container ${container} is not valid for pod ${pod.metadata.name}\n` };
  return { ok: true, pod, container: c.name };
}

/**
 * The pod and container an interactive `kubectl exec -it … -- sh` opens, from the words before
 * `--` (for the shell, which keeps the session). Undefined when kubectl would fail.
 */
export function resolveExecTarget(cluster: KubeClient, words: string[]): { namespace: string; pod: string; container: string } | undefined {
  let ns = "default";
  let container = "";
  let target = "";
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "-n" || w === "--namespace") ns = words[++i] ?? ns;
    else if (w.startsWith("--namespace=")) ns = w.slice(12);
    else if (w.startsWith("-n") && w.length > 2 && !w.startsWith("--")) ns = w.slice(2);
    else if (w === "-c" || w === "--container") container = words[++i] ?? "";
    else if (w.startsWith("--container=")) container = w.slice(12);
    else if (w.startsWith("-c") && w.length > 2 && !w.startsWith("--")) container = w.slice(2);
    else if (w === "--pod-running-timeout") i++;
    else if (!w.startsWith("-")) target = w;
  }
  if (!target) return undefined;
  const ctx = new Ctx(cluster, undefined, "kubectl exec", { args: [], dashArgs: [], flags: new Map([["namespace", ns]]), set: new Set(["namespace"]) });
  const r = execTarget(ctx, target, container, 0, true);
  return r.ok ? { namespace: ns, pod: r.pod.metadata.name, container: r.container } : undefined;
}

export const exec: Command = {
  name: "exec",
  group: "Troubleshooting and Debugging Commands:",
  short: "Execute a command in a container",
  long: "Execute a command in a container.",
  examples: `  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date
  
  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date
  
  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il
  
  # List contents of /usr from the first container of pod mypod and sort by modification time
  # If the command you want to execute in the pod has any flags in common (e.g. -i),
  # you must use two dashes (--) to separate your command's flags/arguments
  # Also note, do not surround your command and its flags/arguments with quotes
  # unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
  kubectl exec mypod -i -t -- ls -t /usr
  
  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date
  
  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubectl exec svc/myservice -- date`,
  usage: "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
  flags: [
    { name: "container", short: "c", type: "string", default: "" },
    { name: "filename", short: "f", type: "stringSlice", default: [] },
    { name: "pod-running-timeout", type: "duration", default: "1m0s" },
    { name: "quiet", short: "q", type: "bool", default: false },
    { name: "stdin", short: "i", type: "bool", default: false },
    { name: "tty", short: "t", type: "bool", default: false },
  ],
  flagHelp: {
    container: "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen",
    filename: "to use to exec into the resource",
    "pod-running-timeout": "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running",
    quiet: "Only print output from the remote session",
    stdin: "Pass stdin to the container",
    tty: "Stdin is a TTY",
  },
  run(ctx) {
    const p = ctx.parsed;
    const waitMs = durationFlag(ctx, "pod-running-timeout");
    if (p.args.length === 0) return ctx.fail("pod, type/name or --filename must be specified");
    if (p.args.length > 1) return ctx.usage("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
    if (p.dashArgs.length === 0) return ctx.fail("you must specify at least one command for the container");
    const target = execTarget(ctx, p.args[0], str(p, "container"), waitMs, bool(p, "quiet"));
    if (!target.ok) {
      ctx.stderr += target.stderr;
      ctx.exitCode = 1;
      return;
    }
    // -t gives the command a terminal (curl then shows no progress meter on the body).
    const r = ctx.cluster.podExec({ namespace: ctx.namespace, pod: target.pod.metadata.name, container: target.container, argv: p.dashArgs, interactive: false, tty: bool(p, "tty") });
    ctx.appendStreams(r);
    if (r.exitCode === 0) return;
    // A failure of kubectl itself (OCI error, upgrade error) is already worded; a command that
    // ran and failed is reported the way kubectl's exec streams report a non-zero exit.
    if (!/^(error: |Error from server)/.test(r.stderr)) ctx.stderr += `command terminated with exit code ${r.exitCode}\n`;
    ctx.exitCode = r.exitCode;
  },
};
