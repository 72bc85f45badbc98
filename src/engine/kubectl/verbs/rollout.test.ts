import { describe, expect, it } from "vitest";
import { rfc3339 } from "../../cluster/clock";
import { helpText, lab } from "./testlab";

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "rollout": "Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets\n\nExamples:\n  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/abc\n  \n  # Restart deployments with the 'app=nginx' label\n  kubectl rollout restart deployment --selector=app=nginx\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse \"kubectl rollout <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "rollout status": "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.\n\nExamples:\n  # Watch the rollout status of a deployment\n  kubectl rollout status deployment/nginx\n\nOptions:\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    --revision=0:\n\tPin to a specific revision for showing its status. Defaults to 0 (last revision).\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --timeout=0s:\n\tThe length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).\n\n    -w, --watch=true:\n\tWatch the status of the rollout until it's done.\n\nUsage:\n  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "rollout history": "View previous rollout revisions and configurations.\n\nExamples:\n  # View the rollout history of a deployment\n  kubectl rollout history deployment/abc\n  \n  # View the details of daemonset revision 3\n  kubectl rollout history daemonset/abc --revision=3\n\nOptions:\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    --revision=0:\n\tSee the details, including podTemplate of the revision specified\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "rollout undo": "Roll back to a previous rollout.\n\nExamples:\n  # Roll back to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Roll back to daemonset revision 3\n  kubectl rollout undo daemonset/abc --to-revision=3\n  \n  # Roll back to the previous deployment with dry-run\n  kubectl rollout undo --dry-run=server deployment/abc\n\nOptions:\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --dry-run='none':\n\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\n    --to-revision=0:\n\tThe revision to rollback to. Default to 0 (last revision).\n\nUsage:\n  kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "rollout restart": "Restart a resource.\n\n        Resource rollout will be restarted.\n\nExamples:\n  # Restart all deployments in the test-namespace namespace\n  kubectl rollout restart deployment -n test-namespace\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/nginx\n  \n  # Restart a daemon set\n  kubectl rollout restart daemonset/abc\n  \n  # Restart deployments with the app=nginx label\n  kubectl rollout restart deployment --selector=app=nginx\n\nOptions:\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --field-manager='kubectl-rollout':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl rollout restart RESOURCE [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "rollout pause": "Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume a paused resource. Currently only deployments support being paused.\n\nExamples:\n  # Mark the nginx deployment as paused\n  # Any current state of the deployment will continue its function; new updates\n  # to the deployment will not have an effect as long as the deployment is paused\n  kubectl rollout pause deployment/nginx\n\nOptions:\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --field-manager='kubectl-rollout':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl rollout pause RESOURCE [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "rollout resume": "Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.\n\nExamples:\n  # Resume an already paused deployment\n  kubectl rollout resume deployment/nginx\n\nOptions:\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --field-manager='kubectl-rollout':\n\tName of the manager used to track field ownership.\n\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to get from a server.\n\n    -k, --kustomize='':\n\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    -R, --recursive=false:\n\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl rollout resume RESOURCE [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

/** A Deployment "test" with 3 ready nginx pods: revision 1. */
function deployed() {
  const l = lab();
  l.run("kubectl create deployment test --image=nginx --replicas=3");
  l.cluster.advance(20_000);
  return l;
}

/** As above, then `set image` to nginx:1.27 and the rollout finished: revisions 1 and 2. */
function rolledOut() {
  const l = deployed();
  l.run("kubectl set image deployment/test nginx=nginx:1.27");
  l.cluster.advance(30_000);
  return l;
}

describe("kubectl rollout status", () => {
  it("watches a new Deployment until its replicas are available, one line per status update", () => {
    const { run } = lab();
    run("kubectl create deployment test --image=nginx --replicas=3");
    const r = run("kubectl rollout status deployment/test");
    expect(r.stdout).toBe(
      'Waiting for deployment "test" rollout to finish: 0 of 3 updated replicas are available...\n' +
        'Waiting for deployment "test" rollout to finish: 1 of 3 updated replicas are available...\n' +
        'Waiting for deployment "test" rollout to finish: 2 of 3 updated replicas are available...\n' +
        'deployment "test" successfully rolled out\n',
    );
    expect(r.exitCode).toBe(0);
  });

  it("follows a rolling update: new replicas updated, old ones pending termination, then done (kubectl repeats a line for every event)", () => {
    const { run } = deployed();
    run("kubectl set image deployment/test nginx=nginx:1.27");
    expect(run("kubectl rollout status deploy test").stdout).toBe(
      'Waiting for deployment "test" rollout to finish: 1 out of 3 new replicas have been updated...\n'.repeat(3) +
        'Waiting for deployment "test" rollout to finish: 2 out of 3 new replicas have been updated...\n'.repeat(3) +
        'Waiting for deployment "test" rollout to finish: 1 old replicas are pending termination...\n'.repeat(2) +
        'deployment "test" successfully rolled out\n',
    );
  });

  it("prints the current state once with --watch=false, and says so when it is already done", () => {
    const { run } = deployed();
    expect(run("kubectl rollout status deployment/test --watch=false")).toEqual({ stdout: 'deployment "test" successfully rolled out\n', stderr: "", exitCode: 0 });
    run("kubectl set image deployment/test nginx=nginx:1.27");
    const r = run("kubectl rollout status deployment/test -w=false");
    expect(r.stdout).toBe('Waiting for deployment "test" rollout to finish: 1 out of 3 new replicas have been updated...\n');
    expect(r.exitCode).toBe(0);
  });

  it("gives up after --timeout with kubectl's timeout error", () => {
    const { run } = deployed();
    run("kubectl set image deployment/test nginx=nginx:1.27");
    const r = run("kubectl rollout status deployment/test --timeout=1ms");
    expect(r.stderr).toBe("error: timed out waiting for the condition\n");
    expect(r.exitCode).toBe(1);
  });

  it("pins a revision with --revision", () => {
    const { run } = rolledOut();
    expect(run("kubectl rollout status deployment/test --revision=2").stdout).toBe('deployment "test" successfully rolled out\n');
    expect(run("kubectl rollout status deployment/test --revision=5").stderr).toBe("error: desired revision (5) is different from the running revision (2)\n");
  });

  it("works on the single Deployment of a type-only argument and reports kubectl's errors", () => {
    const { run } = deployed();
    expect(run("kubectl rollout status deploy").stdout).toBe('deployment "test" successfully rolled out\n');
    expect(run("kubectl rollout status")).toEqual({ stdout: "", stderr: "error: required resource not specified\n", exitCode: 1 });
    expect(run("kubectl rollout status deployment/nope").stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(run("kubectl rollout status deploy -n kube-public")).toEqual({ stdout: "", stderr: "No resources found in kube-public namespace.\n", exitCode: 0 });
    expect(run("kubectl rollout status deploy -n kube-system").stderr).toBe("error: rollout status is only supported on individual resources and resource collections are not supported yet\n");
    const pod = run("kubectl get pods -o name").stdout.split("\n")[0];
    expect(run(`kubectl rollout status ${pod}`).stderr).toBe("error: no status viewer has been implemented for Pod\n");
    expect(run("kubectl rollout status deploy/test --timeout=abc").stderr).toBe(`error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee 'kubectl rollout status --help' for usage.\n`);
  });

  it("reports DaemonSets too", () => {
    const { run } = lab();
    expect(run("kubectl rollout status daemonset/kube-proxy -n kube-system").stdout).toBe('daemon set "kube-proxy" successfully rolled out\n');
  });
});

describe("kubectl rollout history", () => {
  it("lists the revisions in a tab-aligned table followed by a blank line", () => {
    const { run } = rolledOut();
    expect(run("kubectl rollout history deployment/test")).toEqual({ stdout: "deployment.apps/test \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n", stderr: "", exitCode: 0 });
  });

  it("shows the change-cause annotation of the current revision", () => {
    const { run } = rolledOut();
    run('kubectl annotate deployment/test kubernetes.io/change-cause="image updated to 1.27"');
    expect(run("kubectl rollout history deployment test").stdout).toBe("deployment.apps/test \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to 1.27\n\n");
  });

  it("prints one revision's pod template with --revision, tabs and all, as kubectl does", () => {
    const { run } = rolledOut();
    expect(run("kubectl rollout history deployment/test --revision=2").stdout).toBe(
      "deployment.apps/test with revision #2\nPod Template:\n  Labels:\tapp=test\n\tpod-template-hash=7d58646db4\n  Containers:\n   nginx:\n    Image:\tnginx:1.27\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n",
    );
  });

  it("prints kubectl's errors", () => {
    const { run } = rolledOut();
    expect(run("kubectl rollout history deployment/test --revision=5")).toEqual({ stdout: "", stderr: "error: unable to find the specified revision\n", exitCode: 1 });
    expect(run("kubectl rollout history deployment/test --revision=-1").stderr).toBe("error: revision must be a positive integer: -1\n");
    expect(run("kubectl rollout history").stderr).toBe("error: required resource not specified\n");
    const pod = run("kubectl get pods -o name").stdout.split("\n")[0];
    expect(run(`kubectl rollout history ${pod}`).stderr).toBe('error: no history viewer has been implemented for "Pod"\n');
  });
});

describe("describePodTemplate", () => {
  it("matches kubectl's rendering of ports, command, args, resources, env, mounts, volumes, node selectors and tolerations", async () => {
    const { describePodTemplate } = await import("./rollout");
    const text = describePodTemplate({
      metadata: { labels: { app: "test", "pod-template-hash": "7d58646db4" }, annotations: { "kubectl.kubernetes.io/restartedAt": "2025-05-12T09:10:00Z", "kubernetes.io/change-cause": "kubectl set image deployment/test nginx=nginx:1.27" } },
      spec: {
        serviceAccountName: "sa1",
        containers: [
          {
            name: "nginx",
            image: "nginx:1.27",
            ports: [{ containerPort: 80, protocol: "TCP" }, { containerPort: 53, protocol: "UDP", name: "dns" }],
            command: ["nginx", "-g", "daemon off;"],
            args: ["--foo"],
            env: [{ name: "A", value: "1" }, { name: "B", value: "two" }],
            resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "250m" } },
            volumeMounts: [{ name: "data", mountPath: "/data" }, { name: "cfg", mountPath: "/etc/cfg", readOnly: true }],
          },
          { name: "sidecar", image: "busybox", command: ["sh", "-c", "sleep 3600"] },
        ],
        volumes: [{ name: "data", emptyDir: {} }, { name: "cfg", configMap: { name: "my-cfg" } }],
        nodeSelector: { disk: "ssd" },
        tolerations: [{ key: "k", operator: "Exists", effect: "NoSchedule" }],
      },
    });
    // Captured from kubectl v1.33 (`rollout history --revision=2`) for the same template.
    expect(text).toBe(
      "Pod Template:\n  Labels:\tapp=test\n\tpod-template-hash=7d58646db4\n  Annotations:\tkubectl.kubernetes.io/restartedAt: 2025-05-12T09:10:00Z\n\tkubernetes.io/change-cause: kubectl set image deployment/test nginx=nginx:1.27\n  Service Account:\tsa1\n  Containers:\n   nginx:\n    Image:\tnginx:1.27\n    Ports:\t80/TCP, 53/UDP\n    Host Ports:\t0/TCP, 0/UDP\n    Command:\n      nginx\n      -g\n      daemon off;\n    Args:\n      --foo\n    Limits:\n      cpu:\t500m\n      memory:\t128Mi\n    Requests:\n      cpu:\t250m\n    Environment:\n      A:\t1\n      B:\ttwo\n    Mounts:\n      /data from data (rw)\n      /etc/cfg from cfg (ro)\n   sidecar:\n    Image:\tbusybox\n    Port:\t<none>\n    Host Port:\t<none>\n    Command:\n      sh\n      -c\n      sleep 3600\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\n   data:\n    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\n    SizeLimit:\t<unset>\n   cfg:\n    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\tmy-cfg\n    Optional:\tfalse\n  Node-Selectors:\tdisk=ssd\n  Tolerations:\tk:NoSchedule op=Exists\n",
    );
  });
});

describe("kubectl rollout undo", () => {
  it("rolls back to the previous revision, which becomes the newest one", () => {
    const { run, cluster } = rolledOut();
    expect(run("kubectl rollout undo deployment/test")).toEqual({ stdout: "deployment.apps/test rolled back\n", stderr: "", exitCode: 0 });
    cluster.advance(30_000);
    expect(run("kubectl rollout history deployment/test").stdout).toBe("deployment.apps/test \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
    expect(run("kubectl get deployment test -o jsonpath={.spec.template.spec.containers[0].image}").stdout).toBe("nginx");
  });

  it("rolls back to a given revision, or skips when the template already matches", () => {
    const { run } = rolledOut();
    expect(run("kubectl rollout undo deployment/test --to-revision=2").stdout).toBe("deployment.apps/test skipped rollback (current template already matches revision 2)\n");
    expect(run("kubectl rollout undo deployment/test --to-revision=1").stdout).toBe("deployment.apps/test rolled back\n");
  });

  it("--dry-run: client shows the template it would restore; server says what it would do; nothing changes", () => {
    const { run } = rolledOut();
    expect(run("kubectl rollout undo deploy/test --to-revision=1 --dry-run=client").stdout).toBe(
      "deployment.apps/test Pod Template:\n  Labels:\tapp=test\n\tpod-template-hash=5755bcc45d\n  Containers:\n   nginx:\n    Image:\tnginx\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n (dry run)\n",
    );
    expect(run("kubectl rollout undo deploy/test --dry-run=server").stdout).toBe("deployment.apps/test rolled back (server dry run)\n");
    expect(run("kubectl get deployment test -o jsonpath={.spec.template.spec.containers[0].image}").stdout).toBe("nginx:1.27");
  });

  it("prints kubectl's errors", () => {
    const { run } = rolledOut();
    expect(run("kubectl rollout undo deployment/test --to-revision=5")).toEqual({ stdout: "", stderr: "error: unable to find specified revision 5 in history\n", exitCode: 1 });
    run("kubectl create deployment solo --image=httpd");
    expect(run("kubectl rollout undo deployment/solo").stderr).toBe('error: no rollout history found for deployment "solo"\n');
    run("kubectl rollout pause deployment/test");
    expect(run("kubectl rollout undo deployment/test").stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
    const pod = run("kubectl get pods -o name").stdout.split("\n")[0];
    expect(run(`kubectl rollout undo ${pod}`).stderr).toBe('error: no rollbacker has been implemented for "Pod"\n');
  });
});

describe("kubectl rollout restart", () => {
  it("stamps the pod template with kubectl.kubernetes.io/restartedAt, which rolls out new pods", () => {
    const { run, cluster } = deployed();
    const stamp = rfc3339(cluster.now());
    expect(run("kubectl rollout restart deployment/test")).toEqual({ stdout: "deployment.apps/test restarted\n", stderr: "", exitCode: 0 });
    expect(run("kubectl get deploy test -o jsonpath={.spec.template.metadata.annotations}").stdout).toBe(`{"kubectl.kubernetes.io/restartedAt":"${stamp}"}`);
    cluster.advance(30_000);
    expect(run("kubectl rollout history deploy/test").stdout).toBe("deployment.apps/test \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  });

  it("restarts every Deployment of a type, and refuses what it cannot restart", () => {
    const { run } = deployed();
    run("kubectl create deployment web --image=httpd");
    expect(run("kubectl rollout restart deployment").stdout).toBe("deployment.apps/test restarted\ndeployment.apps/web restarted\n");
    expect(run("kubectl rollout restart deployment/test").stderr).toBe(
      "error: failed to create patch for test: if restart has already been triggered within the past second, please wait before attempting to trigger another\n",
    );
    const pod = run("kubectl get pods -o name").stdout.split("\n")[0];
    expect(run(`kubectl rollout restart ${pod}`).stderr).toBe(`error: pods "${pod.slice(4)}" restarting is not supported\n`);
    expect(run("kubectl rollout restart deploy -l app=nomatch")).toEqual({ stdout: "", stderr: "No resources found in default namespace.\n", exitCode: 0 });
  });
});

describe("kubectl rollout pause / resume", () => {
  it("pauses and resumes a Deployment, with kubectl's messages when there is nothing to do", () => {
    const { run } = deployed();
    expect(run("kubectl rollout pause deployment/test").stdout).toBe("deployment.apps/test paused\n");
    expect(run("kubectl rollout pause deployment/test").stderr).toBe('error: deployments.apps "test" is already paused\n');
    expect(run("kubectl rollout restart deployment/test").stderr).toBe(`error: deployments.apps "test" can't restart paused deployment (run rollout resume first)\n`);
    expect(run("kubectl rollout resume deployment/test").stdout).toBe("deployment.apps/test resumed\n");
    expect(run("kubectl rollout resume deployment/test")).toEqual({ stdout: "", stderr: 'error: deployments.apps "test" is not paused\n', exitCode: 1 });
    expect(run("kubectl rollout pause ds/kube-proxy -n kube-system").stderr).toBe('error: daemonsets.apps "kube-proxy" pausing is not supported\n');
  });
});

describe("kubectl rollout --help", () => {
  for (const [path, text] of Object.entries(REAL_HELP)) {
    it(`${path}: kubectl's text`, () => {
      expect(helpText(`kubectl ${path}`)).toBe(text);
    });
  }
});
