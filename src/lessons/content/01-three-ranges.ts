/**
 * Lesson 1: the three IP ranges of a kubeadm cluster — node IPs, pod IPs (Calico blocks per node)
 * and Service IPs — where they were chosen and which component hands out each kind.
 */
import { deployment, fail, inCidr, livePods, pass, ran, ranOk, readyPods, service, wait } from "../checks";
import { deploymentFocus, focusOf, nodesFocus, serviceFocus } from "../focus";
import type { Lesson } from "../types";

const GET_NODES = /^\s*(kubectl|k)\s+get\s+(nodes?|no)\b/;

export const threeRanges: Lesson = {
  id: "three-ranges",
  number: 1,
  title: "Three IP ranges",
  summary: "Nodes, pods and Services get their addresses from three different ranges, handed out by three different parts of the cluster.",
  scenario: "empty",
  steps: [
    {
      id: "nodes",
      title: "The machines",
      body: `A kubeadm cluster is a few machines: here a control-plane node and two workers. Start with their addresses. The terminal below the canvas is a shell on the control-plane node:

$ kubectl get nodes -o wide

Look at the INTERNAL-IP column.`,
      check(ctx) {
        if (ranOk(ctx, GET_NODES, (c) => /(-o\s*|--output[= ])wide\b/.test(c.line))) return pass;
        if (ranOk(ctx, GET_NODES)) return fail("Add `-o wide`: the addresses are in the wide columns.");
        return fail();
      },
      hints: ["Type `kubectl get nodes -o wide` in the terminal below the canvas."],
      showMe: ["kubectl get nodes -o wide"],
      explain: `The nodes are **172.30.1.2**, **.3** and **.4**. Kubernetes did not choose these: they belong to the network the machines are plugged into (here, the lab's 172.30.1.0/24). The kubelet only reports them. That is range number one.`,
      focus: (ctx) => nodesFocus(ctx.snapshot),
      highlight: () => ({ select: { kind: "Node", namespace: "", name: "controlplane" } }),
      notes: "Point at the node frames on the canvas: each shows its INTERNAL-IP. Ask where a VM normally gets its IP (DHCP, cloud network) — not from Kubernetes.",
    },
    {
      id: "kubeadm-config",
      title: "Where the other two were chosen",
      body: `The other two ranges were picked when the cluster was created, with \`kubeadm init --pod-network-cidr=… --service-cidr=…\`. kubeadm writes down what it was given in a ConfigMap:

$ kubectl -n kube-system get configmap kubeadm-config -o yaml

Find \`podSubnet\` and \`serviceSubnet\`.`,
      check(ctx) {
        if (ranOk(ctx, /kubeadm-config/, (c) => /serviceSubnet/.test(c.result.stdout))) return pass;
        const tried = ran(ctx, /kubeadm-config/);
        if (tried && /NotFound/.test(tried.result.stderr)) return fail("It lives in the kube-system namespace: add `-n kube-system`.");
        if (tried) return fail("Print the whole ConfigMap with `-o yaml`: the ranges are inside its ClusterConfiguration.");
        return fail();
      },
      hints: ["The ConfigMap is called kubeadm-config, in the namespace kube-system.", "`kubectl -n kube-system get cm kubeadm-config -o yaml`"],
      showMe: ["kubectl -n kube-system get configmap kubeadm-config -o yaml"],
      explain: `**podSubnet: 192.168.0.0/16** came from \`--pod-network-cidr\`. It is also Calico's default pool, and Calico can read this line to size its pool when it first starts. **serviceSubnet: 10.96.0.0/12** is kubeadm's default for \`--service-cidr\`. The ConfigMap is kubeadm's notebook: \`kubeadm join\` and \`kubeadm upgrade\` read it back. Editing it changes nothing in a running cluster. The next step shows who really holds the Service range.`,
      notes: "kubeadm init --help | grep cidr also works in the terminal and shows the defaults.",
    },
    {
      id: "apiserver-flag",
      title: "The authority: the API server's flag",
      body: `kubeadm handed the Service range to the API server as a command-line flag. The API server runs as a pod in kube-system: a "static pod", which the kubelet starts from a file kubeadm wrote in /etc/kubernetes/manifests. Its flags are in the pod spec:

$ kubectl -n kube-system get pod kube-apiserver-controlplane -o yaml | grep service-cluster-ip-range`,
      check(ctx) {
        if (ranOk(ctx, /kube-apiserver/, (c) => /--service-cluster-ip-range=/.test(c.result.stdout))) return pass;
        if (ran(ctx, /kube-apiserver/)) return fail("Look for the flag in the pod's YAML: `-o yaml | grep service-cluster-ip-range`.");
        return fail();
      },
      hints: ["The pod is kube-apiserver-controlplane, in kube-system.", "`kubectl -n kube-system get pod kube-apiserver-controlplane -o yaml | grep range`"],
      showMe: ["kubectl -n kube-system get pod kube-apiserver-controlplane -o yaml | grep service-cluster-ip-range"],
      explain: `\`--service-cluster-ip-range=10.96.0.0/12\` is the real authority: whenever a Service is created, **the API server** picks its ClusterIP from this range. You may read that kube-proxy hands out Service IPs. It does not: kube-proxy only reads Services and writes network rules for them. Pod IPs come from yet another component: the CNI plugin, Calico here.`,
      notes: "Correct the common myth explicitly: API server allocates ClusterIPs and keeps track of every one it hands out, Calico IPAM allocates pod IPs, kube-proxy allocates nothing.",
    },
    {
      id: "pod-ips",
      title: "Pod IPs",
      predict: {
        question: "You are about to create three nginx pods. Which range will their IPs come from?",
        options: ["172.30.1.0/24, like the nodes", "192.168.0.0/16, the pod range", "10.96.0.0/12, the Service range"],
        answer: 1,
        reveal: "Pods get their IPs from the pod range, 192.168.0.0/16.",
      },
      body: `Create a deployment with three pods and list them with their IPs:

$ kubectl create deployment test --image=nginx --replicas=3
$ kubectl get pods -o wide

New pods appear on the canvas as the scheduler places them.`,
      check(ctx) {
        const d = deployment(ctx.snapshot, "test");
        if (!d) {
          const other = ctx.snapshot.deployments.find((x) => x.metadata.namespace === "default");
          return fail(other ? `The lesson calls the deployment \`test\` (you made \`${other.metadata.name}\`).` : undefined);
        }
        if (d.spec.replicas < 3) return fail("Ask for three pods: `--replicas=3`, or `kubectl scale deployment test --replicas=3`.");
        const ready = readyPods(ctx.snapshot, { app: "test" });
        if (ready.length < 3) return wait(`${ready.length} of 3 pods ready…`);
        return ready.every((p) => inCidr(p.status.podIP, ctx.snapshot.ranges.podCidr)) ? pass : fail();
      },
      hints: ["`kubectl create deployment test --image=nginx --replicas=3`"],
      showMe: ["kubectl create deployment test --image=nginx --replicas=3", "kubectl rollout status deployment/test", "kubectl get pods -o wide"],
      explain: `Every pod IP is inside 192.168.0.0/16. Look closer: pods on the same node share a prefix. Calico cuts the pod range into blocks of 64 addresses (a /26) and gives each node its own; a node's pods get addresses from its block. The **Pod range** part of the bar above the canvas lists the blocks. So pod IPs are handed out by **Calico's IPAM** (its address manager), on the node, while the pod's network is set up.`,
      focus: (ctx) => focusOf(deploymentFocus(ctx.snapshot, "test"), nodesFocus(ctx.snapshot)),
      highlight: (ctx) => {
        const p = livePods(ctx.snapshot, { app: "test" })[0];
        return p ? { select: { kind: "Pod", namespace: "default", name: p.metadata.name } } : undefined;
      },
      notes: "Ask the room first, then run it. Hover a pod IP on the canvas: its owner (the node's Calico block) lights up.",
    },
    {
      id: "service-ip",
      title: "A Service IP",
      predict: {
        question: "Now a Service in front of those pods. Where does its IP come from?",
        options: ["From the pod range, like a pod", "From the Service range, chosen by the API server", "From the node range, chosen by kube-proxy"],
        answer: 1,
        reveal: "The API server allocated it from --service-cluster-ip-range.",
      },
      body: `A Service gives a set of pods one shared address (lesson 3 is all about it). Expose the deployment and look at the Service:

$ kubectl expose deployment test --port=80
$ kubectl get svc test`,
      check(ctx) {
        const svc = service(ctx.snapshot, "test");
        if (!svc) {
          const other = ctx.snapshot.services.find((s) => s.metadata.namespace === "default" && s.metadata.name !== "kubernetes");
          return fail(other ? `The lesson calls the Service \`test\` (you made \`${other.metadata.name}\`): \`kubectl expose deployment test --port=80\`.` : undefined);
        }
        return inCidr(svc.spec.clusterIP, ctx.snapshot.ranges.serviceCidr) ? pass : fail();
      },
      hints: ["`kubectl expose deployment test --port=80`"],
      showMe: ["kubectl expose deployment test --port=80", "kubectl get svc test"],
      explain: `The CLUSTER-IP, **{{clusterIP}}**, is inside 10.96.0.0/12: the API server picked it when it stored the Service. No pod and no node owns that address. It is a **virtual IP**: it works only because kube-proxy writes rules for it on every node (lesson 6 opens them). Three ranges, three owners: the network for nodes, Calico for pods, the API server for Services.`,
      remember: (ctx) => ({ clusterIP: service(ctx.snapshot, "test")?.spec.clusterIP ?? "" }),
      focus: (ctx) => focusOf(serviceFocus(ctx.snapshot, "test"), deploymentFocus(ctx.snapshot, "test")),
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "test" } }),
      notes: "The kubernetes Service (10.96.0.1) is the first address of the range: the API server reserves it for itself.",
    },
    {
      id: "check",
      title: "Your turn: another cluster",
      fresh: "lesson-ranges-check",
      body: `This is a different cluster: someone set it up with other flags. Print its pod and Service ranges with a command from this lesson. Then create a deployment \`probe\` (nginx is fine) and expose it as a Service \`probe\` on port 80.`,
      check(ctx) {
        const read = ranOk(ctx, /./, (c) => /serviceSubnet|service-cluster-ip-range/.test(c.result.stdout));
        const svc = service(ctx.snapshot, "probe");
        const svcOk = !!svc && inCidr(svc.spec.clusterIP, ctx.snapshot.ranges.serviceCidr);
        if (read && svcOk) return pass;
        if (svcOk) return fail("The Service is there. Now show where this cluster's ranges are written down: kubeadm-config, or the API server's flag.");
        if (read && !deployment(ctx.snapshot, "probe")) return fail("You found the ranges. Now `kubectl create deployment probe --image=nginx`.");
        if (read) return fail("Now expose it: `kubectl expose deployment probe --port=80`.");
        return fail();
      },
      hints: ["The ranges are in the kubeadm-config ConfigMap (namespace kube-system).", "Then: `kubectl create deployment probe --image=nginx` and `kubectl expose deployment probe --port=80`."],
      showMe: [
        "kubectl -n kube-system get cm kubeadm-config -o yaml | grep -i subnet",
        "kubectl create deployment probe --image=nginx",
        "kubectl expose deployment probe --port=80",
        "kubectl get svc probe",
      ],
      explain: `Same commands, other answers: this cluster's pods live in **10.244.0.0/16** and its Services in **10.100.0.0/16**. The ranges belong to the cluster, chosen once at \`kubeadm init\`. Before you guess what an address is, read them.`,
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "probe" } }),
    },
  ],
};
