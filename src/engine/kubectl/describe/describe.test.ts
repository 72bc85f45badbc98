/**
 * `kubectl describe` golden tests. Every expected block is what kubectl v1.33 prints for the same
 * objects (describe.go's field order, labels and tabwriter alignment); the values that come from
 * the seeded PRNG (pod names, IPs, container IDs, UUIDs) are read back from the cluster so the
 * layout stays pinned while the simulation evolves. Trailing spaces are part of kubectl's output
 * (a tab-terminated cell is padded even when the value after it is empty) and are kept.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Cluster, type ExecResult } from "../../index";
import type { ClusterImpl } from "../../cluster/cluster";
import type { EndpointSlice } from "../../cluster/types";
import { Ctx, GLOBAL_FLAGS } from "../command";
import { parseFlags } from "../flags";
import { describe as describeCmd } from "../verbs/describe";
import { COMMANDS } from "../verbs";
import { goSort } from "./gosort";
import { formatQuantity, parseQuantity } from "./quantity";
import { formatEndpointSlices } from "./service";
import { rfc1123z } from "./format";

/** `kubectl describe <args>`: through the shell once the verb is registered, else directly. */
function kd(cluster: Cluster, args: string, stdin?: string): ExecResult {
  if (COMMANDS.some((c) => c.name === "describe")) return cluster.exec(`kubectl describe ${args}${stdin === undefined ? "" : ` <<EOF\n${stdin}EOF`}`);
  const parsed = parseFlags(args.split(" ").filter(Boolean), [...(describeCmd.flags ?? []), ...GLOBAL_FLAGS]);
  if (!parsed.ok) throw new Error(parsed.error);
  const ctx = new Ctx(cluster as ClusterImpl, stdin, "kubectl describe", parsed.value);
  describeCmd.run!(ctx);
  return { stdout: ctx.stdout, stderr: ctx.stderr, exitCode: ctx.exitCode, output: ctx.output };
}

/** Text as written in a test: a leading newline dropped. */
const text = (s: string) => s.replace(/^\n/, "");

function bootTestDeployment(): Cluster {
  const cluster = createCluster({ seed: 7 });
  cluster.exec("kubectl create deployment test --image=nginx");
  cluster.exec("sleep 10");
  cluster.exec("kubectl expose deploy test --port=8080 --target-port=80 --name=my-service");
  return cluster;
}

describe("kubectl describe after create deployment + expose", () => {
  let cluster: Cluster;
  let v: {
    pod: string;
    podIP: string;
    node: string;
    nodeIP: string;
    rs: string;
    containerID: string;
    imageID: string;
    token: string;
    clusterIP: string;
    pulled: string;
  };

  beforeAll(() => {
    cluster = bootTestDeployment();
    const s = cluster.snapshot();
    const pod = s.pods.find((p) => p.metadata.name.startsWith("test-"))!;
    const node = s.nodes.find((n) => n.metadata.name === pod.spec.nodeName)!;
    v = {
      pod: pod.metadata.name,
      podIP: pod.status.podIP!,
      node: node.metadata.name,
      nodeIP: node.status.addresses[0].address,
      rs: pod.metadata.ownerReferences![0].name,
      containerID: pod.status.containerStatuses![0].containerID!,
      imageID: pod.status.containerStatuses![0].imageID,
      token: String(pod.spec.volumes![0].name),
      clusterIP: s.services.find((x) => x.metadata.name === "my-service")!.spec.clusterIP!,
      pulled: s.events.find((e) => e.involvedObject.name === pod.metadata.name && e.reason === "Pulled")!.message,
    };
  });

  it("describes the service with its endpoints from the EndpointSlice", () => {
    const r = kd(cluster, "svc my-service");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      text(`
Name:                     my-service
Namespace:                default
Labels:                   app=test
Annotations:              <none>
Selector:                 app=test
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${v.clusterIP}
IPs:                      ${v.clusterIP}
Port:                     <unset>  8080/TCP
TargetPort:               80/TCP
Endpoints:                ${v.podIP}:80
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`),
    );
  });

  it("describes the deployment with its pod template, conditions and replica sets", () => {
    expect(kd(cluster, "deployment test").stdout).toBe(
      text(`
Name:                   test
Namespace:              default
CreationTimestamp:      Mon, 12 May 2025 09:05:00 +0000
Labels:                 app=test
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=test
Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=test
  Containers:
   nginx:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   ${v.rs} (1/1 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  10s   deployment-controller  Scaled up replica set ${v.rs} from 0 to 1
`),
    );
  });

  it("describes the pod: node/IP, containers, conditions with trailing spaces, volumes, events", () => {
    expect(kd(cluster, `pod ${v.pod}`).stdout).toBe(
      text(`
Name:             ${v.pod}
Namespace:        default
Priority:         0
Service Account:  default
Node:             ${v.node}/${v.nodeIP}
Start Time:       Mon, 12 May 2025 09:05:00 +0000
Labels:           app=test
                  pod-template-hash=${v.rs.slice("test-".length)}
Annotations:      <none>
Status:           Running
IP:               ${v.podIP}
IPs:
  IP:           ${v.podIP}
Controlled By:  ReplicaSet/${v.rs}
Containers:
  nginx:
    Container ID:   ${v.containerID}
    Image:          nginx
    Image ID:       ${v.imageID}
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Mon, 12 May 2025 09:05:02 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from ${v.token} (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  ${v.token}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  10s   default-scheduler  Successfully assigned default/${v.pod} to ${v.node}
  Normal  Pulling    10s   kubelet            Pulling image "nginx"
  Normal  Pulled     8s    kubelet            ${v.pulled}
  Normal  Created    8s    kubelet            Created container: nginx
  Normal  Started    8s    kubelet            Started container nginx
`),
    );
  });

  it("describes the replica set with its pods' status and owner", () => {
    expect(kd(cluster, "rs").stdout).toBe(
      text(`
Name:           ${v.rs}
Namespace:      default
Selector:       app=test,pod-template-hash=${v.rs.slice(5)}
Labels:         app=test
                pod-template-hash=${v.rs.slice(5)}
Annotations:    deployment.kubernetes.io/desired-replicas: 1
                deployment.kubernetes.io/max-replicas: 2
                deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/test
Replicas:       1 current / 1 desired
Pods Status:    1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=test
           pod-template-hash=${v.rs.slice(5)}
  Containers:
   nginx:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  10s   replicaset-controller  Created pod: ${v.pod}
`),
    );
  });

  it("describes the node the pod runs on: lease, conditions, capacity, non-terminated pods", () => {
    const s = cluster.snapshot();
    const node = s.nodes.find((n) => n.metadata.name === v.node)!;
    const info = node.status.nodeInfo;
    const onNode = s.pods.filter((p) => p.spec.nodeName === v.node).map((p) => p.metadata.name);
    const calico = onNode.find((n) => n.startsWith("calico-node-"))!;
    const proxy = onNode.find((n) => n.startsWith("kube-proxy-"))!;
    const created = node.metadata.creationTimestamp; // workers join 45 s after kubeadm init
    expect(created).toBe("2025-05-12T09:00:45Z");
    expect(onNode).toHaveLength(3);
    const cidr = node.spec.podCIDR!;
    expect(kd(cluster, `node ${v.node}`).stdout).toBe(
      text(`
Name:               ${v.node}
Roles:              <none>
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=${v.node}
                    kubernetes.io/os=linux
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    projectcalico.org/IPv4Address: ${v.nodeIP}/24
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Mon, 12 May 2025 09:00:45 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  ${v.node}
  AcquireTime:     <unset>
  RenewTime:       Mon, 12 May 2025 09:05:05 +0000
Conditions:
  Type                 Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----                 ------  -----------------                 ------------------                ------                       -------
  NetworkUnavailable   False   Mon, 12 May 2025 09:00:45 +0000   Mon, 12 May 2025 09:00:45 +0000   CalicoIsUp                   Calico is running on this node
  MemoryPressure       False   Mon, 12 May 2025 09:00:45 +0000   Mon, 12 May 2025 09:00:45 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure         False   Mon, 12 May 2025 09:00:45 +0000   Mon, 12 May 2025 09:00:45 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure          False   Mon, 12 May 2025 09:00:45 +0000   Mon, 12 May 2025 09:00:45 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready                True    Mon, 12 May 2025 09:00:45 +0000   Mon, 12 May 2025 09:00:45 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  ${v.nodeIP}
  Hostname:    ${v.node}
Capacity:
  cpu:                2
  ephemeral-storage:  19221248Ki
  hugepages-2Mi:      0
  memory:             4030348Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  18698430040
  hugepages-2Mi:      0
  memory:             3927948Ki
  pods:               110
System Info:
  Machine ID:                 ${info.machineID}
  System UUID:                ${info.systemUUID}
  Boot ID:                    ${info.bootID}
  Kernel Version:             6.8.0-60-generic
  OS Image:                   Ubuntu 24.04.2 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.27
  Kubelet Version:            v1.33.0
  Kube-Proxy Version:         
PodCIDR:                      ${cidr}
PodCIDRs:                     ${cidr}
Non-terminated Pods:          (3 in total)
  Namespace                   Name                     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                     ------------  ----------  ---------------  -------------  ---
  default                     ${v.pod}    0 (0%)        0 (0%)      0 (0%)           0 (0%)         10s
  kube-system                 ${calico}        0 (0%)        0 (0%)      0 (0%)           0 (0%)         4m25s
  kube-system                 ${proxy}         0 (0%)        0 (0%)      0 (0%)           0 (0%)         4m25s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests  Limits
  --------           --------  ------
  cpu                0 (0%)    0 (0%)
  memory             0 (0%)    0 (0%)
  ephemeral-storage  0 (0%)    0 (0%)
  hugepages-2Mi      0 (0%)    0 (0%)
Events:
  Type    Reason                   Age    From             Message
  ----    ------                   ----   ----             -------
  Normal  Starting                 4m25s  kube-proxy       
  Normal  Starting                 4m25s  kubelet          Starting kubelet.
  Normal  NodeHasSufficientMemory  4m25s  kubelet          Node ${v.node} status is now: NodeHasSufficientMemory
  Normal  NodeHasNoDiskPressure    4m25s  kubelet          Node ${v.node} status is now: NodeHasNoDiskPressure
  Normal  NodeHasSufficientPID     4m25s  kubelet          Node ${v.node} status is now: NodeHasSufficientPID
  Normal  NodeAllocatableEnforced  4m25s  kubelet          Updated Node Allocatable limit across pods
  Normal  RegisteredNode           4m25s  node-controller  Node ${v.node} event: Registered Node ${v.node} in Controller
  Normal  NodeReady                4m25s  kubelet          Node ${v.node} status is now: NodeReady
`),
    );
  });

  it("gives the control-plane node its role and taint", () => {
    const out = kd(cluster, "node controlplane --show-events=false").stdout;
    expect(out).toContain("\nRoles:              control-plane\n");
    expect(out).toContain("\n                    node-role.kubernetes.io/control-plane=\n");
    expect(out).toContain("\nTaints:             node-role.kubernetes.io/control-plane:NoSchedule\n");
    expect(out).toContain("\nNon-terminated Pods:          (9 in total)\n");
    expect(out).not.toContain("Events:");
  });

  it("finds objects by name prefix when there is no exact match, each followed by a blank line", () => {
    // One shell line, so both describes see the same instant (every line costs 100 ms).
    const both = cluster.exec(`kubectl describe pod ${v.pod}; echo @@MARK@@; kubectl describe pod test`);
    expect(both.exitCode).toBe(0);
    const [exact, byPrefix] = both.stdout.split("@@MARK@@\n");
    expect(byPrefix).toBe(exact + "\n");
    // TYPE/NAME never falls back to a prefix search.
    const slash = kd(cluster, "pods/test");
    expect(slash.stdout).toBe("");
    expect(slash.stderr).toBe('Error from server (NotFound): pods "test" not found\n');
    expect(slash.exitCode).toBe(1);
  });

  it("prints kubectl's NotFound errors", () => {
    expect(kd(cluster, "pod x")).toMatchObject({ stdout: "", stderr: 'Error from server (NotFound): pods "x" not found\n', exitCode: 1 });
    expect(kd(cluster, "deploy nope").stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(kd(cluster, "node nope").stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
    const two = kd(cluster, "svc my-service nope");
    expect(two.stdout).toBe(kd(cluster, "svc my-service").stdout);
    expect(two.stderr).toBe('Error from server (NotFound): services "nope" not found\n');
  });

  it("reports an empty selection on stderr", () => {
    expect(kd(cluster, "pods -l app=nope")).toMatchObject({ stdout: "", stderr: "No resources found in default namespace.\n", exitCode: 0 });
    expect(kd(cluster, "pods -A -l app=nope").stderr).toBe("No resources found\n");
    expect(kd(cluster, "-n kube-public pods").stderr).toBe("No resources found in kube-public namespace.\n");
  });

  it("rejects the argument forms kubectl rejects", () => {
    expect(kd(cluster, "").stderr).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect(kd(cluster, "pods x -l app=test").stderr).toBe("error: name cannot be provided when a selector is specified\n");
    expect(kd(cluster, "pods,svc x").stderr).toBe("error: you must specify only one resource\n");
    expect(kd(cluster, "pods x -A").stderr).toBe("error: a resource cannot be retrieved by name across all namespaces\n");
    expect(kd(cluster, "widgets x").stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });

  it("separates several objects with two blank lines", () => {
    const all = kd(cluster, "svc").stdout;
    const k = kd(cluster, "svc kubernetes").stdout;
    const m = kd(cluster, "svc my-service").stdout;
    expect(all).toBe(`${k}\n\n${m}`);
    expect(k).toContain("\nEndpoints:                172.30.1.2:6443\n");
  });

  it("describes legacy Endpoints with the v1.33 deprecation warning", () => {
    const r = kd(cluster, "endpoints my-service");
    expect(r.stderr).toBe("Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n");
    expect(r.stdout).toBe(
      text(`
Name:         my-service
Namespace:    default
Labels:       app=test
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2025-05-12T09:05:10Z
Subsets:
  Addresses:          ${v.podIP}
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  80    TCP

Events:  <none>
`),
    );
  });

  it("describes the EndpointSlice", () => {
    const slice = cluster.snapshot().endpointSlices.find((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "my-service")!;
    const r = kd(cluster, `endpointslice ${slice.metadata.name}`);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      text(`
Name:         ${slice.metadata.name}
Namespace:    default
Labels:       app=test
              endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io
              kubernetes.io/service-name=my-service
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2025-05-12T09:05:10Z
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  80    TCP
Endpoints:
  - Addresses:  ${v.podIP}
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/${v.pod}
    NodeName:   ${v.node}
    Zone:       <unset>
Events:         <none>
`),
    );
  });

  it("describes a namespace (no events, no quotas, no limit ranges)", () => {
    expect(kd(cluster, "namespace default").stdout).toBe(
      text(`
Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`),
    );
  });

  it("describes a config map: each key, a rule, the value, then BinaryData", () => {
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  b: two\n  a: one\n";
    expect(cluster.exec(`kubectl apply -f - <<EOF\n${yaml}EOF`).stderr).toBe("");
    // v1.33 walks the data map in Go's random order; sorted keys is one of its outputs (and v1.34's only one).
    const r = kd(cluster, "configmap settings");
    expect(r.stdout).toBe(
      text(`
Name:         settings
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
a:
----
one

b:
----
two


BinaryData
====

Events:  <none>
`),
    );
  });

  it("describes what a manifest names with -f, NotFound for what does not exist", () => {
    const manifest = "apiVersion: v1\nkind: Service\nmetadata:\n  name: my-service\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ghost\n";
    const r = kd(cluster, "-f -", manifest);
    expect(r.stdout).toBe(kd(cluster, "svc my-service").stdout);
    expect(r.stderr).toBe('Error from server (NotFound): services "ghost" not found\n');
    expect(r.exitCode).toBe(1);
  });

  it("describes a daemon set: the Number-of-Nodes lines break the alignment, as in kubectl", () => {
    const out = kd(cluster, "-n kube-system daemonset kube-proxy").stdout;
    expect(out.startsWith("Name:           kube-proxy\nNamespace:      kube-system\nSelector:       k8s-app=kube-proxy\nNode-Selector:  kubernetes.io/os=linux\nLabels:         k8s-app=kube-proxy\n")).toBe(true);
    expect(out).toContain(
      text(`
Desired Number of Nodes Scheduled: 3
Current Number of Nodes Scheduled: 3
Number of Nodes Scheduled with Up-to-date Pods: 3
Number of Nodes Scheduled with Available Pods: 3
Number of Nodes Misscheduled: 0
Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:           k8s-app=kube-proxy
  Service Account:  kube-proxy
  Containers:
   kube-proxy:
    Image:      registry.k8s.io/kube-proxy:v1.33.0
    Port:       <none>
    Host Port:  <none>
    Command:
      /usr/local/bin/kube-proxy
      --config=/var/lib/kube-proxy/config.conf
      --hostname-override=$(NODE_NAME)
`),
    );
    expect(out).toContain("\n  Priority Class Name:  system-node-critical\n  Node-Selectors:       kubernetes.io/os=linux\n  Tolerations:          op=Exists\n");
  });

  it("leaves events out with --show-events=false", () => {
    const out = kd(cluster, "deploy test --show-events=false").stdout;
    expect(out.endsWith(`NewReplicaSet:   ${v.rs} (1/1 replicas created)\n`)).toBe(true);
  });
});

describe("kubectl describe service endpoints", () => {
  let cluster: Cluster;
  beforeAll(() => {
    cluster = bootTestDeployment();
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: multi
spec:
  replicas: 4
  selector:
    matchLabels:
      app: multi
  template:
    metadata:
      labels:
        app: multi
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - name: http
          containerPort: 80
        - name: metrics
          containerPort: 9090
---
apiVersion: v1
kind: Service
metadata:
  name: multi
  labels:
    tier: web
    team: a
spec:
  selector:
    app: multi
  ports:
  - name: http
    port: 80
    targetPort: http
  - name: metrics
    port: 9100
    targetPort: metrics
---
apiVersion: v1
kind: Service
metadata:
  name: lonely
spec:
  selector:
    app: nobody
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: manual
spec:
  ports:
  - port: 80
    targetPort: 8080
`;
    const r = cluster.exec(`kubectl apply -f - <<EOF\n${yaml}EOF`);
    expect(r.stderr).toBe("");
    cluster.exec("sleep 15");
  });

  it("lists each port's ready endpoints by name, three at most, then + N more", () => {
    const s = cluster.snapshot();
    const svc = s.services.find((x) => x.metadata.name === "multi")!;
    const slices = s.endpointSlices.filter((x) => x.metadata.labels?.["kubernetes.io/service-name"] === "multi");
    const ips = slices.flatMap((x) => x.endpoints.map((e) => e.addresses[0]));
    expect(ips).toHaveLength(4);
    const first3 = (port: number) => ips.slice(0, 3).map((ip) => `${ip}:${port}`).join(",");
    expect(kd(cluster, "service multi").stdout).toBe(
      text(`
Name:                     multi
Namespace:                default
Labels:                   team=a
                          tier=web
Annotations:              <none>
Selector:                 app=multi
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${svc.spec.clusterIP}
IPs:                      ${svc.spec.clusterIP}
Port:                     http  80/TCP
TargetPort:               http/TCP
Endpoints:                ${first3(80)} + 1 more...
Port:                     metrics  9100/TCP
TargetPort:               metrics/TCP
Endpoints:                ${first3(9090)} + 1 more...
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`),
    );
  });

  it("prints an empty Endpoints value for a selector that matches nothing, <none> without slices", () => {
    const lonely = kd(cluster, "svc lonely").stdout;
    expect(lonely).toContain("\nPort:                     <unset>  80/TCP\nTargetPort:               80/TCP\nEndpoints:                \nSession Affinity:");
    const manual = kd(cluster, "svc manual").stdout;
    expect(manual).toContain("\nSelector:                 <none>\n");
    expect(manual).toContain("\nTargetPort:               8080/TCP\nEndpoints:                <none>\n");
  });

  it("shows named container ports in the deployment's pod template", () => {
    const out = kd(cluster, "deploy multi --show-events=false").stdout;
    expect(out).toContain(
      text(`
  Containers:
   web:
    Image:         nginx
    Ports:         80/TCP (http), 9090/TCP (metrics)
    Host Ports:    0/TCP (http), 0/TCP (metrics)
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
`),
    );
    // kubectl skips the last-applied-configuration annotation `apply` adds.
    expect(out).toContain("\nAnnotations:            deployment.kubernetes.io/revision: 1\n");
  });
});

describe("kubectl describe pod spec details", () => {
  it("prints resources, probes, env, node selector and a pending pod's empty IP", () => {
    const cluster = createCluster({ seed: 7 });
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: big
  labels:
    app: big
  annotations:
    note: ${"x".repeat(150)}
spec:
  nodeSelector:
    disk: ssd
  containers:
  - name: app
    image: nginx:1.25
    command: ["nginx", "-g", "daemon off;"]
    ports:
    - containerPort: 80
      name: http
    env:
    - name: MODE
      value: fast
    - name: NODE
      valueFrom:
        fieldRef:
          fieldPath: spec.nodeName
    resources:
      requests:
        cpu: 250m
        memory: 64Mi
      limits:
        cpu: "0.5"
        memory: 128Mi
    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
`;
    expect(cluster.exec(`kubectl apply -f - <<EOF\n${yaml}EOF`).stderr).toBe("");
    const pod = cluster.snapshot().pods.find((p) => p.metadata.name === "big")!;
    const token = String(pod.spec.volumes![0].name);
    expect(kd(cluster, "pod big --show-events=false").stdout).toBe(
      text(`
Name:             big
Namespace:        default
Priority:         0
Service Account:  default
Node:             <none>
Labels:           app=big
Annotations:      note:
                    ${"x".repeat(138)}...
Status:           Pending
IP:               
IPs:              <none>
Containers:
  app:
    Image:      nginx:1.25
    Port:       80/TCP (http)
    Host Port:  0/TCP (http)
    Command:
      nginx
      -g
      daemon off;
    Limits:
      cpu:     500m
      memory:  128Mi
    Requests:
      cpu:      250m
      memory:   64Mi
    Readiness:  http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      MODE:  fast
      NODE:   (v1:spec.nodeName)
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from ${token} (ro)
Conditions:
  Type           Status
  PodScheduled   False 
Volumes:
  ${token}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              disk=ssd
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
`),
    );
  });

  it("shows a crash-looping container's last state and counted events", () => {
    const cluster = createCluster({ seed: 7 });
    cluster.exec("kubectl run bb --image=busybox");
    cluster.exec("sleep 40");
    const out = kd(cluster, "pod bb").stdout;
    expect(out).toMatch(/\n {4}State: {10}Waiting\n {6}Reason: {7}CrashLoopBackOff\n {4}Last State: {5}Terminated\n {6}Reason: {7}Completed\n {6}Exit Code: {4}0\n {6}Started: {6}Mon, 12 May 2025 09:05:\d\d \+0000\n {6}Finished: {5}Mon, 12 May 2025 09:05:\d\d \+0000\n {4}Ready: {10}False\n {4}Restart Count: {2}\d+\n/);
    // A bare pod has no Controlled By line, so its IPs block aligns on its own.
    expect(out).toMatch(/\nIPs:\n {2}IP: {2}\d+\.\d+\.\d+\.\d+\nContainers:\n/);
    expect(out).toMatch(/\n {2}Normal {3}Started {4}\d+s \(x\d+ over \d+s\) {2}kubelet {12}Started container bb\n/);
  });
});

describe("describe helpers", () => {
  it("formats times as Go's RFC1123Z in UTC", () => {
    expect(rfc1123z("2025-05-12T09:05:00Z")).toBe("Mon, 12 May 2025 09:05:00 +0000");
    expect(rfc1123z(undefined)).toBe("Mon, 01 Jan 0001 00:00:00 +0000");
  });

  it("prints quantities in canonical form", () => {
    const q = (s: string) => formatQuantity(parseQuantity(s)!);
    expect(q("0.5")).toBe("500m");
    expect(q("1000m")).toBe("1");
    expect(q("1.5")).toBe("1500m");
    expect(q("128Mi")).toBe("128Mi");
    expect(q("1536Mi")).toBe("1536Mi");
    expect(q("2048Mi")).toBe("2Gi");
    expect(q("4030348Ki")).toBe("4030348Ki");
    expect(q("18698430040")).toBe("18698430040");
    expect(q("1000")).toBe("1k");
    expect(q("0")).toBe("0");
    expect(q("1e3")).toBe("1e3");
  });

  it("sorts like Go: insertion sort (stable) up to 12 elements, pdqsort beyond", () => {
    const items = [3, 1, 2, 1, 3].map((k, i) => ({ k, i }));
    expect(goSort(items, (a, b) => a.k < b.k).map((x) => x.i)).toEqual([1, 3, 2, 0, 4]);
    const many = Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
    expect(goSort([...many], (a, b) => a < b)).toEqual([...many].sort((a, b) => a - b));
  });

  it("keeps kubectl's + N more bookkeeping for endpoint lists", () => {
    const ep = (ip: string, ready: boolean) => ({ addresses: [ip], conditions: { ready, serving: ready, terminating: false } });
    const slice = (endpoints: ReturnType<typeof ep>[]): EndpointSlice => ({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "s", namespace: "default", uid: "u", resourceVersion: "1", creationTimestamp: "2025-05-12T09:00:00Z" },
      addressType: "IPv4",
      endpoints,
      ports: [{ name: "", port: 80, protocol: "TCP" }],
    });
    expect(formatEndpointSlices([], new Set([""]))).toBe("<none>");
    expect(formatEndpointSlices([slice([ep("10.0.0.1", false)])], new Set([""]))).toBe("");
    expect(formatEndpointSlices([slice([ep("10.0.0.1", false), ep("10.0.0.2", true), ep("10.0.0.3", true), ep("10.0.0.4", true), ep("10.0.0.5", true)])], new Set([""]))).toBe(
      "10.0.0.2:80,10.0.0.3:80,10.0.0.4:80 + 1 more...",
    );
    expect(formatEndpointSlices([slice([ep("10.0.0.1", true)])], new Set(["http"]))).toBe("");
  });
});
