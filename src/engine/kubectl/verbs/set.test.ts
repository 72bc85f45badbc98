import { describe, expect, it } from "vitest";
import type { ClusterImpl } from "../../cluster/cluster";
import { createCluster } from "../../index";
import { tokenize } from "../../shell/tokenize";
import { Ctx, GLOBAL_FLAGS, type Command } from "../command";
import { parseFlags } from "../flags";
import { set } from "./set";
const MINE: Command[] = [set];
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
  "set": "Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n  env              Update environment variables on a pod template\n  image            Update the image of a pod template\n  resources        Update resource requests/limits on objects with pod templates\n  selector         Set the selector on a resource\n  serviceaccount   Update the service account of a resource\n  subject          Update the user, group, or service account in a role binding or cluster role binding\n\nUsage:\n  kubectl set SUBCOMMAND [options]\n\nUse \"kubectl set <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "set image": "Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)\n\nExamples:\n  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'\n  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n  \n  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'\n  kubectl set image deployments,rc nginx=nginx:1.9.1 --all\n  \n  # Update image of all containers of daemonset abc to 'nginx:1.9.1'\n  kubectl set image daemonset abc *=nginx:1.9.1\n  \n  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server\n  kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml\n\nOptions:\n    --all=false:\n\tSelect all resources, in the namespace of the specified resource types\n\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --dry-run='none':\n\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n\n    --field-manager='kubectl-set':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    --local=false:\n\tIf true, set image will NOT contact api-server but run locally.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "set env": "Update environment variables on a pod template.\n\n List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.\n\n If \"--env -\" is passed, environment variables can be read from STDIN using the standard env syntax.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)\n\nExamples:\n  # Update deployment 'registry' with a new environment variable\n  kubectl set env deployment/registry STORAGE_DIR=/local\n  \n  # List the environment variables defined on a deployments 'sample-build'\n  kubectl set env deployment/sample-build --list\n  \n  # List the environment variables defined on all pods\n  kubectl set env pods --all --list\n  \n  # Output modified deployment in YAML, and does not alter the object on the server\n  kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml\n  \n  # Update all containers in all replication controllers in the project to have ENV=prod\n  kubectl set env rc --all ENV=prod\n  \n  # Import environment from a secret\n  kubectl set env --from=secret/mysecret deployment/myapp\n  \n  # Import environment from a config map with a prefix\n  kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp\n  \n  # Import specific keys from a config map\n  kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp\n  \n  # Remove the environment variable ENV from container 'c1' in all deployment configs\n  kubectl set env deployments --all --containers=\"c1\" ENV-\n  \n  # Remove the environment variable ENV from a deployment definition on disk and\n  # update the deployment config on the server\n  kubectl set env -f deploy.json ENV-\n  \n  # Set some of the local shell environment into a deployment config on the server\n  env | grep RAILS_ | kubectl set env -e - deployment/registry\n\nOptions:\n    --all=false:\n\tIf true, select all resources in the namespace of the specified resource types\n\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    -c, --containers='*':\n\tThe names of containers in the selected pod templates to change - may use wildcards\n\n    --dry-run='none':\n\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n\n    -e, --env=[]:\n\tSpecify a key-value pair for an environment variable to set into each container.\n\n    --field-manager='kubectl-set':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files the resource to update the env\n\n    --from='':\n\tThe name of a resource from which to inject environment variables\n\n    --keys=[]:\n\tComma-separated list of keys to import from specified resource\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    --list=false:\n\tIf true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.\n\n    --local=false:\n\tIf true, set env will NOT contact api-server but run locally.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    --overwrite=true:\n\tIf true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.\n\n    --prefix='':\n\tPrefix to append to variable names\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    --resolve=false:\n\tIf true, show secret or configmap references when listing variables\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "set resources": "Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.\n\n For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.\n\n Possible resources include (case insensitive): Use \"kubectl api-resources\" for a complete list of supported resources..\n\nExamples:\n  # Set a deployments nginx container cpu limits to \"200m\" and memory to \"512Mi\"\n  kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi\n  \n  # Set the resource request and limits for all containers in nginx\n  kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi\n  \n  # Remove the resource requests for resources on containers in nginx\n  kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0\n  \n  # Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server\n  kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml\n\nOptions:\n    --all=false:\n\tSelect all resources, in the namespace of the specified resource types\n\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    -c, --containers='*':\n\tThe names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards\n\n    --dry-run='none':\n\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n\n    --field-manager='kubectl-set':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    --limits='':\n\tThe resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.\n\n    --local=false:\n\tIf true, set resources will NOT contact api-server but run locally.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    --requests='':\n\tThe resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "set selector": "Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.\n\n A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.\n\nExamples:\n  # Set the labels and selector before creating a deployment/service pair\n  kubectl create service clusterip my-svc --clusterip=\"None\" -o yaml --dry-run=client | kubectl set selector --local -f - 'environment=qa' -o yaml | kubectl create -f -\n  kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - environment=qa -o yaml | kubectl create -f -\n\nOptions:\n    --all=false:\n\tSelect all resources in the namespace of the specified resource types\n\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --dry-run='none':\n\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n\n    --field-manager='kubectl-set':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tidentifying the resource.\n\n    --local=false:\n\tIf true, annotation will NOT contact api-server but run locally.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=true:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    --resource-version='':\n\tIf non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "set serviceaccount": "Update the service account of pod template resources.\n\n Possible resources (case insensitive) can be:\n\n replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset\n\nAliases:\nserviceaccount, sa\n\nExamples:\n  # Set deployment nginx-deployment's service account to serviceaccount1\n  kubectl set serviceaccount deployment nginx-deployment serviceaccount1\n  \n  # Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server\n  kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml\n\nOptions:\n    --all=false:\n\tSelect all resources, in the namespace of the specified resource types\n\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --dry-run='none':\n\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n\n    --field-manager='kubectl-set':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    --local=false:\n\tIf true, set serviceaccount will NOT contact api-server but run locally.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "set subject": "Update the user, group, or service account in a role binding or cluster role binding.\n\nExamples:\n  # Update a cluster role binding for serviceaccount1\n  kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1\n  \n  # Update a role binding for user1, user2, and group1\n  kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1\n  \n  # Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server\n  kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml\n\nOptions:\n    --all=false:\n\tSelect all resources, in the namespace of the specified resource types\n\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --dry-run='none':\n\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n\n    --field-manager='kubectl-set':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files the resource to update the subjects\n\n    --group=[]:\n\tGroups to bind to the role\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    --local=false:\n\tIf true, set subject will NOT contact api-server but run locally.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --serviceaccount=[]:\n\tService accounts to bind to the role\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\n    --user=[]:\n\tUsernames to bind to the role\n\nUsage:\n  kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

function deployed() {
  const l = lab();
  l.run("kubectl create deployment test --image=nginx --replicas=2");
  l.cluster.advance(20_000);
  return l;
}

const RESOURCE_HINT = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

describe("kubectl set image", () => {
  it("updates a container's image, which starts a rollout", () => {
    const { run, cluster } = deployed();
    expect(run("kubectl set image deployment/test nginx=nginx:1.27")).toEqual({ stdout: "deployment.apps/test image updated\n", stderr: "", exitCode: 0 });
    expect(run("kubectl get deploy test -o jsonpath={.spec.template.spec.containers[0].image}").stdout).toBe("nginx:1.27");
    cluster.advance(30_000);
    expect(run("kubectl get rs -o name").stdout).toBe("replicaset.apps/test-5755bcc45d\nreplicaset.apps/test-7d58646db4\n");
  });

  it("prints nothing when the image is already set (kubectl sends no empty patch)", () => {
    const { run } = deployed();
    expect(run("kubectl set image deployment/test nginx=nginx")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("accepts TYPE NAME, the * wildcard, --all, dry runs and -o", () => {
    const { run } = deployed();
    expect(run("kubectl set image deployment test *=nginx:1.28").stdout).toBe("deployment.apps/test image updated\n");
    expect(run("kubectl set image deploy --all nginx=nginx:1.29").stdout).toBe("deployment.apps/test image updated\n");
    expect(run("kubectl set image deploy/test nginx=nginx:1.30 --dry-run=client").stdout).toBe("deployment.apps/test image updated (dry run)\n");
    expect(run("kubectl set image deploy/test nginx=nginx:1.30 --dry-run=server").stdout).toBe("deployment.apps/test image updated (server dry run)\n");
    expect(run("kubectl get deploy test -o jsonpath={.spec.template.spec.containers[0].image}").stdout).toBe("nginx:1.29");
    expect(run("kubectl set image deploy/test nginx=nginx:1.31 -o name").stdout).toBe("deployment.apps/test\n");
  });

  it("updates a bare pod's image", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    cluster.advance(10_000);
    expect(run("kubectl set image pod/web web=nginx:1.27").stdout).toBe("pod/web image updated\n");
  });

  it("prints kubectl's errors", () => {
    const { run } = deployed();
    expect(run("kubectl set image deployment/test x=nginx")).toEqual({ stdout: "", stderr: 'error: unable to find container named "x"\n', exitCode: 1 });
    expect(run("kubectl set image deployment/test nginx=a x=y").stderr).toBe('error: unable to find container named "x"\n');
    expect(run("kubectl set image deployment/test").stderr).toBe("error: at least one image update is required\n");
    expect(run("kubectl set image nginx=nginx").stderr).toBe(RESOURCE_HINT);
    expect(run("kubectl set image deploy/test nginx=a foo").stderr).toBe("error: all resources must be specified before image changes: foo\n");
    expect(run("kubectl set image deploy/test nginx-").stderr).toBe("error: invalid image format: nginx-\n");
    expect(run("kubectl set image deployment/nope nginx=a").stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(run("kubectl set image deploy nginx=a").stderr).toBe("error: resource(s) were provided, but no name was specified\n");
    expect(run("kubectl set image svc/kubernetes nginx=a").stderr).toBe("error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n");
    expect(run("kubectl set image deployment/test nginx=a --dry-run=maybe").stderr).toBe('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n');
  });
});

describe("kubectl set env / resources / selector / serviceaccount", () => {
  it("adds, lists and removes environment variables", () => {
    const { run } = deployed();
    expect(run("kubectl set env deployment/test A=1 B=two").stdout).toBe("deployment.apps/test env updated\n");
    expect(run("kubectl set env deployment/test --list").stdout).toBe("# Deployment test, container nginx\nA=1\nB=two\n");
    expect(run("kubectl set env deployment/test A=1").stdout).toBe("");
    expect(run("kubectl set env deployment/test A-").stdout).toBe("deployment.apps/test env updated\n");
    expect(run("kubectl set env deployment/test --list").stdout).toBe("# Deployment test, container nginx\nB=two\n");
    expect(run("kubectl set env deployment/test -c zz B=1")).toEqual({ stdout: "", stderr: 'Warning: Deployment/test does not have any containers matching "zz"\n', exitCode: 0 });
    expect(run("kubectl set env").stderr).toBe("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  });

  it("sets resource limits and requests", () => {
    const { run } = deployed();
    expect(run("kubectl set resources deployment/test --limits=cpu=200m,memory=512Mi").stdout).toBe("deployment.apps/test resource requirements updated\n");
    expect(run("kubectl get deploy test -o jsonpath={.spec.template.spec.containers[0].resources.limits}").stdout).toBe('{"cpu":"200m","memory":"512Mi"}');
    expect(run("kubectl set resources deployment/test").stderr).toBe("error: you must specify an update to requests or limits (in the form of --requests/--limits)\n");
    expect(run("kubectl set resources deployment/test --limits=cpu=abc").stderr).toBe("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n");
    expect(run("kubectl set resources deployment/test --requests=cpu=100m -c zz").stderr).toBe("error: unable to find container named zz\n");
  });

  it("replaces a Service's selector (and only a Service's)", () => {
    const { run } = deployed();
    run("kubectl expose deployment test --port=80");
    expect(run("kubectl set selector svc/test app=other").stdout).toBe("service/test selector updated\n");
    expect(run("kubectl get svc test -o jsonpath={.spec.selector}").stdout).toBe('{"app":"other"}');
    expect(run("kubectl set selector svc/test app=other").stdout).toBe("service/test selector updated\n");
    expect(run("kubectl set selector deploy/test app=x").stderr).toBe("error: setting a selector is only supported for Services\n");
    expect(run("kubectl set selector svc/test 'app in (a,b)'").stderr).toBe("error: match expression [{app In [a b]}] not supported on this object\n");
  });

  it("sets the service account of a pod template", () => {
    const { run } = deployed();
    expect(run("kubectl set serviceaccount deployment/test mysa").stdout).toBe("deployment.apps/test serviceaccount updated\n");
    expect(run("kubectl set sa deploy/test").stderr).toBe(RESOURCE_HINT);
    expect(run("kubectl set subject deploy/test --user=x").stderr).toBe("error: deployments/test setting subjects is only supported for RoleBinding/ClusterRoleBinding\n");
  });
});

describe("kubectl set --help", () => {
  for (const [path, text] of Object.entries(REAL_HELP)) {
    it(`${path}: kubectl's text`, () => {
      const words = path.split(" ");
      const cmd = words.length === 1 ? set : set.subcommands!.find((c) => c.name === words[1])!;
      expect(kubectlHelp(cmd, `kubectl ${path}`)).toBe(text);
    });
  }
});
