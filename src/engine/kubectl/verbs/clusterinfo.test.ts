import { describe, expect, it } from "vitest";
import { helpText, lab } from "./testlab";

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "cluster-info": "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n\nExamples:\n  # Print the address of the control plane and cluster services\n  kubectl cluster-info\n\nAvailable Commands:\n  dump          Dump relevant information for debugging and diagnosis\n\nUsage:\n  kubectl cluster-info [flags] [options]\n\nUse \"kubectl cluster-info <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "cluster-info dump": "Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag, or specify --all-namespaces to dump all namespaces.\n\n The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different directories based on namespace and pod name.\n\nExamples:\n  # Dump current cluster state to stdout\n  kubectl cluster-info dump\n  \n  # Dump current cluster state to /path/to/cluster-state\n  kubectl cluster-info dump --output-directory=/path/to/cluster-state\n  \n  # Dump all namespaces to stdout\n  kubectl cluster-info dump --all-namespaces\n  \n  # Dump a set of namespaces to /path/to/cluster-state\n  kubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state\n\nOptions:\n    -A, --all-namespaces=false:\n\tIf true, dump all namespaces.  If true, --namespaces is ignored.\n\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --namespaces=[]:\n\tA comma separated list of namespaces to dump.\n\n    -o, --output='json':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    --output-directory='':\n\tWhere to output the files.  If empty or '-' uses stdout, otherwise creates a directory hierarchy in that directory\n\n    --pod-running-timeout=20s:\n\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl cluster-info dump [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

describe("kubectl cluster-info", () => {
  it("prints the API server and CoreDNS (the kubernetes.io/cluster-service=true Services), without colours since v1.32", () => {
    const { run } = lab();
    expect(run("kubectl cluster-info")).toEqual({
      stdout:
        "Kubernetes control plane is running at https://172.30.1.2:6443\n" +
        "CoreDNS is running at https://172.30.1.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n" +
        "\n" +
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
      stderr: "",
      exitCode: 0,
    });
  });

  it("follows the node range and -n", () => {
    const { run } = lab(1, { nodeCidr: "10.0.0.0/24" });
    expect(run("kubectl cluster-info -n default").stdout).toBe("Kubernetes control plane is running at https://10.0.0.2:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  });
});

describe("kubectl cluster-info dump", () => {
  it("dumps typed lists as JSON, then every container's log between START/END markers", () => {
    const { run } = lab();
    const out = run("kubectl cluster-info dump").stdout;
    expect(out.startsWith('{\n    "kind": "NodeList",\n    "apiVersion": "v1",\n    "metadata": {\n        "resourceVersion": "')).toBe(true);
    expect(out).toContain('\n    "items": [\n        {\n            "metadata": {\n                "name": "controlplane",\n');
    expect(out).toContain('{\n    "kind": "ReplicationControllerList",\n    "apiVersion": "v1",\n    "metadata": {\n        "resourceVersion": "');
    expect(out).toMatch(/==== START logs for container coredns of pod kube-system\/coredns-\w+-\w+ ====\nmaxprocs: Leaving GOMAXPROCS=2: CPU quota undefined\n/);
    expect(out).toMatch(/\nlinux\/amd64, go1\.23\.3, 51e11f1\n==== END logs for container coredns of pod kube-system\/coredns-\w+-\w+ ====\n/);
  });

  it("writes files with --output-directory", () => {
    const { run, cluster } = lab();
    expect(run("kubectl cluster-info dump --output-directory=/root/dump").stdout).toBe("Cluster info dumped to /root/dump\n");
    expect(cluster.files.list("/root/dump")).toEqual(["nodes.json"]);
    expect(cluster.files.list("/root/dump/kube-system")).toEqual(["daemonsets.json", "deployments.json", "events.json", "pods.json", "replicasets.json", "replication-controllers.json", "services.json"]);
  });
});

describe("kubectl cluster-info --help", () => {
  for (const [path, text] of Object.entries(REAL_HELP)) {
    it(`${path}: kubectl's text`, () => {
      expect(helpText(`kubectl ${path}`)).toBe(text);
    });
  }
});
