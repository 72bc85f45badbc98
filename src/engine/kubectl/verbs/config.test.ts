import { describe, expect, it } from "vitest";
import { contextNamespace } from "./config";
import { helpText, lab } from "./testlab";

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "config": "Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".\n\n The loading order follows these rules:\n\n  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.\n\nAvailable Commands:\n  current-context   Display the current-context\n  delete-cluster    Delete the specified cluster from the kubeconfig\n  delete-context    Delete the specified context from the kubeconfig\n  delete-user       Delete the specified user from the kubeconfig\n  get-clusters      Display clusters defined in the kubeconfig\n  get-contexts      Describe one or many contexts\n  get-users         Display users defined in the kubeconfig\n  rename-context    Rename a context from the kubeconfig file\n  set               Set an individual value in a kubeconfig file\n  set-cluster       Set a cluster entry in kubeconfig\n  set-context       Set a context entry in kubeconfig\n  set-credentials   Set a user entry in kubeconfig\n  unset             Unset an individual value in a kubeconfig file\n  use-context       Set the current-context in a kubeconfig file\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  kubectl config SUBCOMMAND [options]\n\nUse \"kubectl config <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config view": "Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.\n\nExamples:\n  # Show merged kubeconfig settings\n  kubectl config view\n  \n  # Show merged kubeconfig settings, raw certificate data, and exposed secrets\n  kubectl config view --raw\n  \n  # Get the password for the e2e user\n  kubectl config view -o jsonpath='{.users[?(@.name == \"e2e\")].user.password}'\n\nOptions:\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --flatten=false:\n\tFlatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)\n\n    --merge=true:\n\tMerge the full hierarchy of kubeconfig files\n\n    --minify=false:\n\tRemove all information not used by current-context from the output\n\n    -o, --output='yaml':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    --raw=false:\n\tDisplay raw byte data and sensitive data\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl config view [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config current-context": "Display the current-context.\n\nExamples:\n  # Display the current-context\n  kubectl config current-context\n\nUsage:\n  kubectl config current-context [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config get-contexts": "Display one or many contexts from the kubeconfig file.\n\nExamples:\n  # List all the contexts in your kubeconfig file\n  kubectl config get-contexts\n  \n  # Describe one context in your kubeconfig file\n  kubectl config get-contexts my-context\n\nOptions:\n    --no-headers=false:\n\tWhen using the default or custom-column output format, don't print headers (default print headers).\n\n    -o, --output='':\n\tOutput format. One of: (name).\n\nUsage:\n  kubectl config get-contexts [(-o|--output=)name)] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config get-clusters": "Display clusters defined in the kubeconfig.\n\nExamples:\n  # List the clusters that kubectl knows about\n  kubectl config get-clusters\n\nUsage:\n  kubectl config get-clusters [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config get-users": "Display users defined in the kubeconfig.\n\nExamples:\n  # List the users that kubectl knows about\n  kubectl config get-users\n\nUsage:\n  kubectl config get-users [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config use-context": "Set the current-context in a kubeconfig file.\n\nAliases:\nuse-context, use\n\nExamples:\n  # Use the context for the minikube cluster\n  kubectl config use-context minikube\n\nUsage:\n  kubectl config use-context CONTEXT_NAME [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config set-context": "Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.\n\nExamples:\n  # Set the user field on the gce context entry without touching other values\n  kubectl config set-context gce --user=cluster-admin\n\nOptions:\n    --cluster='':\n\tcluster for the context entry in kubeconfig\n\n    --current=false:\n\tModify the current context\n\n    --namespace='':\n\tnamespace for the context entry in kubeconfig\n\n    --user='':\n\tuser for the context entry in kubeconfig\n\nUsage:\n  kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config delete-context": "Delete the specified context from the kubeconfig.\n\nExamples:\n  # Delete the context for the minikube cluster\n  kubectl config delete-context minikube\n\nUsage:\n  kubectl config delete-context NAME [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
  "config rename-context": "Renames a context from the kubeconfig file.\n\n CONTEXT_NAME is the context name that you want to change.\n\n NEW_NAME is the new name you want to set.\n\n Note: If the context being renamed is the 'current-context', this field will also be updated.\n\nExamples:\n  # Rename the context 'old-name' to 'new-name' in your kubeconfig file\n  kubectl config rename-context old-name new-name\n\nUsage:\n  kubectl config rename-context CONTEXT_NAME NEW_NAME [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

// Expected texts below were printed by kubectl v1.33.1 for kubeadm's admin.conf (same server URL).
const VIEW = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://172.30.1.2:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;

describe("kubectl config view", () => {
  it("shows kubeadm's admin kubeconfig with the certificate data omitted", () => {
    const { run } = lab();
    expect(run("kubectl config view")).toEqual({ stdout: VIEW, stderr: "", exitCode: 0 });
    expect(run("kubectl config view --minify").stdout).toBe(VIEW);
  });

  it("-o json keeps the Go struct's field order", () => {
    const { run } = lab();
    expect(run("kubectl config view -o json").stdout).toBe(`{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "kubernetes",
            "cluster": {
                "server": "https://172.30.1.2:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        }
    ],
    "users": [
        {
            "name": "kubernetes-admin",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "kubernetes-admin@kubernetes",
            "context": {
                "cluster": "kubernetes",
                "user": "kubernetes-admin"
            }
        }
    ],
    "current-context": "kubernetes-admin@kubernetes"
}
`);
  });

  it("--raw shows the (base64 PEM) data; jsonpath works; secrets are REDACTED", () => {
    const { run } = lab();
    expect(run("kubectl config view --raw -o jsonpath={.clusters[0].cluster.certificate-authority-data}").stdout).toMatch(/^LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1J[A-Za-z0-9+/]+=*$/);
    expect(run("kubectl config view -o jsonpath={.users[*].name}").stdout).toBe("kubernetes-admin");
    run("kubectl config set-credentials u2 --token=abc");
    expect(run("kubectl config view").stdout).toContain("- name: u2\n  user:\n    token: REDACTED\n");
  });
});

describe("kubectl config contexts", () => {
  it("current-context, get-contexts, get-clusters, get-users", () => {
    const { run } = lab();
    expect(run("kubectl config current-context")).toEqual({ stdout: "kubernetes-admin@kubernetes\n", stderr: "", exitCode: 0 });
    expect(run("kubectl config get-contexts").stdout).toBe("CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n");
    expect(run("kubectl config get-contexts -o name").stdout).toBe("kubernetes-admin@kubernetes\n");
    expect(run("kubectl config get-contexts nope")).toEqual({ stdout: "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n", stderr: "error: context nope not found\n", exitCode: 1 });
    expect(run("kubectl config get-clusters").stdout).toBe("NAME\nkubernetes\n");
    expect(run("kubectl config get-users").stdout).toBe("NAME\nkubernetes-admin\n");
  });

  it("set-context --current --namespace sets the context's default namespace", () => {
    const { run, cluster } = lab();
    expect(run("kubectl config set-context --current --namespace=kube-system").stdout).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    expect(run("kubectl config get-contexts").stdout).toBe("CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   kube-system\n");
    expect(run("kubectl config view").stdout).toContain("- context:\n    cluster: kubernetes\n    namespace: kube-system\n    user: kubernetes-admin\n");
    expect(contextNamespace(cluster)).toBe("kube-system");
  });

  it("creates, switches, renames and deletes contexts with kubectl's messages", () => {
    const { run } = lab();
    expect(run("kubectl config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=dev").stdout).toBe('Context "dev" created.\n');
    expect(run("kubectl config get-contexts").stdout).toBe(
      "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n          dev                           kubernetes   kubernetes-admin   dev\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n",
    );
    expect(run("kubectl config use-context dev").stdout).toBe('Switched to context "dev".\n');
    expect(run("kubectl config current-context").stdout).toBe("dev\n");
    expect(run("kubectl config get-contexts dev").stdout).toBe("CURRENT   NAME   CLUSTER      AUTHINFO           NAMESPACE\n*         dev    kubernetes   kubernetes-admin   dev\n");
    expect(run("kubectl config use-context nope")).toEqual({ stdout: "", stderr: 'error: no context exists with the name: "nope"\n', exitCode: 1 });
    expect(run("kubectl config rename-context dev dev2").stdout).toBe('Context "dev" renamed to "dev2".\n');
    expect(run("kubectl config rename-context nope x").stderr).toBe(`error: cannot rename the context "nope", it's not in /root/.kube/config\n`);
    expect(run("kubectl config rename-context dev2 kubernetes-admin@kubernetes").stderr).toBe('error: cannot rename the context "dev2", the context "kubernetes-admin@kubernetes" already exists in /root/.kube/config\n');
    expect(run("kubectl config delete-context nope").stderr).toBe("error: cannot delete context nope, not in /root/.kube/config\n");
    expect(run("kubectl config use-context kubernetes-admin@kubernetes").stdout).toBe('Switched to context "kubernetes-admin@kubernetes".\n');
    expect(run("kubectl config delete-context dev2").stdout).toBe("deleted context dev2 from /root/.kube/config\n");
    expect(run("kubectl config delete-cluster nope").stderr).toBe("error: cannot delete cluster nope, not in /root/.kube/config\n");
    expect(run("kubectl config delete-user nope").stderr).toBe("error: cannot delete user nope, not in /root/.kube/config\n");
    expect(run("kubectl config set-context").stderr).toBe("error: you must specify a non-empty context name or --current\n");
  });

  it("set / unset properties, and the errors once current-context is gone", () => {
    const { run } = lab();
    expect(run("kubectl config set contexts.kubernetes-admin@kubernetes.namespace foo").stdout).toBe('Property "contexts.kubernetes-admin@kubernetes.namespace" set.\n');
    expect(run("kubectl config unset contexts.kubernetes-admin@kubernetes.namespace").stdout).toBe('Property "contexts.kubernetes-admin@kubernetes.namespace" unset.\n');
    expect(run("kubectl config set-cluster c2 --server=https://1.2.3.4").stdout).toBe('Cluster "c2" set.\n');
    expect(run("kubectl config set-credentials u2 --token=abc").stdout).toBe('User "u2" set.\n');
    expect(run("kubectl config unset current-context").stdout).toBe('Property "current-context" unset.\n');
    expect(run("kubectl config current-context")).toEqual({ stdout: "", stderr: "error: current-context is not set\n", exitCode: 1 });
    expect(run("kubectl config view --minify").stderr).toBe("error: current-context must exist in order to minify\n");
  });

  it("use-context without a name prints its help, then the error", () => {
    const { run } = lab();
    const r = run("kubectl config use-context");
    expect(r.stdout).toBe(REAL_HELP["config use-context"]);
    expect(r.stderr).toBe("error: Unexpected args: []\n");
  });
});

describe("kubectl config --help", () => {
  for (const [path, text] of Object.entries(REAL_HELP)) {
    it(`${path}: kubectl's text`, () => {
      expect(helpText(`kubectl ${path}`)).toBe(text);
    });
  }
});
