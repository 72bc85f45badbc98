import type { KubeClient } from "../../cluster/client";
import type { Command, Ctx } from "../command";
import { commandHelp } from "../help";
import type { FlagSpec } from "../flags";
import { bool, str } from "../flags";
import { jsonpath, tabwrite, toYaml } from "../printers";
import { apiServerUrl } from "./clusterinfo";
import { marshalOrdered } from "./version";

// ---------------------------------------------------------------- help texts (kubectl v1.33, verbatim)

const VIEW_HELP = {
  long: "Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.",
  examples: "  # Show merged kubeconfig settings\n  kubectl config view\n  \n  # Show merged kubeconfig settings, raw certificate data, and exposed secrets\n  kubectl config view --raw\n  \n  # Get the password for the e2e user\n  kubectl config view -o jsonpath='{.users[?(@.name == \"e2e\")].user.password}'",
  usage: "kubectl config view [flags] [options]",
  flags: [{ name: "allow-missing-template-keys", type: "bool", default: true }, { name: "flatten", type: "bool", default: false }, { name: "merge", type: "bool", default: true }, { name: "minify", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "yaml" }, { name: "raw", type: "bool", default: false }, { name: "show-managed-fields", type: "bool", default: false }, { name: "template", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.", "flatten": "Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)", "merge": "Merge the full hierarchy of kubeconfig files", "minify": "Remove all information not used by current-context from the output", "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "raw": "Display raw byte data and sensitive data", "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.", "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."} as Record<string, string>,
};

const CURRENT_CONTEXT_HELP = {
  long: "Display the current-context.",
  examples: "  # Display the current-context\n  kubectl config current-context",
  usage: "kubectl config current-context [flags] [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};

const GET_CONTEXTS_HELP = {
  long: "Display one or many contexts from the kubeconfig file.",
  examples: "  # List all the contexts in your kubeconfig file\n  kubectl config get-contexts\n  \n  # Describe one context in your kubeconfig file\n  kubectl config get-contexts my-context",
  usage: "kubectl config get-contexts [(-o|--output=)name)] [options]",
  flags: [{ name: "no-headers", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"no-headers": "When using the default or custom-column output format, don't print headers (default print headers).", "output": "Output format. One of: (name)."} as Record<string, string>,
};

const GET_CLUSTERS_HELP = {
  long: "Display clusters defined in the kubeconfig.",
  examples: "  # List the clusters that kubectl knows about\n  kubectl config get-clusters",
  usage: "kubectl config get-clusters [flags] [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};

const GET_USERS_HELP = {
  long: "Display users defined in the kubeconfig.",
  examples: "  # List the users that kubectl knows about\n  kubectl config get-users",
  usage: "kubectl config get-users [flags] [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};

const USE_CONTEXT_HELP = {
  long: "Set the current-context in a kubeconfig file.",
  examples: "  # Use the context for the minikube cluster\n  kubectl config use-context minikube",
  usage: "kubectl config use-context CONTEXT_NAME [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};

const SET_CONTEXT_HELP = {
  long: "Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.",
  examples: "  # Set the user field on the gce context entry without touching other values\n  kubectl config set-context gce --user=cluster-admin",
  usage: "kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]",
  flags: [{ name: "cluster", type: "string", default: "" }, { name: "current", type: "bool", default: false }, { name: "namespace", type: "string", default: "" }, { name: "user", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"cluster": "cluster for the context entry in kubeconfig", "current": "Modify the current context", "namespace": "namespace for the context entry in kubeconfig", "user": "user for the context entry in kubeconfig"} as Record<string, string>,
};

const DELETE_CLUSTER_HELP = {
  long: "Delete the specified cluster from the kubeconfig.",
  examples: "  # Delete the minikube cluster\n  kubectl config delete-cluster minikube",
  usage: "kubectl config delete-cluster NAME [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};

const DELETE_CONTEXT_HELP = {
  long: "Delete the specified context from the kubeconfig.",
  examples: "  # Delete the context for the minikube cluster\n  kubectl config delete-context minikube",
  usage: "kubectl config delete-context NAME [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};

const DELETE_USER_HELP = {
  long: "Delete the specified user from the kubeconfig.",
  examples: "  # Delete the minikube user\n  kubectl config delete-user minikube",
  usage: "kubectl config delete-user NAME [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};

const RENAME_CONTEXT_HELP = {
  long: "Renames a context from the kubeconfig file.\n\n CONTEXT_NAME is the context name that you want to change.\n\n NEW_NAME is the new name you want to set.\n\n Note: If the context being renamed is the 'current-context', this field will also be updated.",
  examples: "  # Rename the context 'old-name' to 'new-name' in your kubeconfig file\n  kubectl config rename-context old-name new-name",
  usage: "kubectl config rename-context CONTEXT_NAME NEW_NAME [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};

const SET_HELP = {
  long: "Set an individual value in a kubeconfig file.\n\n PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.\n\n PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.\n\n Specifying an attribute name that already exists will merge new fields on top of existing values.",
  examples: "  # Set the server field on the my-cluster cluster to https://1.2.3.4\n  kubectl config set clusters.my-cluster.server https://1.2.3.4\n  \n  # Set the certificate-authority-data field on the my-cluster cluster\n  kubectl config set clusters.my-cluster.certificate-authority-data $(echo \"cert_data_here\" | base64 -i -)\n  \n  # Set the cluster field in the my-context context to my-cluster\n  kubectl config set contexts.my-context.cluster my-cluster\n  \n  # Set the client-key-data field in the cluster-admin user using --set-raw-bytes option\n  kubectl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true",
  usage: "kubectl config set PROPERTY_NAME PROPERTY_VALUE [options]",
  flags: [{ name: "set-raw-bytes", type: "bool", default: false }] as FlagSpec[],
  flagHelp: {"set-raw-bytes": "When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding."} as Record<string, string>,
};

const SET_CLUSTER_HELP = {
  long: "Set a cluster entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.",
  examples: "  # Set only the server field on the e2e cluster entry without touching other values\n  kubectl config set-cluster e2e --server=https://1.2.3.4\n  \n  # Embed certificate authority data for the e2e cluster entry\n  kubectl config set-cluster e2e --embed-certs --certificate-authority=~/.kube/e2e/kubernetes.ca.crt\n  \n  # Disable cert checking for the e2e cluster entry\n  kubectl config set-cluster e2e --insecure-skip-tls-verify=true\n  \n  # Set the custom TLS server name to use for validation for the e2e cluster entry\n  kubectl config set-cluster e2e --tls-server-name=my-cluster-name\n  \n  # Set the proxy URL for the e2e cluster entry\n  kubectl config set-cluster e2e --proxy-url=https://1.2.3.4",
  usage: "kubectl config set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com] [options]",
  flags: [{ name: "certificate-authority", type: "string", default: "" }, { name: "embed-certs", type: "bool", default: false }, { name: "insecure-skip-tls-verify", type: "bool", default: false }, { name: "proxy-url", type: "string", default: "" }, { name: "server", type: "string", default: "" }, { name: "tls-server-name", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"certificate-authority": "Path to certificate-authority file for the cluster entry in kubeconfig", "embed-certs": "embed-certs for the cluster entry in kubeconfig", "insecure-skip-tls-verify": "insecure-skip-tls-verify for the cluster entry in kubeconfig", "proxy-url": "proxy-url for the cluster entry in kubeconfig", "server": "server for the cluster entry in kubeconfig", "tls-server-name": "tls-server-name for the cluster entry in kubeconfig"} as Record<string, string>,
};

const SET_CREDENTIALS_HELP = {
  long: "Set a user entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values.\n\n        Client-certificate flags:\n        --client-certificate=certfile --client-key=keyfile\n        \n        Bearer token flags:\n        --token=bearer_token\n        \n        Basic auth flags:\n        --username=basic_user --password=basic_password\n        \n Bearer token and basic auth are mutually exclusive.",
  examples: "  # Set only the \"client-key\" field on the \"cluster-admin\"\n  # entry, without touching other values\n  kubectl config set-credentials cluster-admin --client-key=~/.kube/admin.key\n  \n  # Set basic auth for the \"cluster-admin\" entry\n  kubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif\n  \n  # Embed client certificate data in the \"cluster-admin\" entry\n  kubectl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt --embed-certs=true\n  \n  # Enable the Google Compute Platform auth provider for the \"cluster-admin\" entry\n  kubectl config set-credentials cluster-admin --auth-provider=gcp\n  \n  # Enable the OpenID Connect auth provider for the \"cluster-admin\" entry with additional arguments\n  kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar\n  \n  # Remove the \"client-secret\" config value for the OpenID Connect auth provider for the \"cluster-admin\" entry\n  kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-secret-\n  \n  # Enable new exec auth plugin for the \"cluster-admin\" entry\n  kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1\n  \n  # Enable new exec auth plugin for the \"cluster-admin\" entry with interactive mode\n  kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-interactive-mode=Never\n  \n  # Define new exec auth plugin arguments for the \"cluster-admin\" entry\n  kubectl config set-credentials cluster-admin --exec-arg=arg1 --exec-arg=arg2\n  \n  # Create or update exec auth plugin environment variables for the \"cluster-admin\" entry\n  kubectl config set-credentials cluster-admin --exec-env=key1=val1 --exec-env=key2=val2\n  \n  # Remove exec auth plugin environment variables for the \"cluster-admin\" entry\n  kubectl config set-credentials cluster-admin --exec-env=var-to-remove-",
  usage: "kubectl config set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value] [options]",
  flags: [{ name: "auth-provider", type: "string", default: "" }, { name: "auth-provider-arg", type: "stringSlice", default: [] }, { name: "client-certificate", type: "string", default: "" }, { name: "client-key", type: "string", default: "" }, { name: "embed-certs", type: "bool", default: false }, { name: "exec-api-version", type: "string", default: "" }, { name: "exec-arg", type: "stringSlice", default: [] }, { name: "exec-command", type: "string", default: "" }, { name: "exec-env", type: "stringSlice", default: [] }, { name: "exec-interactive-mode", type: "string", default: "" }, { name: "exec-provide-cluster-info", type: "bool", default: false }, { name: "password", type: "string", default: "" }, { name: "token", type: "string", default: "" }, { name: "username", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"auth-provider": "Auth provider for the user entry in kubeconfig", "auth-provider-arg": "'key=value' arguments for the auth provider", "client-certificate": "Path to client-certificate file for the user entry in kubeconfig", "client-key": "Path to client-key file for the user entry in kubeconfig", "embed-certs": "Embed client cert/key for the user entry in kubeconfig", "exec-api-version": "API version of the exec credential plugin for the user entry in kubeconfig", "exec-arg": "New arguments for the exec credential plugin command for the user entry in kubeconfig", "exec-command": "Command for the exec credential plugin for the user entry in kubeconfig", "exec-env": "'key=value' environment values for the exec credential plugin", "exec-interactive-mode": "InteractiveMode of the exec credentials plugin for the user entry in kubeconfig", "exec-provide-cluster-info": "ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig", "password": "password for the user entry in kubeconfig", "token": "token for the user entry in kubeconfig", "username": "username for the user entry in kubeconfig"} as Record<string, string>,
};

const UNSET_HELP = {
  long: "Unset an individual value in a kubeconfig file.\n\n PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.",
  examples: "  # Unset the current-context\n  kubectl config unset current-context\n  \n  # Unset namespace in foo context\n  kubectl config unset contexts.foo.namespace",
  usage: "kubectl config unset PROPERTY_NAME [options]",
  flags: [] as FlagSpec[],
  flagHelp: {} as Record<string, string>,
};


// ---------------------------------------------------------------- the kubeconfig

/** Where kubeadm's admin kubeconfig was copied (`mkdir -p $HOME/.kube; cp -i /etc/kubernetes/admin.conf …`). */
export const KUBECONFIG_PATH = "/root/.kube/config";

export interface NamedCluster {
  name: string;
  cluster: { server: string; "certificate-authority-data"?: string; "insecure-skip-tls-verify"?: boolean };
}
export interface NamedContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string };
}
export interface NamedUser {
  name: string;
  user: { "client-certificate-data"?: string; "client-key-data"?: string; token?: string; username?: string; password?: string };
}

/** The lab's kubeconfig: plain data (kubeadm's admin.conf until the learner edits it). */
export interface Kubeconfig {
  clusters: NamedCluster[];
  contexts: NamedContext[];
  currentContext: string;
  users: NamedUser[];
}

const configs = new WeakMap<object, Kubeconfig>();

/** The cluster's kubeconfig (created on first use: kubeadm's admin.conf). */
export function kubeconfigOf(cluster: KubeClient): Kubeconfig {
  let c = configs.get(cluster);
  if (!c) configs.set(cluster, (c = adminConf(cluster)));
  return c;
}

/** The namespace of the current context, if it sets one (what `kubectl` uses when -n is absent). */
export function contextNamespace(cluster: KubeClient): string | undefined {
  const k = kubeconfigOf(cluster);
  return k.contexts.find((c) => c.name === k.currentContext)?.context.namespace || undefined;
}

function adminConf(cluster: KubeClient): Kubeconfig {
  const seed = `${cluster.options.seed}`;
  return {
    clusters: [{ name: "kubernetes", cluster: { "certificate-authority-data": pemBase64("CERTIFICATE", `ca/${seed}`, 1107), server: apiServerUrl(cluster) } }],
    contexts: [{ name: "kubernetes-admin@kubernetes", context: { cluster: "kubernetes", user: "kubernetes-admin" } }],
    currentContext: "kubernetes-admin@kubernetes",
    users: [{ name: "kubernetes-admin", user: { "client-certificate-data": pemBase64("CERTIFICATE", `admin/${seed}`, 1164), "client-key-data": pemBase64("RSA PRIVATE KEY", `key/${seed}`, 1675) } }],
  };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(bytes: number[]): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    s += B64[a >> 2] + B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    s += b === undefined ? "=" : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    s += c === undefined ? "=" : B64[c & 63];
  }
  return s;
}

/**
 * A stand-in for kubeadm's certificates: a PEM block of `size` deterministic bytes, base64-encoded
 * again as kubeconfig `*-data` fields are. Not a real certificate — only its shape is.
 */
function pemBase64(type: string, salt: string, size: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  const der = [0x30, 0x82, (size >> 8) & 0xff, size & 0xff];
  for (let i = 4; i < size; i++) {
    h = Math.imul(h ^ i, 0x01000193) >>> 0;
    der.push(h & 0xff);
  }
  const body = base64(der).replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  const pem = `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
  return base64([...pem].map((c) => c.charCodeAt(0)));
}

/** The kubeconfig as `config view` prints it: data omitted and secrets redacted unless raw. */
function viewObject(k: Kubeconfig, raw: boolean, minify: boolean): Record<string, unknown> {
  const hide = (o: Record<string, unknown>) => {
    if (raw) return o;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(o)) out[key] = key.endsWith("-data") ? "DATA+OMITTED" : key === "token" || key === "password" ? "REDACTED" : v;
    return out;
  };
  let contexts = k.contexts;
  let clusters = k.clusters;
  let users = k.users;
  if (minify) {
    contexts = contexts.filter((c) => c.name === k.currentContext);
    clusters = clusters.filter((c) => contexts.some((x) => x.context.cluster === c.name));
    users = users.filter((u) => contexts.some((x) => x.context.user === u.name));
  }
  // Field order of the Go structs (what -o json shows); -o yaml sorts the keys anyway.
  return {
    kind: "Config",
    apiVersion: "v1",
    preferences: {},
    clusters: clusters.map((c) => ({ name: c.name, cluster: hide({ server: c.cluster.server, "insecure-skip-tls-verify": c.cluster["insecure-skip-tls-verify"], "certificate-authority-data": c.cluster["certificate-authority-data"] }) })),
    users: users.map((u) => ({ name: u.name, user: hide({ ...u.user }) })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.context.cluster, user: c.context.user, namespace: c.context.namespace } })),
    "current-context": k.currentContext,
  };
}

/** Drops undefined fields (Go's omitempty) so the YAML printer never sees them. */
function prune<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

// ---------------------------------------------------------------- subcommands

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const view: Command = {
  name: "view",
  short: "Display merged kubeconfig settings or a specified kubeconfig file",
  ...VIEW_HELP,
  run(ctx) {
    const k = kubeconfigOf(ctx.cluster);
    const p = ctx.parsed;
    const minify = bool(p, "minify");
    if (minify && !k.contexts.some((c) => c.name === k.currentContext)) return ctx.fail("current-context must exist in order to minify");
    const obj = prune(viewObject(k, bool(p, "raw") || bool(p, "flatten"), minify));
    const o = str(p, "output");
    if (o === "yaml" || o === "") return ctx.out(toYaml(obj));
    if (o === "json") return ctx.out(marshalOrdered(obj) + "\n");
    if (o.startsWith("jsonpath=")) {
      const r = jsonpath(o.slice("jsonpath=".length), obj);
      return r.ok ? ctx.out(r.out) : ctx.fail(r.error);
    }
    if (o === "name") return ctx.line("config/");
    ctx.fail(`unable to match a printer suitable for the output format "${o}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,yaml`);
  },
};

const currentContext: Command = {
  name: "current-context",
  short: "Display the current-context",
  ...CURRENT_CONTEXT_HELP,
  run(ctx) {
    const k = kubeconfigOf(ctx.cluster);
    if (!k.currentContext) return ctx.fail("current-context is not set");
    ctx.line(k.currentContext);
  },
};

const getContexts: Command = {
  name: "get-contexts",
  short: "Describe one or many contexts",
  ...GET_CONTEXTS_HELP,
  run(ctx) {
    const k = kubeconfigOf(ctx.cluster);
    const p = ctx.parsed;
    const o = str(p, "output");
    if (o !== "" && o !== "name") return ctx.fail(`output must be one of '' or 'name': ${o}`);
    const names = p.args;
    const chosen = names.length ? k.contexts.filter((c) => names.includes(c.name)) : k.contexts;
    const missing = names.filter((n) => !k.contexts.some((c) => c.name === n));
    const sorted = [...chosen].sort(byName);
    if (o === "name") for (const c of sorted) ctx.line(c.name);
    else {
      const rows = sorted.map((c) => [c.name === k.currentContext ? "*" : "", c.name, c.context.cluster, c.context.user, c.context.namespace ?? ""]);
      ctx.out(tabwrite(bool(p, "no-headers") ? rows : [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"], ...rows]));
    }
    for (const m of missing) ctx.fail(`context ${m} not found`);
  },
};

const getClusters: Command = {
  name: "get-clusters",
  short: "Display clusters defined in the kubeconfig",
  ...GET_CLUSTERS_HELP,
  run(ctx) {
    ctx.line("NAME");
    for (const c of [...kubeconfigOf(ctx.cluster).clusters].sort(byName)) ctx.line(c.name);
  },
};

const getUsers: Command = {
  name: "get-users",
  short: "Display users defined in the kubeconfig",
  ...GET_USERS_HELP,
  run(ctx) {
    ctx.line("NAME");
    for (const u of [...kubeconfigOf(ctx.cluster).users].sort(byName)) ctx.line(u.name);
  },
};

/** cobra's help on stdout, then the error, as kubectl does for a missing required argument. */
/** kubectl's `cmd.Help()` then the error, as `config use-context` does without a name. */
function helpThenFail(ctx: Ctx, cmd: Command, message: string): void {
  ctx.out(commandHelp(cmd, ctx.path));
  ctx.fail(message);
}

const useContext: Command = {
  name: "use-context",
  aliases: ["use"],
  short: "Set the current-context in a kubeconfig file",
  ...USE_CONTEXT_HELP,
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length !== 1) return helpThenFail(ctx, useContext, `Unexpected args: [${p.args.join(" ")}]`);
    const k = kubeconfigOf(ctx.cluster);
    const name = p.args[0];
    if (!k.contexts.some((c) => c.name === name)) return ctx.fail(`no context exists with the name: ${JSON.stringify(name)}`);
    k.currentContext = name;
    ctx.line(`Switched to context ${JSON.stringify(name)}.`);
  },
};

const setContext: Command = {
  name: "set-context",
  short: "Set a context entry in kubeconfig",
  ...SET_CONTEXT_HELP,
  run(ctx) {
    const p = ctx.parsed;
    const k = kubeconfigOf(ctx.cluster);
    let name = p.args[0] ?? "";
    if (bool(p, "current")) {
      if (name) return ctx.fail("you cannot specify both a context name and --current");
      if (!k.currentContext) return ctx.fail("no current context is set");
      name = k.currentContext;
    }
    if (!name) return ctx.fail("you must specify a non-empty context name or --current");
    let entry = k.contexts.find((c) => c.name === name);
    const created = !entry;
    if (!entry) k.contexts.push((entry = { name, context: { cluster: "", user: "" } }));
    if (p.set.has("cluster")) entry.context.cluster = str(p, "cluster");
    if (p.set.has("user")) entry.context.user = str(p, "user");
    if (p.set.has("namespace")) {
      const ns = str(p, "namespace");
      if (ns) entry.context.namespace = ns;
      else delete entry.context.namespace;
    }
    ctx.line(`Context ${JSON.stringify(name)} ${created ? "created" : "modified"}.`);
  },
};

const deleteContext: Command = {
  name: "delete-context",
  short: "Delete the specified context from the kubeconfig",
  ...DELETE_CONTEXT_HELP,
  run(ctx) {
    const k = kubeconfigOf(ctx.cluster);
    const name = ctx.parsed.args[0];
    if (ctx.parsed.args.length !== 1) return ctx.usage("a context name is required");
    const i = k.contexts.findIndex((c) => c.name === name);
    if (i < 0) return ctx.fail(`cannot delete context ${name}, not in ${KUBECONFIG_PATH}`);
    if (k.currentContext === name) ctx.stderr += 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n';
    k.contexts.splice(i, 1);
    ctx.line(`deleted context ${name} from ${KUBECONFIG_PATH}`);
  },
};

const renameContext: Command = {
  name: "rename-context",
  short: "Rename a context from the kubeconfig file",
  ...RENAME_CONTEXT_HELP,
  run(ctx) {
    const k = kubeconfigOf(ctx.cluster);
    const [from, to] = ctx.parsed.args;
    if (ctx.parsed.args.length !== 2) return ctx.usage("Unexpected args: " + JSON.stringify(ctx.parsed.args));
    const entry = k.contexts.find((c) => c.name === from);
    if (!entry) return ctx.fail(`cannot rename the context ${JSON.stringify(from)}, it's not in ${KUBECONFIG_PATH}`);
    if (k.contexts.some((c) => c.name === to)) return ctx.fail(`cannot rename the context ${JSON.stringify(from)}, the context ${JSON.stringify(to)} already exists in ${KUBECONFIG_PATH}`);
    entry.name = to;
    if (k.currentContext === from) k.currentContext = to;
    ctx.line(`Context ${JSON.stringify(from)} renamed to ${JSON.stringify(to)}.`);
  },
};

function deleteNamed(what: "cluster" | "user", list: (k: Kubeconfig) => { name: string }[]): (ctx: Ctx) => void {
  return (ctx) => {
    const k = kubeconfigOf(ctx.cluster);
    const name = ctx.parsed.args[0];
    if (ctx.parsed.args.length !== 1) return ctx.usage(`a ${what} name is required`);
    const l = list(k);
    const i = l.findIndex((x) => x.name === name);
    if (i < 0) return ctx.fail(`cannot delete ${what} ${name}, not in ${KUBECONFIG_PATH}`);
    l.splice(i, 1);
    ctx.line(`deleted ${what} ${name} from ${KUBECONFIG_PATH}`);
  };
}

const deleteCluster: Command = { name: "delete-cluster", short: "Delete the specified cluster from the kubeconfig", ...DELETE_CLUSTER_HELP, run: deleteNamed("cluster", (k) => k.clusters) };
const deleteUser: Command = { name: "delete-user", short: "Delete the specified user from the kubeconfig", ...DELETE_USER_HELP, run: deleteNamed("user", (k) => k.users) };

const setCluster: Command = {
  name: "set-cluster",
  short: "Set a cluster entry in kubeconfig",
  ...SET_CLUSTER_HELP,
  run(ctx) {
    const p = ctx.parsed;
    const name = p.args[0];
    if (p.args.length !== 1) return ctx.usage("Unexpected args: " + JSON.stringify(p.args));
    const k = kubeconfigOf(ctx.cluster);
    let entry = k.clusters.find((c) => c.name === name);
    if (!entry) k.clusters.push((entry = { name, cluster: { server: "" } }));
    if (p.set.has("server")) entry.cluster.server = str(p, "server");
    if (p.set.has("insecure-skip-tls-verify")) entry.cluster["insecure-skip-tls-verify"] = str(p, "insecure-skip-tls-verify") === "true" || undefined;
    ctx.line(`Cluster ${JSON.stringify(name)} set.`);
  },
};

const setCredentials: Command = {
  name: "set-credentials",
  short: "Set a user entry in kubeconfig",
  ...SET_CREDENTIALS_HELP,
  run(ctx) {
    const p = ctx.parsed;
    const name = p.args[0];
    if (p.args.length !== 1) return ctx.usage("Unexpected args: " + JSON.stringify(p.args));
    const k = kubeconfigOf(ctx.cluster);
    let entry = k.users.find((u) => u.name === name);
    if (!entry) k.users.push((entry = { name, user: {} }));
    for (const f of ["token", "username", "password"] as const) if (p.set.has(f)) entry.user[f] = str(p, f);
    ctx.line(`User ${JSON.stringify(name)} set.`);
  },
};

/** `config set`/`unset` for the properties a lab uses: current-context and contexts.NAME.FIELD. */
function property(k: Kubeconfig, path: string, value: string | undefined): string | undefined {
  if (path === "current-context") {
    k.currentContext = value ?? "";
    return undefined;
  }
  const m = /^contexts\.(.+)\.(cluster|user|namespace)$/.exec(path);
  if (m) {
    let entry = k.contexts.find((c) => c.name === m[1]);
    if (!entry) {
      if (value === undefined) return `current map key \`${m[1]}\` is invalid`;
      k.contexts.push((entry = { name: m[1], context: { cluster: "", user: "" } }));
    }
    const field = m[2] as "cluster" | "user" | "namespace";
    if (value === undefined) {
      if (field === "namespace") delete entry.context.namespace;
      else entry.context[field] = "";
    } else entry.context[field] = value;
    return undefined;
  }
  const c = /^clusters\.(.+)\.server$/.exec(path);
  if (c) {
    let entry = k.clusters.find((x) => x.name === c[1]);
    if (!entry) k.clusters.push((entry = { name: c[1], cluster: { server: "" } }));
    entry.cluster.server = value ?? "";
    return undefined;
  }
  return `unable to locate path ${path.split(".")[0]}`;
}

const setProperty: Command = {
  name: "set",
  short: "Set an individual value in a kubeconfig file",
  ...SET_HELP,
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length !== 2) return ctx.usage(`Unexpected args: ${JSON.stringify(p.args)}`);
    const err = property(kubeconfigOf(ctx.cluster), p.args[0], p.args[1]);
    if (err) return ctx.fail(err);
    ctx.line(`Property ${JSON.stringify(p.args[0])} set.`);
  },
};

const unsetProperty: Command = {
  name: "unset",
  short: "Unset an individual value in a kubeconfig file",
  ...UNSET_HELP,
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length !== 1) return ctx.usage(`Unexpected args: ${JSON.stringify(p.args)}`);
    const err = property(kubeconfigOf(ctx.cluster), p.args[0], undefined);
    if (err) return ctx.fail(err);
    ctx.line(`Property ${JSON.stringify(p.args[0])} unset.`);
  },
};

/** `kubectl config`: the lab's kubeconfig (kubeadm's admin.conf in /root/.kube/config). */
export const config: Command = {
  name: "config",
  group: "Other Commands:",
  short: "Modify kubeconfig files",
  long: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\n The loading order follows these rules:\n\n  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.',
  usage: "kubectl config SUBCOMMAND [options]",
  subcommands: [currentContext, deleteCluster, deleteContext, deleteUser, getClusters, getContexts, getUsers, renameContext, setProperty, setCluster, setContext, setCredentials, unsetProperty, useContext, view],
};
