import { parseSelector } from "../../cluster/labels";
import type { AnyObject, Kind, Pod, Service } from "../../cluster/types";
import type { KubeClient } from "../../cluster/client";
import type { Command, Ctx } from "../command";
import type { FlagSpec } from "../flags";
import { bool, list, str } from "../flags";
import { toYaml } from "../printers";
import { readContainerLog } from "./logs";
import { marshalOrdered } from "./version";

const CI_HELP = {
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  examples: "  # Print the address of the control plane and cluster services\n  kubectl cluster-info",
  usage: "kubectl cluster-info [flags] [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};
const DUMP_HELP = {
  long: "Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag, or specify --all-namespaces to dump all namespaces.\n\n The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different directories based on namespace and pod name.",
  examples: "  # Dump current cluster state to stdout\n  kubectl cluster-info dump\n  \n  # Dump current cluster state to /path/to/cluster-state\n  kubectl cluster-info dump --output-directory=/path/to/cluster-state\n  \n  # Dump all namespaces to stdout\n  kubectl cluster-info dump --all-namespaces\n  \n  # Dump a set of namespaces to /path/to/cluster-state\n  kubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state",
  usage: "kubectl cluster-info dump [flags] [options]",
  flags: [{ name: "all-namespaces", short: "A", type: "bool", default: false }, { name: "allow-missing-template-keys", type: "bool", default: true }, { name: "namespaces", type: "stringSlice", default: [] }, { name: "output", short: "o", type: "string", default: "json" }, { name: "output-directory", type: "string", default: "" }, { name: "pod-running-timeout", type: "duration", default: "20s" }, { name: "show-managed-fields", type: "bool", default: false }, { name: "template", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"all-namespaces": "If true, dump all namespaces.  If true, --namespaces is ignored.", "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.", "namespaces": "A comma separated list of namespaces to dump.", "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "output-directory": "Where to output the files.  If empty or '-' uses stdout, otherwise creates a directory hierarchy in that directory", "pod-running-timeout": "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running", "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.", "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."} as Record<string, string>,
};

/** The API server's URL in the admin kubeconfig: the control-plane node's address, port 6443. */
export function apiServerUrl(cluster: KubeClient): string {
  const cp = cluster.store.list("Node").find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined) ?? cluster.store.list("Node")[0];
  const ip = cp?.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "127.0.0.1";
  return `https://${ip}:6443`;
}

/** `utilnet.JoinSchemeNamePort`. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  if (port) return `${name}:${port}`;
  return name;
}

/** The link cluster-info prints for a cluster service: its LoadBalancer, else the API server proxy path. */
function serviceLink(host: string, s: Service): string {
  const ingress = s.status.loadBalancer.ingress?.[0];
  if (ingress) return (s.spec.ports ?? []).map((p) => `http://${ingress.ip || ingress.hostname || ""}:${p.port} `).join("");
  let name = s.metadata.name;
  const port = s.spec.ports?.[0];
  if (port) name = joinSchemeNamePort(port.name === "https" || port.port === 443 ? "https" : "", s.metadata.name, port.name ?? "");
  return `${host}/api/v1/namespaces/${s.metadata.namespace}/services/${name}/proxy`;
}

// ---------------------------------------------------------------- dump

/** Go's field order for ObjectMeta and an object's top level (JSON of typed objects keeps it). */
const META_ORDER = ["name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers"];
const TOP_ORDER = ["metadata", "spec", "status"];

function ordered(o: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (o[k] !== undefined) out[k] = o[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out)) out[k] = v;
  return out;
}

/** A typed list as client-go returns it: the items carry no apiVersion/kind of their own. */
function typedList(ctx: Ctx, kind: string, apiVersion: string, items: readonly AnyObject[]): Record<string, unknown> {
  return {
    kind,
    apiVersion,
    metadata: { resourceVersion: String(ctx.store.revision) },
    items: items.map((o) => {
      const rest: Record<string, unknown> = { ...o, metadata: ordered({ ...o.metadata }, META_ORDER) };
      delete rest.apiVersion;
      delete rest.kind;
      return ordered(rest, TOP_ORDER);
    }),
  };
}

const dump: Command = {
  name: "dump",
  short: "Dump relevant information for debugging and diagnosis",
  ...DUMP_HELP,
  run(ctx) {
    const p = ctx.parsed;
    const fmt = str(p, "output");
    if (fmt !== "json" && fmt !== "yaml") return ctx.fail(`unable to match a printer suitable for the output format "${fmt}", allowed formats are: json,yaml`);
    const dir = str(p, "output-directory");
    const ext = fmt === "json" ? ".json" : ".yaml";
    const print = (o: unknown) => (fmt === "json" ? marshalOrdered(o) + "\n" : toYaml(o));
    const write = (file: string, text: string) => {
      if (!dir || dir === "-") ctx.out(text);
      else ctx.cluster.files.append(`${dir}/${file}`, text);
    };
    const store = ctx.store;
    write(`nodes${ext}`, print(typedList(ctx, "NodeList", "v1", store.list("Node"))));
    let namespaces: string[];
    if (bool(p, "all-namespaces")) namespaces = store.list("Namespace").map((n) => n.metadata.name);
    else if (list(p, "namespaces").length > 0) namespaces = list(p, "namespaces");
    else namespaces = ["kube-system", ctx.namespace];
    for (const ns of namespaces) {
      const lists: [string, string, string, Kind | undefined][] = [
        ["events", "EventList", "v1", "Event"],
        ["replication-controllers", "ReplicationControllerList", "v1", undefined],
        ["services", "ServiceList", "v1", "Service"],
        ["daemonsets", "DaemonSetList", "apps/v1", "DaemonSet"],
        ["deployments", "DeploymentList", "apps/v1", "Deployment"],
        ["replicasets", "ReplicaSetList", "apps/v1", "ReplicaSet"],
        ["pods", "PodList", "v1", "Pod"],
      ];
      for (const [file, kind, apiVersion, k] of lists) write(`${ns}/${file}${ext}`, print(typedList(ctx, kind, apiVersion, k ? store.list(k, ns) : [])));
      for (const pod of store.list("Pod", ns) as readonly Pod[]) {
        for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
          let text = `==== START logs for container ${c.name} of pod ${ns}/${pod.metadata.name} ====\n`;
          const got = readContainerLog(ctx, pod, c, false);
          if (got.ok) text += got.lines.map((l) => `${l.text}\n`).join("");
          else text += `Request log error: ${got.error}\n`;
          text += `==== END logs for container ${c.name} of pod ${ns}/${pod.metadata.name} ====\n`;
          write(`${ns}/${pod.metadata.name}/logs.txt`, text);
        }
      }
    }
    if (dir && dir !== "-") ctx.line(`Cluster info dumped to ${dir}`);
  },
};

// ---------------------------------------------------------------- cluster-info

/**
 * `kubectl cluster-info`: the API server, then every Service labelled
 * `kubernetes.io/cluster-service=true` in kube-system (or -n). Since v1.32 kubectl prints this
 * without the green/yellow ANSI colours older releases used.
 */
export const clusterInfo: Command = {
  name: "cluster-info",
  group: "Cluster Management Commands:",
  short: "Display cluster information",
  ...CI_HELP,
  subcommands: [dump],
  run(ctx) {
    const host = apiServerUrl(ctx.cluster);
    const ns = str(ctx.parsed, "namespace") || "kube-system";
    const sel = parseSelector("kubernetes.io/cluster-service=true");
    ctx.line(`Kubernetes control plane is running at ${host}`);
    if (sel.ok) {
      for (const s of ctx.store.list("Service", ns).filter((x) => sel.selector.matches(x.metadata.labels))) {
        ctx.line(`${s.metadata.labels?.["kubernetes.io/name"] || s.metadata.name} is running at ${serviceLink(host, s)}`);
      }
    }
    ctx.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  },
};
