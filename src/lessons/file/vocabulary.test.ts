import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../engine/api";
import { pass, readyPods } from "../checks";
import { contextOf, lessonLab, record, typed } from "../testing";
import type { CheckContext, CheckResult } from "../types";
import { Args } from "./args";
import { parseCall } from "./call";
import { registerCheck, vocabulary } from "./vocabulary";
import { registerValue, valueVocabulary } from "./values";

/** Runs one vocabulary call, written as in a lesson file, against a context. */
function check(src: string, ctx: CheckContext): CheckResult {
  const vocab = vocabulary();
  const r = parseCall(src, (n) => vocab.get(n)?.params.map((p) => p.name));
  if (!r.ok) throw new Error(r.error);
  const spec = vocab.get(r.value.name);
  if (!spec) throw new Error(`no check ${r.value.name}`);
  const args = Args.bind(r.value, spec.params);
  if (typeof args === "string") throw new Error(args);
  return spec.run(args, ctx);
}

function value(src: string, ctx: CheckContext): string {
  const vocab = valueVocabulary();
  const r = parseCall(src, (n) => vocab.get(n)?.params.map((p) => p.name));
  if (!r.ok) throw new Error(r.error);
  const spec = vocab.get(r.value.name)!;
  const args = Args.bind(r.value, spec.params);
  if (typeof args === "string") throw new Error(args);
  return spec.read(args, ctx);
}

type Lab = ReturnType<typeof lessonLab>;

/** Lesson 3's starting cluster (test ×2, client), exposed as my-service 8080 → 80 when asked. */
function lab(exposed = true): Lab {
  const l = lessonLab([]);
  l.controller.loadScenario("lesson-vip");
  if (exposed) {
    l.lab.getState().run("kubectl expose deployment test --port=8080 --target-port=80 --name=my-service");
    l.lab.getState().step(2_000);
  }
  return l;
}

const run = (l: Lab, line: string) => l.lab.getState().run(line);

function flowsOf(l: Lab, line: string): FlowEvent[] {
  const before = l.lab.getState().cluster!.traffic.flows().length;
  typed(l, line);
  return l.lab.getState().cluster!.traffic.flows().slice(before);
}

const failing = (hint: string) => ({ status: "fail", hint: expect.stringContaining(hint) });

describe("objects", () => {
  it("exists: by name, by selector with a count; another name made in the step is a near miss", () => {
    const l = lab();
    expect(check("exists(deployment, test)", contextOf(l))).toEqual(pass);
    expect(check("exists(svc, my-service)", contextOf(l))).toEqual(pass);
    expect(check("exists(pod, app=test, count: 2)", contextOf(l))).toEqual(pass);
    expect(check("exists(pod, app=test, count: 3)", contextOf(l))).toEqual({ status: "fail" });
    expect(check("exists(pod, app=test, exactly: 2)", contextOf(l))).toEqual(pass);
    expect(check("exists(node, node01)", contextOf(l))).toEqual(pass);
    expect(check("exists(pod, coredns-x, namespace: kube-system)", contextOf(l))).toEqual({ status: "fail" });
    const made = typed(l, "kubectl create deployment tset --image=nginx");
    expect(check("exists(deployment, web)", contextOf(l, { commands: [made] }))).toEqual(failing("(you made `tset`)"));
    expect(check("exists(deployment, web)", contextOf(l))).toEqual({ status: "fail" });
  });

  it("gone: absent or terminating", () => {
    const l = lab();
    const p = readyPods(l.lab.getState().snapshot, { app: "test" })[0].metadata.name;
    expect(check(`gone(pod, ${p})`, contextOf(l))).toEqual({ status: "fail" });
    run(l, `kubectl delete pod ${p} --wait=false`);
    expect(check(`gone(pod, ${p})`, contextOf(l))).toEqual(pass);
    expect(check("gone(deployment, nothing)", contextOf(l))).toEqual(pass);
    expect(check("gone(pod, app=test)", contextOf(l))).toEqual({ status: "fail" });
  });

  it("field: equals, not, matches, in a range; a wrong value says what it is", () => {
    const l = lab();
    const ctx = contextOf(l, { memory: { port: "8080" } });
    expect(check("field(service, my-service, spec.ports[0].port, equals: {{port}})", ctx)).toEqual(pass);
    expect(check("field(service, my-service, spec.ports[0].targetPort, equals: 8080)", ctx)).toEqual(failing("`spec.ports[0].targetPort` of Service `my-service` is 80, not 8080"));
    expect(check("field(service, my-service, .spec.clusterIP, in: services)", ctx)).toEqual(pass);
    expect(check("field(service, my-service, spec.clusterIP, in: pods)", ctx)).toEqual(failing("outside 192.168.0.0/16"));
    expect(check("field(service, my-service, spec.clusterIP, in: 10.96.0.0/12)", ctx)).toEqual(pass);
    expect(check("field(service, my-service, spec.type, not: NodePort, matches: /^Cluster/)", ctx)).toEqual(pass);
    expect(check('field(deployment, test, spec.template.metadata.labels["app"], equals: test)', ctx)).toEqual(pass);
    expect(check('field(configmap, kube-proxy, data["config.conf"], matches: /mode:/, namespace: kube-system)', ctx)).toEqual(pass);
    expect(check("field(service, nope, spec.clusterIP)", ctx)).toEqual(failing("There is no Service `nope`"));
    expect(check("field(service, my-service, spec.nothing)", ctx)).toEqual(failing("is not set"));
  });

  it("condition: true passes; not yet true waits", () => {
    const l = lab(false);
    expect(check("condition(pod, client, Ready)", contextOf(l))).toEqual(pass);
    expect(check("condition(deployment, test, Available)", contextOf(l))).toEqual(pass);
    expect(check("condition(pod, nobody, Ready)", contextOf(l))).toEqual(failing("There is no pod `nobody`"));
    run(l, "kubectl run late --image=nginx");
    expect(check("condition(pod, late, Ready)", contextOf(l))).toEqual({ status: "wait", message: "Waiting for pod late to be Ready…" });
  });

  it("podsReady: enough ready pods; starting ones wait; too few replicas is a near miss", () => {
    const l = lab(false);
    expect(check("podsReady(app=test, count: 2)", contextOf(l))).toEqual(pass);
    expect(check("podsReady(app=test, count: 3)", contextOf(l))).toEqual(failing("`kubectl scale deployment test --replicas=3`"));
    run(l, "kubectl scale deployment test --replicas=3");
    expect(check("podsReady(app=test, count: 3)", contextOf(l))).toEqual({ status: "wait", message: "2 of 3 pods ready…" });
    l.lab.getState().step(20_000);
    expect(check("podsReady(app=test, count: 3)", contextOf(l))).toEqual(pass);
    const ips = readyPods(l.lab.getState().snapshot, { app: "test" }).map((p) => p.status.podIP);
    expect(check("podsReady(app=test, count: 2, except: {{old}})", contextOf(l, { memory: { old: ips[0]! } }))).toEqual(pass);
    expect(check("podsReady(app=test, count: 3, except: {{old}})", contextOf(l, { memory: { old: ips[0]! } })).status).not.toBe("pass");
    expect(check("podsReady(app=nothing)", contextOf(l))).toEqual({ status: "fail" });
  });

  it("serviceExposed: a NodePort asked for, a ClusterIP made", () => {
    const l = lab();
    expect(check("serviceExposed(my-service, 8080, 80, selector: app=test, type: ClusterIP)", contextOf(l))).toEqual(pass);
    expect(check("serviceExposed(my-service, 8080, 80, type: NodePort)", contextOf(l))).toEqual(failing("is a ClusterIP Service; the task asks for a NodePort"));
    expect(check("serviceExposed(my-service, 8080, 80, selector: app=web)", contextOf(l))).toEqual(failing("should stand in front of the web pods"));
  });
});

describe("endpoints", () => {
  it("endpoints: a count, a pod among them, none; a selector that matches no pod is a near miss", () => {
    const l = lab();
    const pods = readyPods(l.lab.getState().snapshot, { app: "test" });
    expect(check("endpoints(my-service, count: 2)", contextOf(l))).toEqual(pass);
    expect(check(`endpoints(my-service, pod: ${pods[0].metadata.name})`, contextOf(l))).toEqual(pass);
    expect(check(`endpoints(my-service, ip: ${pods[1].status.podIP})`, contextOf(l))).toEqual(pass);
    expect(check("endpoints(my-service, count: 1, except: {{old}})", contextOf(l, { memory: { old: `${pods[0].status.podIP}:80, ${pods[1].status.podIP}:80` } }))).toEqual({ status: "fail" });
    expect(check("endpoints(my-service, exactly: 0)", contextOf(l))).toEqual({ status: "fail" });
    run(l, "kubectl create service clusterip typo --tcp=80:80");
    run(l, "kubectl set selector svc typo app=tset");
    l.lab.getState().step(2_000);
    expect(check("endpoints(typo)", contextOf(l))).toEqual(failing("No pod carries app=tset, typo's selector"));
    expect(check("endpoints(typo, exactly: 0)", contextOf(l))).toEqual(pass);
    expect(check("endpoints(nothing)", contextOf(l))).toEqual(failing("There is no Service `nothing`"));
    run(l, "kubectl delete deployment test");
    l.lab.getState().step(40_000);
    expect(check("endpoints(my-service, exactly: 0)", contextOf(l))).toEqual(pass);
  });

  it("lookedAtEndpoints: a command that shows an endpoint; one that does not is a near miss", () => {
    const l = lab();
    expect(check("lookedAtEndpoints(my-service)", contextOf(l, { commands: [typed(l, "kubectl get pods")] }))).toEqual(failing("look at the Service again"));
    expect(check("lookedAtEndpoints(my-service)", contextOf(l, { commands: [typed(l, "kubectl get ep my-service")] }))).toEqual(pass);
    const all = check("lookedAtEndpoints(my-service, except: {{all}})", contextOf(l, { memory: { all: value("endpoints(my-service)", contextOf(l)) }, commands: [typed(l, "kubectl get ep my-service")] }));
    expect(all.status).toBe("wait");
  });
});

describe("commands", () => {
  it("ran: words in order or a pattern, its exit code, its output and error, where it ran", () => {
    const l = lab();
    const ctx = (...lines: string[]) => contextOf(l, { commands: lines.map((x) => typed(l, x)) });
    expect(check("ran(get svc)", ctx("kubectl -n default get svc my-service"))).toEqual(pass);
    expect(check("ran(get svc)", ctx("kubectl get services"))).toEqual({ status: "fail" });
    expect(check("ran(/get (svc|services)/)", ctx("kubectl get services"))).toEqual(pass);
    expect(check("ran(get svc, output: my-service)", ctx("kubectl get svc"))).toEqual(pass);
    expect(check("ran(get svc, output: /10\\.\\d+/)", ctx("kubectl get svc"))).toEqual(pass);
    expect(check("ran(describe svc nope)", ctx("kubectl describe svc nope"))).toEqual(failing("That found nothing"));
    expect(check("ran(describe svc nope, exit: 1, error: NotFound)", ctx("kubectl describe svc nope"))).toEqual(pass);
    expect(check("ran(describe svc nope, exit: any)", ctx("kubectl describe svc nope"))).toEqual(pass);
    // A panel's quiet read is not the learner's.
    expect(check("ran(get svc)", contextOf(l, { commands: [{ ...record("kubectl get svc"), source: "quiet" }] }))).toEqual({ status: "fail" });
    expect(check("ran(iptables-save, on: node01)", ctx("iptables-save"))).toEqual(failing("Run it on node01"));
    const onNode = [typed(l, "ssh node01"), typed(l, "iptables-save"), typed(l, "kubectl get pods")];
    typed(l, "exit");
    expect(check("ran(iptables-save, on: node01)", contextOf(l, { commands: onNode }))).toEqual(pass);
    expect(check("ran(iptables-save, on: node)", contextOf(l, { commands: onNode }))).toEqual(pass);
    expect(check("ran(get pods)", contextOf(l, { commands: onNode }))).toEqual(failing("type `exit`"));
  });
});

describe("connections and traffic", () => {
  it("curled: a refused call to a Service without endpoints; an answered one is a near miss then", () => {
    const l = lab();
    const ok = flowsOf(l, "kubectl exec client -- curl -s my-service:8080");
    expect(check("curled(client, my-service, 8080)", contextOf(l, { flows: ok }))).toEqual(pass);
    expect(check("curled(client, my-service, 8080, outcome: refused)", contextOf(l, { flows: ok }))).toEqual(failing("still reached a pod"));
    expect(check("curled(client, my-service, 8080, via: ipvs)", contextOf(l, { flows: ok }))).toEqual(failing("went through iptables rules; this step wants ipvs"));
    expect(check("curled(client, my-service, 8080, count: 2)", contextOf(l, { flows: ok }))).toEqual({ status: "wait", message: "1 of 2 requests so far…" });
    run(l, "kubectl scale deployment test --replicas=0");
    l.lab.getState().step(40_000);
    const refused = flowsOf(l, "kubectl exec client -- curl -sS my-service:8080");
    expect(check("curled(client, my-service, 8080, outcome: refused)", contextOf(l, { flows: refused }))).toEqual(pass);
    expect(check("curled(client, my-service, 8080, outcome: failed)", contextOf(l, { flows: refused }))).toEqual(pass);
  });

  it("connected: to an address from a pod; from elsewhere or to another address are near misses", () => {
    const l = lab(false);
    const [a, b] = readyPods(l.lab.getState().snapshot, { app: "test" });
    const memory = { ip: a.status.podIP! };
    expect(check("connected(client, {{ip}})", contextOf(l, { memory, flows: flowsOf(l, `kubectl exec client -- curl -s ${a.status.podIP}`) }))).toEqual(pass);
    expect(check(`connected(client, ${a.metadata.name})`, contextOf(l, { flows: flowsOf(l, `kubectl exec client -- curl -s ${a.status.podIP}`) }))).toEqual(pass);
    expect(check("connected(client, {{ip}})", contextOf(l, { memory, flows: flowsOf(l, `kubectl exec client -- curl -s ${b.status.podIP}`) }))).toEqual(failing("somewhere else"));
    typed(l, "ssh node01");
    const fromNode = flowsOf(l, `curl -s ${a.status.podIP}`);
    typed(l, "exit");
    expect(check("connected(client, {{ip}})", contextOf(l, { memory, flows: fromNode }))).toEqual(failing("not from the client pod"));
    expect(check("connected(node01, {{ip}})", contextOf(l, { memory, flows: fromNode }))).toEqual(pass);
    run(l, `kubectl delete pod ${a.metadata.name}`);
    l.lab.getState().step(20_000);
    const silent = flowsOf(l, `kubectl exec client -- curl -sS -m 2 ${a.status.podIP}`);
    expect(check("connected(client, {{ip}}, outcome: timeout)", contextOf(l, { memory, flows: silent }))).toEqual(pass);
    expect(check("connected(client, {{both}}, outcome: failed)", contextOf(l, { memory: { both: `${b.status.podIP}, ${a.status.podIP}` }, flows: silent }))).toEqual(pass);
    expect(check(`connected(client, "${b.status.podIP}, 10.0.0.1", outcome: failed)`, contextOf(l, { flows: silent }))).toEqual(failing("somewhere else"));
    // For near misses: from anyone, to anywhere (any TCP connection), with any outcome.
    expect(check("connected(anyone, {{ip}}, outcome: any)", contextOf(l, { memory, flows: fromNode }))).toEqual(pass);
    expect(check("connected(anyone, {{ip}}, outcome: any)", contextOf(l, { memory, flows: silent }))).toEqual(pass);
    expect(check("connected(anyone, {{ip}})", contextOf(l, { memory, flows: silent }))).toEqual({ status: "fail" });
    expect(check("connected(client, anywhere, outcome: any)", contextOf(l, { flows: silent }))).toEqual(pass);
    expect(check("connected(client, anywhere, outcome: any)", contextOf(l, { flows: fromNode })).status).toBe("fail");
    expect(check("connected(client, anywhere)", contextOf(l, { flows: silent })).status).toBe("fail");
  });

  it("requests and counters: a traffic run's answered requests, and the panel's counters", () => {
    const l = lab();
    const cluster = l.lab.getState().cluster!;
    const flows: FlowEvent[] = [];
    const off = cluster.traffic.onFlow((e) => void (e.endTime !== undefined && flows.push(e)));
    cluster.traffic.start({ source: { kind: "pod", name: "client" }, target: "my-service", rate: 20, durationMs: 2_000 });
    l.lab.getState().step(1_000);
    expect(check("requests(my-service, 30, from: client)", contextOf(l, { flows: [...flows] })).status).toBe("wait");
    l.lab.getState().step(3_000);
    off();
    expect(check("requests(my-service, 30, from: client)", contextOf(l, { flows }))).toEqual(pass);
    expect(check("requests(my-service, 30, via: ipvs)", contextOf(l, { flows }))).toEqual(failing("went through iptables rules"));
    expect(check("requests(my-service, 30)", contextOf(l))).toEqual({ status: "fail" });
    expect(check("counters(my-service, requests: 30, successRate: 0.9)", contextOf(l))).toEqual(pass);
    expect(check("counters(my-service, requests: 1000)", contextOf(l)).status).toBe("wait");
    const pod = readyPods(l.lab.getState().snapshot, { app: "test" })[0].metadata.name;
    expect(check(`counters(pod ${pod}, requests: 1, errors: 0)`, contextOf(l))).toEqual(pass);
    expect(check("counters(nothing)", contextOf(l))).toEqual({ status: "fail" });
  });
});

describe("spread and NodePorts", () => {
  it("backends: the share of each pod among the last requests; one pod for all of them", () => {
    const l = lab();
    const cluster = l.lab.getState().cluster!;
    const flows: FlowEvent[] = [];
    const off = cluster.traffic.onFlow((e) => void (e.endTime !== undefined && flows.push(e)));
    cluster.traffic.start({ source: { kind: "pod", name: "client" }, target: "my-service", rate: 20, durationMs: 5_000 });
    l.lab.getState().step(1_000);
    expect(check("backends(my-service, last: 60)", contextOf(l, { flows: [...flows] })).status).toBe("wait");
    l.lab.getState().step(6_000);
    off();
    const ctx = contextOf(l, { flows });
    expect(check("backends(my-service, last: 60, min: 0.2, max: 0.8)", ctx)).toEqual(pass);
    expect(check("backends(my-service, last: 60, pods: 2)", ctx)).toEqual(pass);
    expect(check("backends(my-service, last: 60, pods: 1)", ctx)).toEqual(failing("2 pods answered the last 60 requests (test-"));
    const pod = flows[0].backend!.name;
    expect(check(`backends(my-service, last: 60, pod: ${pod}, max: 0.1)`, ctx)).toEqual(failing(`${pod} answered`));
    expect(check(`backends(my-service, last: 60, except: ${pod}, min: 0.2)`, ctx)).toEqual(pass);
    expect(check("backends(my-service, last: 60)", contextOf(l))).toEqual({ status: "fail" });
  });

  it("curled through a node port: from a node's shell to a node's IP; localhost and the ClusterIP are near misses", () => {
    const l = lab();
    run(l, "kubectl delete svc my-service");
    run(l, "kubectl expose deployment test --type=NodePort --port=80 --name=web");
    l.lab.getState().step(2_000);
    const svc = l.lab.getState().snapshot.services.find((x) => x.metadata.name === "web")!;
    const np = svc.spec.ports![0].nodePort!;
    const nodeIP = l.lab.getState().snapshot.ranges.nodes[0].ip;
    const c = (line: string) => check("curled(controlplane, web, through: nodePort, statusBelow: 400)", contextOf(l, { flows: flowsOf(l, line) }));
    expect(c(`curl -s ${nodeIP}:${np}`)).toEqual(pass);
    expect(c(`curl -s 127.0.0.1:${np}`)).toEqual(failing("only this machine can reach its localhost"));
    expect(c(`curl -s ${svc.spec.clusterIP}:80`)).toEqual(failing("went to the ClusterIP"));
    expect(check("curled(controlplane, my-service, through: nodePort)", contextOf(l))).toEqual(failing("has no node port"));
  });
});

describe("a node's rules and kube-proxy", () => {
  it("serviceChain and endpointChains: the chains kube-proxy wrote for a Service, not for one whose name starts the same", () => {
    const l = lab();
    run(l, "kubectl expose deployment test --port=80 --name=my");
    l.lab.getState().step(2_000);
    const svc = value("serviceChain(node01, my-service)", contextOf(l));
    const other = value("serviceChain(node of client, my)", contextOf(l));
    expect(svc).toMatch(/^KUBE-SVC-\w+$/);
    expect(other).toMatch(/^KUBE-SVC-\w+$/);
    expect(svc).not.toBe(other);
    expect(value("endpointChains(node01, my-service)", contextOf(l)).split(", ")).toHaveLength(2);
    expect(value("serviceChain(node01, nothing)", contextOf(l))).toBe("");
  });

  it("chain and rule in iptables mode: the Service's chain, an endpoint's chain, the REJECT rule", () => {
    const l = lab();
    const pod = readyPods(l.lab.getState().snapshot, { app: "test" })[0];
    expect(check("chain(node01, my-service)", contextOf(l))).toEqual(pass);
    expect(check(`chain(node of client, my-service, endpoint: ${pod.metadata.name})`, contextOf(l))).toEqual(pass);
    expect(check(`chain(node02, my-service, endpoint: ${pod.status.podIP})`, contextOf(l))).toEqual(pass);
    expect(check("chain(node01, nothing)", contextOf(l))).toEqual(failing("There is no Service `nothing`"));
    expect(check("rule(node01, /my-service has no endpoints.*REJECT/)", contextOf(l))).toEqual({ status: "fail" });
    run(l, "kubectl scale deployment test --replicas=0");
    l.lab.getState().step(40_000);
    expect(check("rule(node01, /my-service has no endpoints.*REJECT/)", contextOf(l))).toEqual(pass);
  });

  it("proxyMode and virtualServer: a ConfigMap changed but not restarted is a near miss; restarting waits", () => {
    const l = lab();
    expect(check("proxyMode(iptables)", contextOf(l))).toEqual(pass);
    expect(check("proxyMode(ipvs)", contextOf(l))).toEqual({ status: "fail" });
    expect(check("virtualServer(node01, my-service)", contextOf(l)).status).toBe("wait");
    run(l, `kubectl -n kube-system get cm kube-proxy -o yaml | sed -e 's/mode: ""/mode: "ipvs"/' | kubectl replace -f -`);
    expect(check("proxyMode(ipvs)", contextOf(l))).toEqual(failing("rollout restart daemonset kube-proxy"));
    run(l, "kubectl -n kube-system rollout restart daemonset kube-proxy");
    l.lab.getState().step(1_000);
    expect(check("proxyMode(ipvs)", contextOf(l)).status).toBe("wait");
    l.lab.getState().step(60_000);
    expect(check("proxyMode(ipvs)", contextOf(l))).toEqual(pass);
    expect(check("proxyMode(ipvs, scheduler: rr)", contextOf(l))).toEqual(pass);
    const pod = readyPods(l.lab.getState().snapshot, { app: "test" })[0];
    expect(check("virtualServer(node01, my-service)", contextOf(l))).toEqual(pass);
    expect(check(`virtualServer(node01, my-service, port: 8080, endpoint: ${pod.metadata.name})`, contextOf(l))).toEqual(pass);
    expect(check("virtualServer(node01, my-service, port: 9999)", contextOf(l)).status).toBe("wait");
  });
});

describe("memory and values", () => {
  it("remembered: set, equal, different", () => {
    const l = lab(false);
    const ctx = contextOf(l, { memory: { ip: "10.96.0.5" } });
    expect(check("remembered(ip)", ctx)).toEqual(pass);
    expect(check("remembered(ip, equals: 10.96.0.5)", ctx)).toEqual(pass);
    expect(check("remembered(ip, not: 10.96.0.5)", ctx)).toEqual({ status: "fail" });
    expect(check("remembered(other)", ctx)).toEqual({ status: "fail" });
    expect(() => check("remembered(constructor)", ctx)).toThrow(/cannot be a value here/);
  });

  it("values: a field, the first ready pod, every pod, the endpoints, the last backend", () => {
    const l = lab();
    const pods = readyPods(l.lab.getState().snapshot, { app: "test" }).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(value("field(service, my-service, spec.clusterIP)", contextOf(l))).toMatch(/^10\./);
    expect(value("field(service, nothing, spec.clusterIP)", contextOf(l))).toBe("");
    expect(value("pod(app=test)", contextOf(l))).toBe(pods[0].metadata.name);
    expect(value("pod(app=test, spec.nodeName)", contextOf(l))).toBe(pods[0].spec.nodeName);
    expect(value("pods(app=test, status.podIP)", contextOf(l))).toBe(pods.map((p) => p.status.podIP).join(", "));
    expect(value("endpoints(my-service)", contextOf(l))).toBe(pods.map((p) => `${p.status.podIP}:80`).sort().join(", "));
    const flows = flowsOf(l, "kubectl exec client -- curl -s my-service:8080");
    expect(value("lastBackend(my-service)", contextOf(l, { flows }))).toBe(flows.at(-1)!.backend!.name);    expect(value("endpointCount(my-service)", contextOf(l))).toBe("2");
    // Leaving pods out, by name or IP; only pods no controller owns.
    expect(value(`pod(app=test, except: ${pods[0].metadata.name})`, contextOf(l))).toBe(pods[1].metadata.name);
    expect(value("pods(app=test, except: {{ips}})", contextOf(l, { memory: { ips: `${pods[0].status.podIP}, ${pods[1].status.podIP}` } }))).toBe("");
    expect(value("pod(app=test, owner: none)", contextOf(l))).toBe("");
    l.lab.getState().run("kubectl run solo --image=nginx --labels=app=test");
    l.lab.getState().step(20_000);
    expect(value("pod(app=test, owner: none)", contextOf(l))).toBe("solo");
    expect(value("endpointCount(my-service)", contextOf(l))).toBe("3");
  });
});

describe("checks written in code", () => {
  it("are registered by name and used like the others", () => {
    registerCheck({ name: "alwaysWaits", params: [], passes: "never", nearMisses: [], run: () => ({ status: "wait", message: "…" }) });
    expect(check("alwaysWaits()", contextOf(lab(false)))).toEqual({ status: "wait", message: "…" });
    expect(() => registerCheck({ name: "ran", params: [], passes: "", nearMisses: [], run: () => pass })).toThrow(/already registered/);
  });

  it("values too: registered by name and remembered like the others", () => {
    registerValue({ name: "nodeCount", params: [], reads: "how many nodes", read: (_args, ctx) => String(ctx.snapshot.nodes.length) });
    expect(value("nodeCount()", contextOf(lab(false)))).toBe("3");
    expect(() => registerValue({ name: "pod", params: [], reads: "", read: () => "" })).toThrow(/already registered/);
    expect(() => registerValue({ name: "Bad-name", params: [], reads: "", read: () => "" })).toThrow(/camelCase/);
  });
});
