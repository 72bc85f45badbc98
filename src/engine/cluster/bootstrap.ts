import { formatIPv4, indexedIP, mustParseCidr } from "./ipam/cidr";
import type { ApiServer } from "./apiserver";
import type { Kubelet } from "./controllers/kubelet";
import type { Runtime } from "./runtime";
import type { ConfigMap, Container, DaemonSet, Deployment, Namespace, Node, Pod, Service } from "./types";
import { kubeProxyConfig } from "./kubeproxy-config";
import { recordEvent } from "./events";

export const K8S_VERSION = "v1.33.0";
export const COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.12.0";
export const CALICO_VERSION = "v3.29.3";

/**
 * Brings a cluster up the way `kubeadm init` + Calico + `kubeadm join` would: the control-plane
 * node with its static pods, the system DaemonSets and CoreDNS (which lands on the control plane,
 * as it does when workers join after the CNI is installed), then the workers. The caller advances
 * the clock until everything is Running.
 */
export function bootstrap(rt: Runtime, api: ApiServer, kubelet: Kubelet, joinWorkers: () => void): void {
  const o = rt.options;
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(`bootstrap: ${r.error.message}`);
    return r.value;
  };

  for (const name of ["default", "kube-node-lease", "kube-public", "kube-system"]) {
    must(api.create<Namespace>({ apiVersion: "v1", kind: "Namespace", metadata: { name } as unknown as Namespace["metadata"], spec: {}, status: { phase: "Active" } }));
  }

  const cp = createNode(rt, api, "controlplane", 0);
  for (const img of systemImages()) kubelet.prePulled(cp, img);

  // The API server creates default/kubernetes at the first service IP, with its own endpoints.
  const svcNet = mustParseCidr(o.serviceCidr);
  const apiIP = nodeIP(o.nodeCidr, 0);
  must(
    api.create<Service>({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } } as unknown as Service["metadata"],
      spec: { type: "ClusterIP", clusterIP: formatIPv4(indexedIP(svcNet, 1)!), ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }], sessionAffinity: "None" },
      status: { loadBalancer: {} },
    }),
  );
  must(
    api.create({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "kubernetes", namespace: "default", labels: { "endpointslice.kubernetes.io/skip-mirror": "true" } } as unknown as Service["metadata"],
      subsets: [{ addresses: [{ ip: apiIP }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }],
    }),
  );
  must(
    api.create({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "kubernetes", namespace: "default", labels: { "kubernetes.io/service-name": "kubernetes" } } as unknown as Service["metadata"],
      addressType: "IPv4",
      endpoints: [{ addresses: [apiIP], conditions: { ready: true, serving: true, terminating: false } }],
      ports: [{ name: "https", port: 6443, protocol: "TCP" }],
    }),
  );

  for (const cm of configMaps(rt)) must(api.create(cm));

  const cpUid = rt.store.get("Node", undefined, cp)!.metadata.uid;
  for (const sp of staticPods(apiIP, o.serviceCidr, o.podCidr)) {
    sp.metadata.ownerReferences![0].uid = cpUid;
    must(api.create(sp));
  }

  must(api.create(daemonSet("kube-proxy", { "k8s-app": "kube-proxy" }, { name: "kube-proxy", image: `registry.k8s.io/kube-proxy:${K8S_VERSION}`, command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"] })));
  must(api.create(daemonSet("calico-node", { "k8s-app": "calico-node" }, { name: "calico-node", image: `docker.io/calico/node:${CALICO_VERSION}` })));

  must(
    api.create<Service>({
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
        annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      } as unknown as Service["metadata"],
      spec: {
        type: "ClusterIP",
        clusterIP: formatIPv4(indexedIP(svcNet, 10)!),
        selector: { "k8s-app": "kube-dns" },
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
        sessionAffinity: "None",
      },
      status: { loadBalancer: {} },
    }),
  );
  must(api.create(corednsDeployment()));
  must(api.create(calicoKubeControllers()));

  // Workers join a little later, once the control plane is up.
  rt.clock.schedule(45_000, () => {
    for (let i = 1; i <= o.workers; i++) {
      const n = createNode(rt, api, `node${String(i).padStart(2, "0")}`, i);
      for (const img of systemImages()) kubelet.prePulled(n, img);
    }
    joinWorkers();
  });
}

function systemImages(): string[] {
  return [`registry.k8s.io/kube-proxy:${K8S_VERSION}`, `docker.io/calico/node:${CALICO_VERSION}`, `docker.io/calico/kube-controllers:${CALICO_VERSION}`, COREDNS_IMAGE, "registry.k8s.io/etcd:3.5.21-0", `registry.k8s.io/kube-apiserver:${K8S_VERSION}`, `registry.k8s.io/kube-controller-manager:${K8S_VERSION}`, `registry.k8s.io/kube-scheduler:${K8S_VERSION}`];
}

/** Node i's InternalIP: the (i+2)th address of the node range (.1 is the gateway). */
export function nodeIP(nodeCidr: string, i: number): string {
  return formatIPv4(indexedIP(mustParseCidr(nodeCidr), i + 2)!);
}

function createNode(rt: Runtime, api: ApiServer, name: string, i: number): string {
  const now = new Date(rt.clock.now).toISOString().replace(/\.\d+Z$/, "Z");
  const pod = mustParseCidr(rt.options.podCidr);
  const isCP = i === 0;
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": name,
    "kubernetes.io/os": "linux",
  };
  if (isCP) {
    labels["node-role.kubernetes.io/control-plane"] = "";
    labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
  }
  // kube-controller-manager hands each node a /24 of the pod range (--allocate-node-cidrs);
  // Calico ignores it and uses its own /26 blocks — a classic source of confusion.
  const podCIDR = pod.prefix <= 24 ? `${formatIPv4(pod.network + i * 256)}/24` : undefined;
  const cond = (type: string, status: "True" | "False", reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  const node: Node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "projectcalico.org/IPv4Address": `${nodeIP(rt.options.nodeCidr, i)}/${mustParseCidr(rt.options.nodeCidr).prefix}`,
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    } as unknown as Node["metadata"],
    spec: {
      ...(podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {}),
      ...(isCP ? { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" as const }] } : {}),
    },
    status: {
      addresses: [
        { type: "InternalIP", address: nodeIP(rt.options.nodeCidr, i) },
        { type: "Hostname", address: name },
      ],
      allocatable: { cpu: "2", "ephemeral-storage": "18698430040", "hugepages-2Mi": "0", memory: "3927948Ki", pods: "110" },
      capacity: { cpu: "2", "ephemeral-storage": "19221248Ki", "hugepages-2Mi": "0", memory: "4030348Ki", pods: "110" },
      conditions: [
        cond("NetworkUnavailable", "False", "CalicoIsUp", "Calico is running on this node"),
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      nodeInfo: {
        architecture: "amd64",
        bootID: rt.uids.uuid(),
        containerRuntimeVersion: "containerd://1.7.27",
        kernelVersion: "6.8.0-60-generic",
        kubeProxyVersion: "",
        kubeletVersion: K8S_VERSION,
        machineID: rt.uids.uuid().replace(/-/g, ""),
        operatingSystem: "linux",
        osImage: "Ubuntu 24.04.2 LTS",
        systemUUID: rt.uids.uuid(),
      },
    },
  };
  const r = api.create(node);
  if (!r.ok) throw new Error(`bootstrap: ${r.error.message}`);
  // What a freshly joined node's events look like (kubelet start-up, node controller, kube-proxy).
  const n = r.value;
  recordEvent(rt, n, "Normal", "Starting", "", "kube-proxy");
  recordEvent(rt, n, "Normal", "Starting", "Starting kubelet.", "kubelet", name);
  for (const c of ["NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID"]) recordEvent(rt, n, "Normal", c, `Node ${name} status is now: ${c}`, "kubelet", name);
  recordEvent(rt, n, "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods", "kubelet", name);
  recordEvent(rt, n, "Normal", "RegisteredNode", `Node ${name} event: Registered Node ${name} in Controller`, "node-controller");
  recordEvent(rt, n, "Normal", "NodeReady", `Node ${name} status is now: NodeReady`, "kubelet", name);
  return name;
}

function configMaps(rt: Runtime): ConfigMap[] {
  const o = rt.options;
  const cm = (ns: string, name: string, data: Record<string, string>, labels?: Record<string, string>): ConfigMap => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: ns, ...(labels ? { labels } : {}) } as unknown as ConfigMap["metadata"],
    data,
  });
  const ca = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIPodflowLabCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNTA1MTIwODU1MDBaFw0zNTA1MTAwOTAwMDBaMBUx\n-----END CERTIFICATE-----\n";
  const out: ConfigMap[] = [];
  for (const ns of ["default", "kube-node-lease", "kube-public", "kube-system"]) {
    const root = cm(ns, "kube-root-ca.crt", { "ca.crt": ca });
    root.metadata.annotations = {
      "kubernetes.io/description":
        "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.",
    };
    out.push(root);
  }
  out.push(
    cm("kube-system", "kubeadm-config", {
      ClusterConfiguration: [
        "apiServer: {}",
        "apiVersion: kubeadm.k8s.io/v1beta4",
        "caCertificateValidityPeriod: 87600h0m0s",
        "certificateValidityPeriod: 8760h0m0s",
        "certificatesDir: /etc/kubernetes/pki",
        "clusterName: kubernetes",
        "controllerManager: {}",
        "dns: {}",
        "encryptionAlgorithm: RSA-2048",
        "etcd:",
        "  local:",
        "    dataDir: /var/lib/etcd",
        "imageRepository: registry.k8s.io",
        "kind: ClusterConfiguration",
        `kubernetesVersion: ${K8S_VERSION}`,
        "networking:",
        "  dnsDomain: cluster.local",
        `  podSubnet: ${o.podCidr}`,
        `  serviceSubnet: ${o.serviceCidr}`,
        "proxy: {}",
        "scheduler: {}",
        "",
      ].join("\n"),
    }),
  );
  out.push(cm("kube-system", "kube-proxy", kubeProxyConfig(o), { app: "kube-proxy" }));
  out.push(
    cm("kube-system", "coredns", {
      Corefile: [
        ".:53 {",
        "    errors",
        "    health {",
        "       lameduck 5s",
        "    }",
        "    ready",
        "    kubernetes cluster.local in-addr.arpa ip6.arpa {",
        "       pods insecure",
        "       fallthrough in-addr.arpa ip6.arpa",
        "       ttl 30",
        "    }",
        "    prometheus :9153",
        "    forward . /etc/resolv.conf {",
        "       max_concurrent 1000",
        "    }",
        "    cache 30 {",
        "       disable success cluster.local",
        "       disable denial cluster.local",
        "    }",
        "    loop",
        "    reload",
        "    loadbalance",
        "}",
        "",
      ].join("\n"),
    }),
  );
  out.push(
    cm("kube-system", "kubelet-config", {
      kubelet: [
        "apiVersion: kubelet.config.k8s.io/v1beta1",
        "cgroupDriver: systemd",
        "clusterDNS:",
        `- ${formatIPv4(indexedIP(mustParseCidr(o.serviceCidr), 10)!)}`,
        "clusterDomain: cluster.local",
        "kind: KubeletConfiguration",
        "",
      ].join("\n"),
    }),
  );
  out.push(cm("kube-system", "extension-apiserver-authentication", { "client-ca-file": ca, "requestheader-allowed-names": '["front-proxy-client"]', "requestheader-client-ca-file": ca, "requestheader-extra-headers-prefix": '["X-Remote-Extra-"]', "requestheader-group-headers": '["X-Remote-Group"]', "requestheader-username-headers": '["X-Remote-User"]' }));
  out.push(cm("kube-system", "kube-apiserver-legacy-service-account-token-tracking", { since: new Date(rt.clock.now).toISOString().slice(0, 10) }));
  out.push(cm("kube-public", "cluster-info", { kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    server: https://${nodeIP(o.nodeCidr, 0)}:6443\n  name: ""\nkind: Config\n` }));
  return out;
}

function staticPods(apiIP: string, serviceCidr: string, podCidr: string): Pod[] {
  const mk = (component: string, image: string, command: string[]): Pod => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${component}-controlplane`,
      namespace: "kube-system",
      labels: { component, tier: "control-plane" },
      annotations: {
        "kubernetes.io/config.source": "file",
        ...(component === "kube-apiserver" ? { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${apiIP}:6443` } : {}),
        ...(component === "etcd" ? { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${apiIP}:2379` } : {}),
      },
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name: "controlplane", uid: "", controller: true }],
    } as unknown as Pod["metadata"],
    spec: {
      containers: [{ name: component, image, command }],
      hostNetwork: true,
      nodeName: "controlplane",
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      tolerations: [{ effect: "NoExecute", operator: "Exists" }],
    },
    status: { phase: "Pending" },
  });
  return [
    mk("etcd", "registry.k8s.io/etcd:3.5.21-0", ["etcd", `--advertise-client-urls=https://${apiIP}:2379`, "--data-dir=/var/lib/etcd"]),
    mk("kube-apiserver", `registry.k8s.io/kube-apiserver:${K8S_VERSION}`, ["kube-apiserver", `--advertise-address=${apiIP}`, "--authorization-mode=Node,RBAC", `--service-cluster-ip-range=${serviceCidr}`, "--secure-port=6443"]),
    mk("kube-controller-manager", `registry.k8s.io/kube-controller-manager:${K8S_VERSION}`, ["kube-controller-manager", "--allocate-node-cidrs=true", `--cluster-cidr=${podCidr}`, `--service-cluster-ip-range=${serviceCidr}`]),
    mk("kube-scheduler", `registry.k8s.io/kube-scheduler:${K8S_VERSION}`, ["kube-scheduler", "--kubeconfig=/etc/kubernetes/scheduler.conf", "--leader-elect=true"]),
  ];
}

function daemonSet(name: string, labels: Record<string, string>, container: Container): DaemonSet {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: "kube-system", labels, annotations: { "deprecated.daemonset.template.generation": "1" } } as unknown as DaemonSet["metadata"],
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ ...container, env: [{ name: "NODE_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }] }],
          hostNetwork: true,
          priorityClassName: "system-node-critical",
          serviceAccountName: name,
          tolerations: [{ operator: "Exists" }],
          nodeSelector: { "kubernetes.io/os": "linux" },
        },
      },
      updateStrategy: { type: "RollingUpdate" },
      revisionHistoryLimit: 10,
    },
    status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
  };
}

function corednsDeployment(): Deployment {
  const labels = { "k8s-app": "kube-dns" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "coredns", namespace: "kube-system", labels } as unknown as Deployment["metadata"],
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: "coredns",
              image: COREDNS_IMAGE,
              args: ["-conf", "/etc/coredns/Corefile"],
              ports: [
                { containerPort: 53, name: "dns", protocol: "UDP" },
                { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
                { containerPort: 9153, name: "metrics", protocol: "TCP" },
              ],
            },
          ],
          dnsPolicy: "Default",
          priorityClassName: "system-cluster-critical",
          serviceAccountName: "coredns",
          nodeSelector: { "kubernetes.io/os": "linux" },
          tolerations: [
            { key: "CriticalAddonsOnly", operator: "Exists" },
            { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
          ],
        },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

function calicoKubeControllers(): Deployment {
  const labels = { "k8s-app": "calico-kube-controllers" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "calico-kube-controllers", namespace: "kube-system", labels } as unknown as Deployment["metadata"],
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      strategy: { type: "Recreate" },
      template: {
        metadata: { labels, name: "calico-kube-controllers" },
        spec: {
          containers: [{ name: "calico-kube-controllers", image: `docker.io/calico/kube-controllers:${CALICO_VERSION}` }],
          priorityClassName: "system-cluster-critical",
          serviceAccountName: "calico-kube-controllers",
          nodeSelector: { "kubernetes.io/os": "linux" },
          tolerations: [
            { key: "CriticalAddonsOnly", operator: "Exists" },
            { effect: "NoSchedule", key: "node-role.kubernetes.io/master" },
            { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
          ],
        },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}
