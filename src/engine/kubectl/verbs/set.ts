import { parseSelector } from "../../cluster/labels";
import { qualifiedSingular } from "../../cluster/resources";
import type { AnyObject, Container } from "../../cluster/types";
import { clone, deepEqual } from "../../util/clone";
import type { Command, Ctx } from "../command";
import { podSpecOf } from "../polymorphic";
import type { FlagSpec } from "../flags";
import { bool, list, str } from "../flags";
import { parseOutput, printStructured } from "../output";
import { resourceTargets, type Target } from "./shared";

// ---------------------------------------------------------------- help texts (kubectl v1.33, verbatim)

const IMAGE_HELP = {
  long: "Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
  examples: "  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'\n  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n  \n  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'\n  kubectl set image deployments,rc nginx=nginx:1.9.1 --all\n  \n  # Update image of all containers of daemonset abc to 'nginx:1.9.1'\n  kubectl set image daemonset abc *=nginx:1.9.1\n  \n  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server\n  kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml",
  usage: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]",
  flags: [{ name: "all", type: "bool", default: false }, { name: "allow-missing-template-keys", type: "bool", default: true }, { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" }, { name: "field-manager", type: "string", default: "kubectl-set" }, { name: "filename", short: "f", type: "stringSlice", default: [] }, { name: "kustomize", short: "k", type: "string", default: "" }, { name: "local", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }, { name: "recursive", short: "R", type: "bool", default: false }, { name: "selector", short: "l", type: "string", default: "" }, { name: "show-managed-fields", type: "bool", default: false }, { name: "template", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"all": "Select all resources, in the namespace of the specified resource types", "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.", "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", "field-manager": "Name of the manager used to track field ownership.", "filename": "Filename, directory, or URL to files identifying the resource to get from a server.", "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.", "local": "If true, set image will NOT contact api-server but run locally.", "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.", "selector": "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.", "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.", "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."} as Record<string, string>,
};

const ENV_HELP = {
  long: "Update environment variables on a pod template.\n\n List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.\n\n If \"--env -\" is passed, environment variables can be read from STDIN using the standard env syntax.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
  examples: "  # Update deployment 'registry' with a new environment variable\n  kubectl set env deployment/registry STORAGE_DIR=/local\n  \n  # List the environment variables defined on a deployments 'sample-build'\n  kubectl set env deployment/sample-build --list\n  \n  # List the environment variables defined on all pods\n  kubectl set env pods --all --list\n  \n  # Output modified deployment in YAML, and does not alter the object on the server\n  kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml\n  \n  # Update all containers in all replication controllers in the project to have ENV=prod\n  kubectl set env rc --all ENV=prod\n  \n  # Import environment from a secret\n  kubectl set env --from=secret/mysecret deployment/myapp\n  \n  # Import environment from a config map with a prefix\n  kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp\n  \n  # Import specific keys from a config map\n  kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp\n  \n  # Remove the environment variable ENV from container 'c1' in all deployment configs\n  kubectl set env deployments --all --containers=\"c1\" ENV-\n  \n  # Remove the environment variable ENV from a deployment definition on disk and\n  # update the deployment config on the server\n  kubectl set env -f deploy.json ENV-\n  \n  # Set some of the local shell environment into a deployment config on the server\n  env | grep RAILS_ | kubectl set env -e - deployment/registry",
  usage: "kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]",
  flags: [{ name: "all", type: "bool", default: false }, { name: "allow-missing-template-keys", type: "bool", default: true }, { name: "containers", short: "c", type: "string", default: "*" }, { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" }, { name: "env", short: "e", type: "stringArray", default: [] }, { name: "field-manager", type: "string", default: "kubectl-set" }, { name: "filename", short: "f", type: "stringSlice", default: [] }, { name: "from", type: "string", default: "" }, { name: "keys", type: "stringSlice", default: [] }, { name: "kustomize", short: "k", type: "string", default: "" }, { name: "list", type: "bool", default: false }, { name: "local", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }, { name: "overwrite", type: "bool", default: true }, { name: "prefix", type: "string", default: "" }, { name: "recursive", short: "R", type: "bool", default: false }, { name: "resolve", type: "bool", default: false }, { name: "selector", short: "l", type: "string", default: "" }, { name: "show-managed-fields", type: "bool", default: false }, { name: "template", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"all": "If true, select all resources in the namespace of the specified resource types", "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.", "containers": "The names of containers in the selected pod templates to change - may use wildcards", "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", "env": "Specify a key-value pair for an environment variable to set into each container.", "field-manager": "Name of the manager used to track field ownership.", "filename": "Filename, directory, or URL to files the resource to update the env", "from": "The name of a resource from which to inject environment variables", "keys": "Comma-separated list of keys to import from specified resource", "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.", "list": "If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.", "local": "If true, set env will NOT contact api-server but run locally.", "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "overwrite": "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.", "prefix": "Prefix to append to variable names", "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.", "resolve": "If true, show secret or configmap references when listing variables", "selector": "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.", "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.", "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."} as Record<string, string>,
};

const RESOURCES_HELP = {
  long: "Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.\n\n For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.\n\n Possible resources include (case insensitive): Use \"kubectl api-resources\" for a complete list of supported resources..",
  examples: "  # Set a deployments nginx container cpu limits to \"200m\" and memory to \"512Mi\"\n  kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi\n  \n  # Set the resource request and limits for all containers in nginx\n  kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi\n  \n  # Remove the resource requests for resources on containers in nginx\n  kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0\n  \n  # Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server\n  kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml",
  usage: "kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]",
  flags: [{ name: "all", type: "bool", default: false }, { name: "allow-missing-template-keys", type: "bool", default: true }, { name: "containers", short: "c", type: "string", default: "*" }, { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" }, { name: "field-manager", type: "string", default: "kubectl-set" }, { name: "filename", short: "f", type: "stringSlice", default: [] }, { name: "kustomize", short: "k", type: "string", default: "" }, { name: "limits", type: "string", default: "" }, { name: "local", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }, { name: "recursive", short: "R", type: "bool", default: false }, { name: "requests", type: "string", default: "" }, { name: "selector", short: "l", type: "string", default: "" }, { name: "show-managed-fields", type: "bool", default: false }, { name: "template", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"all": "Select all resources, in the namespace of the specified resource types", "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.", "containers": "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards", "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", "field-manager": "Name of the manager used to track field ownership.", "filename": "Filename, directory, or URL to files identifying the resource to get from a server.", "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.", "limits": "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.", "local": "If true, set resources will NOT contact api-server but run locally.", "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.", "requests": "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.", "selector": "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.", "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.", "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."} as Record<string, string>,
};

const SELECTOR_HELP = {
  long: "Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.\n\n A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.",
  examples: "  # Set the labels and selector before creating a deployment/service pair\n  kubectl create service clusterip my-svc --clusterip=\"None\" -o yaml --dry-run=client | kubectl set selector --local -f - 'environment=qa' -o yaml | kubectl create -f -\n  kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - environment=qa -o yaml | kubectl create -f -",
  usage: "kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]",
  flags: [{ name: "all", type: "bool", default: false }, { name: "allow-missing-template-keys", type: "bool", default: true }, { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" }, { name: "field-manager", type: "string", default: "kubectl-set" }, { name: "filename", short: "f", type: "stringSlice", default: [] }, { name: "local", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }, { name: "recursive", short: "R", type: "bool", default: true }, { name: "resource-version", type: "string", default: "" }, { name: "show-managed-fields", type: "bool", default: false }, { name: "template", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"all": "Select all resources in the namespace of the specified resource types", "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.", "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", "field-manager": "Name of the manager used to track field ownership.", "filename": "identifying the resource.", "local": "If true, annotation will NOT contact api-server but run locally.", "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.", "resource-version": "If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.", "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.", "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."} as Record<string, string>,
};

const SA_HELP = {
  long: "Update the service account of pod template resources.\n\n Possible resources (case insensitive) can be:\n\n replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset",
  examples: "  # Set deployment nginx-deployment's service account to serviceaccount1\n  kubectl set serviceaccount deployment nginx-deployment serviceaccount1\n  \n  # Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server\n  kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml",
  usage: "kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]",
  flags: [{ name: "all", type: "bool", default: false }, { name: "allow-missing-template-keys", type: "bool", default: true }, { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" }, { name: "field-manager", type: "string", default: "kubectl-set" }, { name: "filename", short: "f", type: "stringSlice", default: [] }, { name: "kustomize", short: "k", type: "string", default: "" }, { name: "local", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }, { name: "recursive", short: "R", type: "bool", default: false }, { name: "show-managed-fields", type: "bool", default: false }, { name: "template", type: "string", default: "" }] as FlagSpec[],
  flagHelp: {"all": "Select all resources, in the namespace of the specified resource types", "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.", "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", "field-manager": "Name of the manager used to track field ownership.", "filename": "Filename, directory, or URL to files identifying the resource to get from a server.", "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.", "local": "If true, set serviceaccount will NOT contact api-server but run locally.", "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.", "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.", "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."} as Record<string, string>,
};

const SUBJECT_HELP = {
  long: "Update the user, group, or service account in a role binding or cluster role binding.",
  examples: "  # Update a cluster role binding for serviceaccount1\n  kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1\n  \n  # Update a role binding for user1, user2, and group1\n  kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1\n  \n  # Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server\n  kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml",
  usage: "kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
  flags: [{ name: "all", type: "bool", default: false }, { name: "allow-missing-template-keys", type: "bool", default: true }, { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" }, { name: "field-manager", type: "string", default: "kubectl-set" }, { name: "filename", short: "f", type: "stringSlice", default: [] }, { name: "group", type: "stringArray", default: [] }, { name: "kustomize", short: "k", type: "string", default: "" }, { name: "local", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }, { name: "recursive", short: "R", type: "bool", default: false }, { name: "selector", short: "l", type: "string", default: "" }, { name: "serviceaccount", type: "stringArray", default: [] }, { name: "show-managed-fields", type: "bool", default: false }, { name: "template", type: "string", default: "" }, { name: "user", type: "stringArray", default: [] }] as FlagSpec[],
  flagHelp: {"all": "Select all resources, in the namespace of the specified resource types", "allow-missing-template-keys": "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.", "dry-run": "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", "field-manager": "Name of the manager used to track field ownership.", "filename": "Filename, directory, or URL to files the resource to update the subjects", "group": "Groups to bind to the role", "kustomize": "Process the kustomization directory. This flag can't be used together with -f or -R.", "local": "If true, set subject will NOT contact api-server but run locally.", "output": "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).", "recursive": "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.", "selector": "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.", "serviceaccount": "Service accounts to bind to the role", "show-managed-fields": "If true, keep the managedFields when printing objects in JSON or YAML format.", "template": "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].", "user": "Usernames to bind to the role"} as Record<string, string>,
};

// ---------------------------------------------------------------- shared machinery

/** `cmdutil.GetResourcesAndPairs`: resources first, then `k=v` / `k-` pairs. */
export function splitPairs(args: string[], pairType: string): { ok: true; resources: string[]; pairs: string[] } | { ok: false; error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const pair = (s.includes("=") && s[0] !== "=") || (s.endsWith("-") && s !== "-");
    if (pair) {
      found = true;
      pairs.push(s);
    } else if (found) return { ok: false, error: `all resources must be specified before ${pairType} changes: ${s}` };
    else resources.push(s);
  }
  return { ok: true, resources, pairs };
}

/** `cmdutil.ParsePairs`. */
function parsePairs(pairs: string[], pairType: string, supportRemove: boolean): { ok: true; set: [string, string][]; remove: string[] } | { ok: false; error: string } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const p of pairs) {
    if (p.includes("=") && p[0] !== "=") {
      const eq = p.indexOf("=");
      set.push([p.slice(0, eq), p.slice(eq + 1)]);
    } else if (supportRemove && p.endsWith("-") && p !== "-") remove.push(p.slice(0, -1));
    else invalid.push(p);
  }
  if (invalid.length > 0) return { ok: false, error: `invalid ${pairType} format: ${invalid.join(", ")}` };
  return { ok: true, set, remove };
}

/** The resource builder over `resources` with `--all` / `-l`; prints its error and returns undefined. */
function builder(ctx: Ctx, resources: string[]): Target[] | undefined {
  return resourceTargets(ctx, resources, { requireNameOrAll: true });
}

function dryRunMode(ctx: Ctx): "none" | "client" | "server" | undefined {
  const v = str(ctx.parsed, "dry-run");
  if (v === "none" || v === "client" || v === "server") return v;
  ctx.fail(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  return undefined;
}

/**
 * Sends the changed object (unless dry-run) and prints `<kind>/<name> <what>` — or the object in
 * the `-o` format. Objects that did not change are skipped silently, as kubectl skips an empty patch.
 */
function save(ctx: Ctx, t: Target, next: AnyObject, what: string, dryRun: "none" | "client" | "server"): void {
  if (deepEqual(next, t.obj)) return;
  let shown = next;
  if (dryRun === "none") {
    const r = ctx.api.update(next);
    if (!r.ok) return ctx.apiError(r.error);
    shown = r.value;
  }
  const o = str(ctx.parsed, "output");
  if (o) {
    const fmt = parseOutput(o);
    if (!fmt.ok) return ctx.fail(fmt.error);
    printStructured(ctx, fmt.value, [shown], true);
    return;
  }
  ctx.line(`${qualifiedSingular(t.r)}/${t.obj.metadata.name} ${what}${dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : ""}`);
}

/** `*`-style container name matching (`--containers=web*`). */
function matches(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return re.test(name);
}

// ---------------------------------------------------------------- set image

const image: Command = {
  name: "image",
  short: "Update the image of a pod template",
  ...IMAGE_HELP,
  run(ctx) {
    const split = splitPairs(ctx.parsed.args, "image");
    if (!split.ok) return ctx.fail(split.error);
    const pairs = parsePairs(split.pairs, "image", false);
    if (!pairs.ok) return ctx.fail(pairs.error);
    const dryRun = dryRunMode(ctx);
    if (!dryRun) return;
    const found = builder(ctx, split.resources);
    if (!found) return;
    if (bool(ctx.parsed, "all") && str(ctx.parsed, "selector")) return ctx.fail("cannot set --all and --selector at the same time");
    const images = new Map(pairs.set);
    if (images.size === 0) return ctx.fail("at least one image update is required");
    if (images.size > 1 && images.has("*")) return ctx.fail("all containers are already specified by *, but saw more than one container_name=container_image pairs");
    for (const t of found) {
      const next = clone(t.obj);
      const spec = podSpecOf(next);
      if (!spec) {
        ctx.fail(`${t.r.plural}/${t.obj.metadata.name} the object is not a pod or does not have a pod template: *v1.${t.obj.kind}`);
        continue;
      }
      let missing: string | undefined;
      for (const [name, img] of images) {
        let hit = false;
        for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
          if (name === "*" || c.name === name) {
            c.image = img;
            hit = true;
          }
        }
        if (!hit) missing ??= name;
      }
      if (missing !== undefined) {
        ctx.fail(`unable to find container named ${JSON.stringify(missing)}`);
        continue;
      }
      save(ctx, t, next, "image updated", dryRun);
    }
  },
};

// ---------------------------------------------------------------- set env

const env: Command = {
  name: "env",
  short: "Update environment variables on a pod template",
  ...ENV_HELP,
  run(ctx) {
    const p = ctx.parsed;
    const split = splitPairs(p.args, "environment");
    if (!split.ok) return ctx.fail(split.error);
    const fromFlag = list(p, "env");
    const pairs = parsePairs([...split.pairs, ...fromFlag], "environment", true);
    if (!pairs.ok) return ctx.fail(pairs.error);
    const listMode = bool(p, "list");
    if (split.resources.length === 0 && list(p, "filename").length === 0) return ctx.fail("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    if (!listMode && pairs.set.length === 0 && pairs.remove.length === 0 && !str(p, "from")) return ctx.fail("at least one environment variable must be provided");
    if (str(p, "from")) return ctx.fail(`${str(p, "from")}: importing environment from other objects is not supported in this lab`);
    const dryRun = dryRunMode(ctx);
    if (!dryRun) return;
    const found = builder(ctx, split.resources);
    if (!found) return;
    const pattern = str(p, "containers") || "*";
    for (const t of found) {
      const next = clone(t.obj);
      const spec = podSpecOf(next);
      if (!spec) {
        ctx.fail(`${t.r.plural}/${t.obj.metadata.name} the object is not a pod or does not have a pod template: *v1.${t.obj.kind}`);
        continue;
      }
      const cs: Container[] = [...(spec.initContainers ?? []), ...spec.containers].filter((c) => matches(pattern, c.name));
      if (cs.length === 0) {
        ctx.stderr += `Warning: ${t.obj.kind}/${t.obj.metadata.name} does not have any containers matching ${JSON.stringify(pattern)}\n`;
        continue;
      }
      if (listMode) {
        for (const c of cs) {
          ctx.line(`# ${t.obj.kind} ${t.obj.metadata.name}, container ${c.name}`);
          for (const e of c.env ?? []) ctx.line(`${e.name}=${e.value ?? ""}`);
        }
        continue;
      }
      for (const c of cs) {
        let vars = [...(c.env ?? [])];
        for (const [k, v] of pairs.set) {
          const i = vars.findIndex((e) => e.name === k);
          if (i >= 0) {
            if (!bool(p, "overwrite")) continue;
            vars[i] = { name: k, value: v };
          } else vars.push({ name: k, value: v });
        }
        vars = vars.filter((e) => !pairs.remove.includes(e.name));
        if (vars.length > 0) c.env = vars;
        else delete c.env;
      }
      save(ctx, t, next, "env updated", dryRun);
    }
  },
};

// ---------------------------------------------------------------- set resources

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function parseResourceList(text: string): { ok: true; value: Record<string, string> } | { ok: false; error: string } {
  const out: Record<string, string> = {};
  if (!text) return { ok: true, value: out };
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return { ok: false, error: `invalid argument syntax ${part}` };
    const v = part.slice(eq + 1);
    if (!QUANTITY.test(v)) return { ok: false, error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" };
    out[part.slice(0, eq)] = v;
  }
  return { ok: true, value: out };
}

const resources: Command = {
  name: "resources",
  short: "Update resource requests/limits on objects with pod templates",
  ...RESOURCES_HELP,
  run(ctx) {
    const p = ctx.parsed;
    const limits = parseResourceList(str(p, "limits"));
    if (!limits.ok) return ctx.fail(limits.error);
    const requests = parseResourceList(str(p, "requests"));
    if (!requests.ok) return ctx.fail(requests.error);
    const dryRun = dryRunMode(ctx);
    if (!dryRun) return;
    const found = builder(ctx, p.args);
    if (!found) return;
    if (!str(p, "limits") && !str(p, "requests")) return ctx.fail("you must specify an update to requests or limits (in the form of --requests/--limits)");
    const pattern = str(p, "containers") || "*";
    for (const t of found) {
      const next = clone(t.obj);
      const spec = podSpecOf(next);
      if (!spec) {
        ctx.fail(`${t.r.plural}/${t.obj.metadata.name} the object is not a pod or does not have a pod template: *v1.${t.obj.kind}`);
        continue;
      }
      const cs = [...(spec.initContainers ?? []), ...spec.containers].filter((c) => matches(pattern, c.name));
      if (cs.length === 0) {
        ctx.fail(`unable to find container named ${pattern}`);
        continue;
      }
      for (const c of cs) {
        const res = { ...(c.resources ?? {}) } as { limits?: Record<string, string>; requests?: Record<string, string> };
        if (Object.keys(limits.value).length) res.limits = { ...res.limits, ...limits.value };
        if (Object.keys(requests.value).length) res.requests = { ...res.requests, ...requests.value };
        c.resources = res;
      }
      save(ctx, t, next, "resource requirements updated", dryRun);
    }
  },
};

// ---------------------------------------------------------------- set selector

const selector: Command = {
  name: "selector",
  short: "Set the selector on a resource",
  ...SELECTOR_HELP,
  run(ctx) {
    const p = ctx.parsed;
    // The last argument is the selector expression; what is before it names the objects.
    const args = [...p.args];
    const expr = args.length > 1 || (args.length === 1 && args[0].includes("=")) ? args.pop()! : "";
    const dryRun = dryRunMode(ctx);
    if (!dryRun) return;
    const found = builder(ctx, args);
    if (!found) return;
    // metav1.ParseToLabelSelector: `=`/`==` become matchLabels, the rest matchExpressions,
    // which a Service's map-based selector cannot hold.
    const sel = parseSelector(expr);
    if (!sel.ok) return ctx.fail(sel.error);
    const labels: Record<string, string> = {};
    const expressions: string[] = [];
    const OPS: Record<string, string> = { in: "In", notin: "NotIn", "!=": "NotIn", exists: "Exists", "!": "DoesNotExist" };
    for (const r of sel.selector.requirements) {
      if (r.operator === "=" || r.operator === "==") labels[r.key] = r.values[0] ?? "";
      else expressions.push(`{${r.key} ${OPS[r.operator] ?? r.operator} [${r.values.join(" ")}]}`);
    }
    if (expressions.length > 0) return ctx.fail(`match expression [${expressions.join(" ")}] not supported on this object`);
    for (const t of found) {
      if (t.obj.kind !== "Service") {
        ctx.fail("setting a selector is only supported for Services");
        continue;
      }
      const next = clone(t.obj);
      next.spec.selector = labels;
      if (deepEqual(next, t.obj)) {
        ctx.line(`${qualifiedSingular(t.r)}/${t.obj.metadata.name} selector updated`);
        continue;
      }
      save(ctx, t, next, "selector updated", dryRun);
    }
  },
};

// ---------------------------------------------------------------- set serviceaccount

const serviceaccount: Command = {
  name: "serviceaccount",
  aliases: ["sa"],
  short: "Update the service account of a resource",
  ...SA_HELP,
  run(ctx) {
    const args = [...ctx.parsed.args];
    const sa = args.pop() ?? "";
    const dryRun = dryRunMode(ctx);
    if (!dryRun) return;
    const found = builder(ctx, args);
    if (!found) return;
    for (const t of found) {
      const next = clone(t.obj);
      const spec = podSpecOf(next);
      if (!spec) {
        ctx.fail(`${t.r.plural}/${t.obj.metadata.name} the object is not a pod or does not have a pod template: *v1.${t.obj.kind}`);
        continue;
      }
      spec.serviceAccountName = sa;
      if (t.obj.kind !== "Pod") delete spec.serviceAccount;
      save(ctx, t, next, "serviceaccount updated", dryRun);
    }
  },
};

// ---------------------------------------------------------------- set subject

const subject: Command = {
  name: "subject",
  short: "Update the user, group, or service account in a role binding or cluster role binding",
  ...SUBJECT_HELP,
  run(ctx) {
    const p = ctx.parsed;
    const found = builder(ctx, p.args);
    if (!found) return;
    // Podflow serves no RBAC objects: whatever the builder found is not a binding.
    for (const t of found) ctx.fail(`${t.r.plural}/${t.obj.metadata.name} setting subjects is only supported for RoleBinding/ClusterRoleBinding`);
  },
};

/** `kubectl set`: image, env, resources, selector, serviceaccount (and subject, which has nothing to bind here). */
export const set: Command = {
  name: "set",
  group: "Basic Commands (Beginner):",
  short: "Set specific features on objects",
  long: "Configure application resources.\n\n These commands help you make changes to existing application resources.",
  usage: "kubectl set SUBCOMMAND [options]",
  subcommands: [env, image, resources, selector, serviceaccount, subject],
};

