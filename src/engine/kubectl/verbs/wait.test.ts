import { describe, expect, it } from "vitest";
import { parseGoDuration } from "../flags";
import { helpText, lab } from "./testlab";

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "wait": "Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.\n\n Alternatively, the command can wait for the given set of resources to be created or deleted by providing the \"create\" or \"delete\" keyword as the value to the --for flag.\n\n A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.\n\nExamples:\n  # Wait for the pod \"busybox1\" to contain the status condition of type \"Ready\"\n  kubectl wait --for=condition=Ready pod/busybox1\n  \n  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)\n  kubectl wait --for=condition=Ready=false pod/busybox1\n  \n  # Wait for the pod \"busybox1\" to contain the status phase to be \"Running\"\n  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1\n  \n  # Wait for pod \"busybox1\" to be Ready\n  kubectl wait --for='jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True' pod/busybox1\n  \n  # Wait for the service \"loadbalancer\" to have ingress\n  kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer\n  \n  # Wait for the secret \"busybox1\" to be created, with a timeout of 30s\n  kubectl create secret generic busybox1\n  kubectl wait --for=create secret/busybox1 --timeout=30s\n  \n  # Wait for the pod \"busybox1\" to be deleted, with a timeout of 60s, after having issued the \"delete\" command\n  kubectl delete pod/busybox1\n  kubectl wait --for=delete pod/busybox1 --timeout=60s\n\nOptions:\n    --all=false:\n\tSelect all resources in the namespace of the specified resource types\n\n    -A, --all-namespaces=false:\n\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.\n\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --field-selector='':\n\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.\n\n    -f, --filename=[]:\n\tidentifying the resource.\n\n    --for='':\n\tThe condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.\n\n    --local=false:\n\tIf true, annotation will NOT contact api-server but run locally.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=true:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\n    --timeout=30s:\n\tThe length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.\n\nUsage:\n  kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

describe("kubectl wait --for=condition", () => {
  it("blocks (in virtual time) until a new pod is Ready", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    const before = cluster.now();
    expect(run("kubectl wait --for=condition=Ready pod/web")).toEqual({ stdout: "pod/web condition met\n", stderr: "", exitCode: 0 });
    expect(cluster.now()).toBeGreaterThan(before + 1000);
    expect(run("kubectl get pod web -o jsonpath={.status.phase}").stdout).toBe("Running");
  });

  it("waits for a Deployment's Available condition, and for every pod of a selector or --all", () => {
    const { run } = lab();
    run("kubectl create deployment test --image=nginx --replicas=2");
    expect(run("kubectl wait --for=condition=Available deployment/test").stdout).toBe("deployment.apps/test condition met\n");
    const pods = run("kubectl get pods -o name").stdout.trim().split("\n");
    const met = pods.map((p) => `${p} condition met\n`).join("");
    expect(run("kubectl wait --for=condition=Ready pod -l app=test").stdout).toBe(met);
    expect(run("kubectl wait --for=condition=ready pods --all").stdout).toBe(met);
    expect(run("kubectl wait --for=condition=Ready pod -l app=test -o name").stdout).toBe(pods.map((p) => `${p}\n`).join(""));
  });

  it("times out with kubectl's message, naming the resource by its plural", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    cluster.advance(10_000);
    const before = cluster.now();
    expect(run("kubectl wait --for=condition=Ready=false pod/web --timeout=2s")).toEqual({ stdout: "", stderr: "error: timed out waiting for the condition on pods/web\n", exitCode: 1 });
    expect(cluster.now() - before).toBe(2000 + 100);
    expect(run("kubectl wait --for=condition=Ready=false pod/web --timeout=0").stderr).toBe("error: condition not met for pods/web\n");
    expect(run("kubectl wait --for=condition=Ready=false deploy --all --timeout=1s").stderr).toBe("error: no matching resources found\n");
  });
});

describe("kubectl wait --for=delete / create", () => {
  it("prints condition met once the object is gone (and at once when it never existed)", () => {
    const { run } = lab();
    run("kubectl run web --image=nginx");
    run("kubectl wait --for=condition=Ready pod/web");
    run("kubectl delete pod web --wait=false");
    expect(run("kubectl get pods -o name").stdout).toBe("pod/web\n");
    expect(run("kubectl wait --for=delete pod/web --timeout=60s")).toEqual({ stdout: "pod/web condition met\n", stderr: "", exitCode: 0 });
    expect(run("kubectl get pods").stderr).toBe("No resources found in default namespace.\n");
    expect(run("kubectl wait --for=delete pod/nope")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("times out while the object is still there", () => {
    const { run } = lab();
    run("kubectl run web --image=nginx");
    expect(run("kubectl wait --for=delete pod/web --timeout=1s").stderr).toBe("error: timed out waiting for the condition on pods/web\n");
  });

  it("waits for an object to be created", () => {
    const { run } = lab();
    expect(run("kubectl wait --for=create pod/web --timeout=1s").stderr).toBe("error: timed out waiting for the condition on pods/web\n");
    run("kubectl run web --image=nginx");
    expect(run("kubectl wait --for=create pod/web").stdout).toBe("pod/web condition met\n");
  });
});

describe("kubectl wait --for=jsonpath", () => {
  it("compares the value found (exactly, quotes trimmed), or only needs one without a value", () => {
    const { run } = lab();
    run("kubectl run web --image=nginx");
    expect(run("kubectl wait --for=jsonpath={.status.phase}=Running pod/web").stdout).toBe("pod/web condition met\n");
    expect(run(`kubectl wait --for='jsonpath={.status.phase}="Running"' pod/web`).stdout).toBe("pod/web condition met\n");
    expect(run(`kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/web`).stdout).toBe("pod/web condition met\n");
    expect(run("kubectl wait --for=jsonpath=.status.phase=Running pod/web").stdout).toBe("pod/web condition met\n");
    expect(run("kubectl wait --for=jsonpath={.spec.priority}=0 pod/web").stdout).toBe("pod/web condition met\n");
    expect(run("kubectl wait --for=jsonpath={.status} pod/web").stdout).toBe("pod/web condition met\n");
    expect(run("kubectl wait --for=jsonpath={.status.phase}=running pod/web --timeout=1s").stderr).toBe("error: timed out waiting for the condition on pods/web\n");
  });

  it("prints kubectl's jsonpath errors", () => {
    const { run } = lab();
    run("kubectl run web --image=nginx");
    run("kubectl wait --for=condition=Ready pod/web");
    expect(run("kubectl wait --for=jsonpath={.status.conditions[*].status} pod/web").stderr).toBe("error: given jsonpath expression matches more than one value\n");
    expect(run("kubectl wait --for=jsonpath={.status}=x pod/web").stderr).toBe("error: jsonpath leads to a nested object or list which is not supported\n");
    expect(run("kubectl wait --for=jsonpath={.status.phase}= pod/web").stderr).toBe("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
    expect(run("kubectl wait --for=jsonpath={.status.phase pod/web").stderr).toBe(
      "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n",
    );
    expect(run("kubectl wait --for=jsonpath= pod/web").stderr).toBe("error: jsonpath expression cannot be empty\n");
  });
});

describe("kubectl wait: argument errors", () => {
  it("matches kubectl", () => {
    const { run } = lab();
    run("kubectl run web --image=nginx");
    expect(run("kubectl wait pod/web")).toEqual({ stdout: "", stderr: 'error: unrecognized condition: ""\n', exitCode: 1 });
    expect(run("kubectl wait --for=foo pod/web").stderr).toBe('error: unrecognized condition: "foo"\n');
    expect(run("kubectl wait --for=condition=Ready pod").stderr).toBe("error: resource(s) were provided, but no name was specified\n");
    expect(run("kubectl wait --for=delete pod/a -l app=x").stderr).toBe("error: selectors and the all flag cannot be used when passing resource/name arguments\n");
    expect(run("kubectl wait --for=condition=Ready pod/nope").stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(run("kubectl wait --for=condition=Ready pod -l app=nomatch").stderr).toBe("error: no matching resources found\n");
    expect(run("kubectl wait --for=condition=Ready pod/web --timeout=abc").stderr).toBe(`error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee 'kubectl wait --help' for usage.\n`);
    expect(run("kubectl wait --for=delete").stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  });
});

describe("parseGoDuration", () => {
  it("parses like Go's time.ParseDuration", () => {
    expect(parseGoDuration("30s")).toEqual({ ok: true, ms: 30_000 });
    expect(parseGoDuration("1m30s")).toEqual({ ok: true, ms: 90_000 });
    expect(parseGoDuration("1.5h")).toEqual({ ok: true, ms: 5_400_000 });
    expect(parseGoDuration("500ms")).toEqual({ ok: true, ms: 500 });
    expect(parseGoDuration("0")).toEqual({ ok: true, ms: 0 });
    expect(parseGoDuration("-1s")).toEqual({ ok: true, ms: -1000 });
    expect(parseGoDuration("30")).toEqual({ ok: false, error: 'time: missing unit in duration "30"' });
    expect(parseGoDuration("3x")).toEqual({ ok: false, error: 'time: unknown unit "x" in duration "3x"' });
    expect(parseGoDuration("")).toEqual({ ok: false, error: 'time: invalid duration ""' });
  });

  it("is what the flag parser reports for a bad Duration flag, with pflag's wrapper", () => {
    const { run } = lab();
    expect(run("kubectl wait --for=delete pod/x --timeout=30")).toEqual({
      stdout: "",
      stderr: `error: invalid argument "30" for "--timeout" flag: time: missing unit in duration "30"\nSee 'kubectl wait --help' for usage.\n`,
      exitCode: 1,
    });
  });
});

describe("kubectl wait --help", () => {
  it("is kubectl's text", () => {
    expect(helpText("kubectl wait")).toBe(REAL_HELP.wait);
  });
});
