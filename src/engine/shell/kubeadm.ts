import type { Res as ExecResult } from "../util/result";
import type { ClusterImpl } from "../cluster/cluster";
import { K8S_VERSION } from "../cluster/bootstrap";

const INIT_HELP = `Run this command in order to set up the Kubernetes control plane

The "init" command executes the following phases:
\`\`\`
preflight                     Run pre-flight checks
certs                         Certificate generation
kubeconfig                    Generate all kubeconfig files necessary to establish the control plane and the admin kubeconfig file
etcd                          Generate static Pod manifest file for local etcd
control-plane                 Generate all static Pod manifest files necessary to establish the control plane
kubelet-start                 Write kubelet settings and (re)start the kubelet
wait-control-plane            Wait for the control plane to start
upload-config                 Upload the kubeadm and kubelet configuration to a ConfigMap
upload-certs                  Upload certificates to kubeadm-certs
mark-control-plane            Mark a node as a control-plane
bootstrap-token               Generates bootstrap tokens used to join a node to a cluster
kubelet-finalize              Updates settings relevant to the kubelet after TLS bootstrap
addon                         Install required addons for passing conformance tests
show-join-command             Show the join command for control-plane and worker node
\`\`\`

Usage:
  kubeadm init [flags]
  kubeadm init [command]

Available Commands:
  phase       Use this command to invoke single phase of the "init" workflow

Flags:
      --apiserver-advertise-address string   The IP address the API Server will advertise it's listening on. If not set the default network interface will be used.
      --apiserver-bind-port int32            Port for the API Server to bind to. (default 6443)
      --apiserver-cert-extra-sans strings    Optional extra Subject Alternative Names (SANs) to use for the API Server serving certificate. Can be both IP addresses and DNS names.
      --cert-dir string                      The path where to save and store the certificates. (default "/etc/kubernetes/pki")
      --certificate-key string               Key used to encrypt the control-plane certificates in the kubeadm-certs Secret. The certificate key is a hex encoded string that is an AES key of size 32 bytes.
      --config string                        Path to a kubeadm configuration file.
      --control-plane-endpoint string        Specify a stable IP address or DNS name for the control plane.
      --cri-socket string                    Path to the CRI socket to connect. If empty kubeadm will try to auto-detect this value; use this option only if you have more than one CRI installed or if you have non-standard CRI socket.
      --dry-run                              Don't apply any changes; just output what would be done.
      --feature-gates string                 A set of key=value pairs that describe feature gates for various features. Options are:
                                             ControlPlaneKubeletLocalMode=true|false (BETA - default=true)
                                             NodeLocalCRISocket=true|false (ALPHA - default=false)
                                             PublicKeysECDSA=true|false (DEPRECATED - default=false)
                                             RootlessControlPlane=true|false (ALPHA - default=false)
                                             WaitForAllControlPlaneComponents=true|false (BETA - default=true)
  -h, --help                                 help for init
      --ignore-preflight-errors strings      A list of checks whose errors will be shown as warnings. Example: 'IsPrivilegedUser,Swap'. Value 'all' ignores errors from all checks.
      --image-repository string              Choose a container registry to pull control plane images from (default "registry.k8s.io")
      --kubernetes-version string            Choose a specific Kubernetes version for the control plane. (default "stable-1")
      --node-name string                     Specify the node name.
      --patches string                       Path to a directory that contains files named "target[suffix][+patchtype].extension". For example, "kube-apiserver0+merge.yaml" or just "etcd.json". "target" can be one of "kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd", "kubeletconfiguration", "corednsdeployment". "patchtype" can be one of "strategic", "merge" or "json" and they match the patch formats supported by kubectl. The default "patchtype" is "strategic". "extension" must be either "json" or "yaml". "suffix" is an optional string that can be used to determine which patches are applied first alpha-numerically.
      --pod-network-cidr string              Specify range of IP addresses for the pod network. If set, the control plane will automatically allocate CIDRs for every node.
      --service-cidr string                  Use alternative range of IP address for service VIPs. (default "10.96.0.0/12")
      --service-dns-domain string            Use alternative domain for services, e.g. "myorg.internal". (default "cluster.local")
      --skip-certificate-key-print           Don't print the key used to encrypt the control-plane certificates.
      --skip-phases strings                  List of phases to be skipped
      --skip-token-print                     Skip printing of the default bootstrap token generated by 'kubeadm init'.
      --token string                         The token to use for establishing bidirectional trust between nodes and control-plane nodes. The format is [a-z0-9]{6}\\.[a-z0-9]{16} - e.g. abcdef.0123456789abcdef
      --token-ttl duration                   The duration before the token is automatically deleted (e.g. 1s, 2m, 3h). If set to '0', the token will never expire (default 24h0m0s)
      --upload-certs                         Upload control-plane certificates to the kubeadm-certs Secret.

Global Flags:
      --add-dir-header           If true, adds the file directory to the header of the log messages
      --log-file string          If non-empty, use this log file (no effect when -logtostderr=true)
      --log-file-max-size uint   Defines the maximum size a log file can grow to (no effect when -logtostderr=true). Unit is megabytes. If the value is 0, the maximum file size is unlimited. (default 1800)
      --one-output               If true, only write logs to their native severity level (vs also writing to each lower severity level; no effect when -logtostderr=true)
      --rootfs string            The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path.
      --skip-headers             If true, avoid header prefixes in the log messages
      --skip-log-headers         If true, avoid headers when opening log files (no effect when -logtostderr=true)
  -v, --v Level                  number for the log level verbosity

Use "kubeadm init [command] --help" for more information about a command.
`;

function initDefaults(): string {
  return `apiVersion: kubeadm.k8s.io/v1beta4
bootstrapTokens:
- groups:
  - system:bootstrappers:kubeadm:default-node-token
  token: abcdef.0123456789abcdef
  ttl: 24h0m0s
  usages:
  - signing
  - authentication
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: 1.2.3.4
  bindPort: 6443
nodeRegistration:
  criSocket: unix:///var/run/containerd/containerd.sock
  imagePullPolicy: IfNotPresent
  imagePullSerial: true
  name: node
  taints: null
timeouts:
  controlPlaneComponentHealthCheck: 4m0s
  discovery: 5m0s
  etcdAPICall: 2m0s
  kubeletHealthCheck: 4m0s
  kubernetesAPICall: 1m0s
  tlsBootstrap: 5m0s
  upgradeManifests: 5m0s
---
apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${K8S_VERSION.replace(/\.\d+$/, ".0")}
networking:
  dnsDomain: cluster.local
  serviceSubnet: 10.96.0.0/12
proxy: {}
scheduler: {}
`;
}

/**
 * The parts of kubeadm a learner reads to find where the three ranges come from. The cluster
 * itself was set up with kubeadm already; `kubeadm init` on it refuses like the real one would.
 */
export function kubeadm(cluster: ClusterImpl, args: string[]): ExecResult {
  const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0 });
  const sub = args.filter((a) => !a.startsWith("-"));
  if (sub[0] === "init" && (args.includes("--help") || args.includes("-h"))) return ok(INIT_HELP);
  if (sub[0] === "config" && sub[1] === "print" && sub[2] === "init-defaults") return ok(initDefaults());
  if (sub[0] === "version") return ok(`kubeadm version: &version.Info{Major:"1", Minor:"33", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${K8S_VERSION}", GitCommit:"60a317eadfcb839692a68eab88b2096f4d708f4f", GitTreeState:"clean", BuildDate:"2025-04-23T13:05:48Z", GoVersion:"go1.24.2", Compiler:"gc", Platform:"linux/amd64"}\n`);
  if (sub[0] === "init") {
    return {
      stdout: `[init] Using Kubernetes version: ${K8S_VERSION}\n[preflight] Running pre-flight checks\n`,
      stderr: `error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR Port-6443]: Port 6443 is in use\n\t[ERROR Port-10259]: Port 10259 is in use\n\t[ERROR Port-10257]: Port 10257 is in use\n\t[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml]: /etc/kubernetes/manifests/kube-apiserver.yaml already exists\n\t[ERROR Port-10250]: Port 10250 is in use\n\t[ERROR Port-2379]: Port 2379 is in use\n\t[ERROR Port-2380]: Port 2380 is in use\n\t[ERROR DirAvailable--var-lib-etcd]: /var/lib/etcd is not empty\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\`\nTo see the stack trace of this error execute with --v=5 or higher\n`,
      exitCode: 1,
    };
  }
  void cluster;
  return ok(`\n    ┌──────────────────────────────────────────────────────────┐\n    │ KUBEADM                                                  │\n    │ Easily bootstrap a secure Kubernetes cluster             │\n    └──────────────────────────────────────────────────────────┘\n\nUsage:\n  kubeadm [command]\n\nAvailable Commands:\n  certs       Commands related to handling kubernetes certificates\n  completion  Output shell completion code for the specified shell (bash or zsh)\n  config      Manage configuration for a kubeadm cluster persisted in a ConfigMap in the cluster\n  help        Help about any command\n  init        Run this command in order to set up the Kubernetes control plane\n  join        Run this on any machine you wish to join an existing cluster\n  kubeconfig  Kubeconfig file utilities\n  reset       Performs a best effort revert of changes made to this host by 'kubeadm init' or 'kubeadm join'\n  token       Manage bootstrap tokens\n  upgrade     Upgrade your cluster smoothly to a newer version of Kubernetes\n  version     Print the version of kubeadm\n\nFlags:\n  -h, --help                     help for kubeadm\n      --rootfs string            The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path.\n\nUse "kubeadm [command] --help" for more information about a command.\n`);
}
