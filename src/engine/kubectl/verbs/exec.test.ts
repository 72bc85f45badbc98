import { describe, expect, it } from "vitest";
import { resolveExecTarget } from "./exec";
import { helpText, lab } from "./testlab";

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "exec": "Execute a command in a container.\n\nExamples:\n  # Get output from running the 'date' command from pod mypod, using the first container by default\n  kubectl exec mypod -- date\n  \n  # Get output from running the 'date' command in ruby-container from pod mypod\n  kubectl exec mypod -c ruby-container -- date\n  \n  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n  # and sends stdout/stderr from 'bash' back to the client\n  kubectl exec mypod -c ruby-container -i -t -- bash -il\n  \n  # List contents of /usr from the first container of pod mypod and sort by modification time\n  # If the command you want to execute in the pod has any flags in common (e.g. -i),\n  # you must use two dashes (--) to separate your command's flags/arguments\n  # Also note, do not surround your command and its flags/arguments with quotes\n  # unless that is how you would execute it normally (i.e., do ls -t /usr, not \"ls -t /usr\")\n  kubectl exec mypod -i -t -- ls -t /usr\n  \n  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default\n  kubectl exec deploy/mydeployment -- date\n  \n  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default\n  kubectl exec svc/myservice -- date\n\nOptions:\n    -c, --container='':\n\tContainer name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen\n\n    -f, --filename=[]:\n\tto use to exec into the resource\n\n    --pod-running-timeout=1m0s:\n\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running\n\n    -q, --quiet=false:\n\tOnly print output from the remote session\n\n    -i, --stdin=false:\n\tPass stdin to the container\n\n    -t, --tty=false:\n\tStdin is a TTY\n\nUsage:\n  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

describe("kubectl exec", () => {
  it("runs a command in the pod's (first) container", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    cluster.advance(5_000);
    expect(run("kubectl exec web -- hostname")).toEqual({ stdout: "web\n", stderr: "", exitCode: 0 });
    expect(run("kubectl exec pod/web -c web -- cat /etc/hostname").stdout).toBe("web\n");
    expect(run("kubectl exec -it web -- echo hi").stdout).toBe("hi\n");
  });

  it("reports a command's non-zero exit the way kubectl does, and exits with its code", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    cluster.advance(5_000);
    expect(run("kubectl exec web -- cat /nope")).toEqual({ stdout: "", stderr: "cat: /nope: No such file or directory\ncommand terminated with exit code 1\n", exitCode: 1 });
  });

  it("picks the most available pod of a Deployment or Service", () => {
    const { run, cluster } = lab();
    run("kubectl create deployment test --image=nginx --replicas=2");
    cluster.advance(10_000);
    run("kubectl expose deploy test --port=80");
    const byDeploy = run("kubectl exec deploy/test -- hostname").stdout;
    expect(byDeploy).toMatch(/^test-5755bcc45d-\w{5}\n$/);
    expect(run("kubectl exec svc/test -- hostname").stdout).toBe(byDeploy);
  });

  it("defaults to the first of several containers and says so on stderr (unless -q)", () => {
    const { run, cluster } = lab();
    cluster.exec("kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: web\n    image: nginx\n  - name: side\n    image: nginx\nEOF");
    cluster.advance(10_000);
    expect(run("kubectl exec two -- hostname")).toEqual({ stdout: "two\n", stderr: 'Defaulted container "web" out of: web, side\n', exitCode: 0 });
    expect(run("kubectl exec -q two -- hostname").stderr).toBe("");
    expect(run("kubectl exec two -c side -- hostname").stderr).toBe("");
    expect(run("kubectl exec two -c zz -- hostname")).toEqual({ stdout: "", stderr: "Error from server (BadRequest): container zz is not valid for pod two\n", exitCode: 1 });
  });

  it("prints kubectl's errors", () => {
    const { run } = lab();
    expect(run("kubectl exec")).toEqual({ stdout: "", stderr: "error: pod, type/name or --filename must be specified\n", exitCode: 1 });
    expect(run("kubectl exec web ls").stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect(run("kubectl exec web").stderr).toBe("error: you must specify at least one command for the container\n");
    expect(run("kubectl exec nope -- ls").stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(run("kubectl exec deploy/nope -- ls").stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    run("kubectl run web --image=nginx");
    expect(run("kubectl exec web -- ls").stderr).toBe('error: unable to upgrade connection: container not found ("web")\n');
  });
});

describe("resolveExecTarget", () => {
  it("finds the pod and container an interactive session opens, for pods, TYPE/NAME and -c", () => {
    const { run, cluster } = lab();
    run("kubectl create deployment test --image=nginx");
    cluster.advance(10_000);
    const pod = run("kubectl get pods -o name").stdout.trim().slice(4);
    expect(resolveExecTarget(cluster, ["-it", "deploy/test"])).toEqual({ namespace: "default", pod, container: "nginx" });
    expect(resolveExecTarget(cluster, [pod, "-c", "nginx"])).toEqual({ namespace: "default", pod, container: "nginx" });
    expect(resolveExecTarget(cluster, ["-n", "kube-system", "nope"])).toBeUndefined();
  });
});

describe("kubectl exec --help", () => {
  it("is kubectl's text", () => {
    expect(helpText("kubectl exec")).toBe(REAL_HELP.exec);
  });
});
