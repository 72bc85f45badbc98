import { describe, expect, it } from "vitest";
import { ContainerLogs, logsOf } from "../../cluster/logs";
import { helpText, lab } from "./testlab";

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "logs": "Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.\n\nExamples:\n  # Return snapshot logs from pod nginx with only one container\n  kubectl logs nginx\n  \n  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name\n  kubectl logs nginx --prefix\n  \n  # Return snapshot logs from pod nginx, limiting output to 500 bytes\n  kubectl logs nginx --limit-bytes=500\n  \n  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.\n  kubectl logs nginx --pod-running-timeout=20s\n  \n  # Return snapshot logs from pod nginx with multi containers\n  kubectl logs nginx --all-containers=true\n  \n  # Return snapshot logs from all pods in the deployment nginx\n  kubectl logs deployment/nginx --all-pods=true\n  \n  # Return snapshot logs from all containers in pods defined by label app=nginx\n  kubectl logs -l app=nginx --all-containers=true\n  \n  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods\n  kubectl logs -l app=nginx --max-log-requests=10\n  \n  # Return snapshot of previous terminated ruby container logs from pod web-1\n  kubectl logs -p -c ruby web-1\n  \n  # Begin streaming the logs from pod nginx, continuing even if errors occur\n  kubectl logs nginx -f --ignore-errors=true\n  \n  # Begin streaming the logs of the ruby container in pod web-1\n  kubectl logs -f -c ruby web-1\n  \n  # Begin streaming the logs from all containers in pods defined by label app=nginx\n  kubectl logs -f -l app=nginx --all-containers=true\n  \n  # Display only the most recent 20 lines of output in pod nginx\n  kubectl logs --tail=20 nginx\n  \n  # Show all logs from pod nginx written in the last hour\n  kubectl logs --since=1h nginx\n  \n  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC\n  kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true\n  \n  # Show logs from a kubelet with an expired serving certificate\n  kubectl logs --insecure-skip-tls-verify-backend nginx\n  \n  # Return snapshot logs from first container of a job named hello\n  kubectl logs job/hello\n  \n  # Return snapshot logs from container nginx-1 of a deployment named nginx\n  kubectl logs deployment/nginx -c nginx-1\n\nOptions:\n    --all-containers=false:\n\tGet all containers' logs in the pod(s).\n\n    --all-pods=false:\n\tGet logs from all pod(s). Sets prefix to true.\n\n    -c, --container='':\n\tPrint the logs of this container\n\n    -f, --follow=false:\n\tSpecify if the logs should be streamed.\n\n    --ignore-errors=false:\n\tIf watching / following pod logs, allow for any errors that occur to be non-fatal\n\n    --insecure-skip-tls-verify-backend=false:\n\tSkip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.\n\n    --limit-bytes=0:\n\tMaximum bytes of logs to return. Defaults to no limit.\n\n    --max-log-requests=5:\n\tSpecify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.\n\n    --pod-running-timeout=20s:\n\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running\n\n    --prefix=false:\n\tPrefix each log line with the log source (pod name and container name)\n\n    -p, --previous=false:\n\tIf true, print the logs for the previous instance of the container in a pod if it exists.\n\n    -l, --selector='':\n\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n\n    --since=0s:\n\tOnly return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.\n\n    --since-time='':\n\tOnly return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.\n\n    --tail=-1:\n\tLines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.\n\n    --timestamps=false:\n\tInclude timestamps on each line in the log output\n\nUsage:\n  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

const TWO_CONTAINERS = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: nginx
  - name: side
    image: busybox
    command: ["sh", "-c", "echo hello from side; sleep 3600"]
EOF`;

/** nginx's startup output (docker-entrypoint.sh, then the master process) for a container started at `t`. */
function nginxLog(t: string, workers = [28, 29]): string {
  return (
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n" +
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n" +
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n" +
    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n" +
    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n" +
    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n" +
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n" +
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n" +
    "/docker-entrypoint.sh: Configuration complete; ready for start up\n" +
    `${t} [notice] 1#1: using the "epoll" event method\n` +
    `${t} [notice] 1#1: nginx/1.27.5\n` +
    `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) \n` +
    `${t} [notice] 1#1: OS: Linux 6.8.0-60-generic\n` +
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n` +
    `${t} [notice] 1#1: start worker processes\n` +
    workers.map((w) => `${t} [notice] 1#1: start worker process ${w}\n`).join("")
  );
}

describe("kubectl logs: what containers write", () => {
  it("nginx: the docker-entrypoint lines, then the master process's notices stamped with the start time", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    cluster.advance(5_000);
    const started = run("kubectl get pod web -o jsonpath={.status.containerStatuses[0].state.running.startedAt}").stdout;
    const t = started.replace(/^(\d+)-(\d+)-(\d+)T([\d:]+)Z$/, "$1/$2/$3 $4");
    expect(run("kubectl logs web")).toEqual({ stdout: nginxLog(t), stderr: "", exitCode: 0 });
    expect(run("kubectl logs pod/web --tail=2").stdout).toBe(`${t} [notice] 1#1: start worker process 28\n${t} [notice] 1#1: start worker process 29\n`);
    expect(run("kubectl logs web --tail=0").stdout).toBe("");
  });

  it("CoreDNS: what a kubeadm v1.33 cluster's coredns pods print (two replicas, -l reads both)", () => {
    const { run } = lab();
    const one =
      "maxprocs: Leaving GOMAXPROCS=2: CPU quota undefined\n.:53\n[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b\nCoreDNS-1.12.0\nlinux/amd64, go1.23.3, 51e11f1\n";
    expect(run("kubectl logs -n kube-system -l k8s-app=kube-dns")).toEqual({ stdout: one + one, stderr: "", exitCode: 0 });
  });

  it("httpd: the ServerName warning (with the pod IP) twice, then Apache's notices", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=httpd");
    cluster.advance(5_000);
    const ip = run("kubectl get pod web -o jsonpath={.status.podIP}").stdout;
    const out = run("kubectl logs web").stdout.split("\n");
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
    expect(out.slice(0, 2)).toEqual([fqdn, fqdn]);
    expect(out[2]).toMatch(/^\[\w{3} \w{3} \d\d \d\d:\d\d:\d\d\.\d{6} 2025\] \[mpm_event:notice\] \[pid 1:tid 1\] AH00489: Apache\/2\.4\.63 \(Unix\) configured -- resuming normal operations$/);
    expect(out[3]).toMatch(/\[core:notice\] \[pid 1:tid 1\] AH00094: Command line: 'httpd -D FOREGROUND'$/);
  });

  it("kube-proxy: v1.33's startup lines, in klog format, naming the node IP and the proxy mode", () => {
    const { run } = lab(1, { proxyMode: "ipvs" });
    const pod = run("kubectl get pods -n kube-system -l k8s-app=kube-proxy -o name").stdout.split("\n")[0];
    const out = run(`kubectl logs -n kube-system ${pod}`).stdout.split("\n");
    expect(out[0]).toMatch(/^I0512 09:0\d:\d\d\.\d{6} {7}1 server_linux\.go:63\] "Using ipvs proxy"$/);
    expect(out[1]).toMatch(/server\.go:715\] "Successfully retrieved node IP\(s\)" IPs=\["172\.30\.1\.\d"\]$/);
    expect(out.some((l) => l.endsWith('"Version info" version="v1.33.0"'))).toBe(true);
  });

  it("mysql: initialises for a while before it is ready for connections (lines appear as time passes)", () => {
    const { run, cluster } = lab();
    run("kubectl run db --image=mysql:8.0 --env=MYSQL_ROOT_PASSWORD=secret");
    cluster.advance(7_000); // pulling 234 MB takes a few seconds
    const early = run("kubectl logs db").stdout;
    expect(early).toMatch(/\[Note\] \[Entrypoint\]: Entrypoint script for MySQL Server 8\.0\.42-1\.el9 started\.\n/);
    expect(early).not.toContain("ready for connections");
    cluster.advance(30_000);
    expect(run("kubectl logs db --tail=1").stdout).toMatch(/ 0 \[System\] \[MY-010931\] \[Server\] \/usr\/sbin\/mysqld: ready for connections\. Version: '8\.0\.42' {2}socket: '\/var\/run\/mysqld\/mysqld\.sock' {2}port: 3306 {2}MySQL Community Server - GPL\.\n$/);
  });

  it("a shell loop: the logging docs' counter writes one line per second", () => {
    const { run, cluster } = lab();
    cluster.exec(`kubectl run counter --image=busybox -- /bin/sh -c 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'`);
    cluster.advance(10_000);
    const lines = run("kubectl logs counter").stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(5);
    expect(lines[0]).toMatch(/^0: Mon May 12 09:0\d:\d\d UTC 2025$/);
    expect(lines[1]).toMatch(/^1: Mon May 12 /);
  });

  it("lines appended at run time (ContainerLogs) join the image's output in time order", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    cluster.advance(5_000);
    const uid = run("kubectl get pod web -o jsonpath={.metadata.uid}").stdout;
    const line = '192.168.1.1 - - [12/May/2025:09:05:10 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.13.0" "-"';
    logsOf(cluster).append(uid, "web", cluster.now(), line);
    expect(run("kubectl logs web --tail=1").stdout).toBe(line + "\n");
    expect(logsOf(cluster).lines(uid, "web")).toEqual([{ time: cluster.now() - 100, text: line }]);
    // Plain data: it survives a JSON round trip.
    const copy = ContainerLogs.fromJSON(JSON.parse(JSON.stringify(logsOf(cluster))));
    expect(copy.lines(uid, "web")).toEqual(logsOf(cluster).lines(uid, "web"));
  });
});

describe("kubectl logs: options", () => {
  it("--timestamps prefixes RFC 3339 nanosecond times; --prefix names the source", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    cluster.advance(5_000);
    const [first] = run("kubectl logs web --timestamps").stdout.split("\n");
    expect(first).toMatch(/^2025-05-12T09:05:\d\d\.\d{1,9}Z \/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration$/);
    expect(run("kubectl logs web --prefix --tail=1").stdout).toMatch(/^\[pod\/web\/web\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process 29\n$/);
    expect(run("kubectl logs web --limit-bytes=10").stdout).toBe("/docker-en");
    expect(run("kubectl logs web --since=1s").stdout).toBe("");
  });

  it("multi-container pods: defaults to the first container (saying so), -c, the CONTAINER argument, --all-containers", () => {
    const { run, cluster } = lab();
    cluster.exec(TWO_CONTAINERS);
    cluster.advance(10_000);
    const r = run("kubectl logs two --tail=1");
    expect(r.stderr).toBe('Defaulted container "web" out of: web, side\n');
    expect(r.stdout).toMatch(/start worker process 29\n$/);
    expect(run("kubectl logs two -c side")).toEqual({ stdout: "hello from side\n", stderr: "", exitCode: 0 });
    expect(run("kubectl logs two side").stdout).toBe("hello from side\n");
    expect(run("kubectl logs two --all-containers --prefix --tail=1").stdout).toMatch(/^\[pod\/two\/web\] .*start worker process 29\n\[pod\/two\/side\] hello from side\n$/);
    expect(run("kubectl logs two -c zz")).toEqual({ stdout: "", stderr: "error: container zz is not valid for pod two\n", exitCode: 1 });
  });

  it("TYPE/NAME picks one pod and says which; -l reads every matching pod (10 lines each by default)", () => {
    const { run, cluster } = lab();
    run("kubectl create deployment test --image=nginx --replicas=3");
    cluster.advance(10_000);
    const r = run("kubectl logs deploy/test");
    expect(r.stderr).toMatch(/^Found 3 pods, using pod\/test-5755bcc45d-\w{5}\n$/);
    expect(r.stdout.split("\n").length).toBe(17 + 1);
    expect(run("kubectl logs -l app=test").stdout.split("\n").length).toBe(30 + 1);
    run("kubectl expose deploy test --port=80");
    expect(run("kubectl logs svc/test --tail=1").stdout).toMatch(/start worker process 29\n$/);
    expect(run("kubectl logs -l app=nomatch")).toEqual({ stdout: "", stderr: "No resources found in default namespace.\n", exitCode: 0 });
  });

  it("-f prints what is there, then follows until the terminal's Ctrl-C", () => {
    const { run, cluster } = lab();
    run("kubectl run web --image=nginx");
    cluster.advance(5_000);
    expect(run("kubectl logs -f web --tail=1").stdout).toMatch(/start worker process 29\n\^C\n$/);
  });
});

describe("kubectl logs: errors", () => {
  it("prints kubectl's and the kubelet's messages", () => {
    const { run, cluster } = lab();
    expect(run("kubectl logs nope")).toEqual({ stdout: "", stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', exitCode: 1 });
    expect(run("kubectl logs deploy/nope").stderr).toBe('error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n');
    run("kubectl run web --image=nginx");
    expect(run("kubectl logs web")).toEqual({ stdout: "", stderr: 'Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating\n', exitCode: 1 });
    cluster.advance(5_000);
    expect(run("kubectl logs web --previous").stderr).toBe('Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n');
    expect(run("kubectl logs cm/kube-root-ca.crt").stderr).toBe("error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n");
    expect(run("kubectl logs svc/kubernetes").stderr).toBe("error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n");
    expect(run("kubectl logs node/node01").stderr).toBe("error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n");
  });

  it("argument and flag errors", () => {
    const { run } = lab();
    run("kubectl run web --image=nginx");
    const usage = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";
    expect(run("kubectl logs")).toEqual({ stdout: "", stderr: usage, exitCode: 1 });
    expect(run("kubectl logs web a b").stderr).toBe(usage);
    expect(run("kubectl logs -l app=test web").stderr).toBe("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n");
    expect(run("kubectl logs web -c web web").stderr).toBe("error: only one of -c or an inline [CONTAINER] arg is allowed\n");
    expect(run("kubectl logs web --tail=-2").stderr).toBe("error: --tail must be greater than or equal to -1\n");
    expect(run("kubectl logs web --since=1s --since-time=2025-01-01T00:00:00Z").stderr).toBe("error: at most one of `sinceTime` or `sinceSeconds` may be specified\n");
    expect(run("kubectl logs web --all-containers -c web").stderr).toBe("error: --all-containers=true should not be specified with container name web\n");
    expect(run("kubectl logs web --limit-bytes=-1").stderr).toBe("error: --limit-bytes must be greater than 0\n");
    expect(run("kubectl logs web --since=-1s").stderr).toBe("error: --since must be greater than 0\n");
    expect(run("kubectl logs web --since-time=yesterday").stderr).toBe('error: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"\n');
    expect(run("kubectl logs web --since=abc").stderr).toBe(`error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"\nSee 'kubectl logs --help' for usage.\n`);
  });
});

describe("kubectl logs --help", () => {
  it("is kubectl's text", () => {
    expect(helpText("kubectl logs")).toBe(REAL_HELP.logs);
  });
});
