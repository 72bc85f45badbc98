import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../../engine/api";
import { MYSQL_MANIFEST } from "../../../store/scenarios";
import { contextOf, lessonLab, type LessonLab } from "../../testing";
import type { CommandRecord, Step } from "../../types";
import { microservices } from "../files";

const step = (id: string): Step => microservices.steps.find((s) => s.id === id)!;
const index = (id: string) => microservices.steps.findIndex((s) => s.id === id);

/** A lab opened at step `id`: the steps before it were played with "show me". */
function at(id: string): LessonLab {
  const l = lessonLab([microservices]);
  l.runtime.open(microservices.id, index(id));
  return l;
}

const run = (l: LessonLab, line: string) => l.lab.getState().cluster!.exec(line);
const advance = (l: LessonLab, ms: number) => l.lab.getState().step(ms);

/** Runs lines at the control plane and returns them as the records a check sees. */
function typed(l: LessonLab, ...lines: string[]): CommandRecord[] {
  return lines.map((line) => {
    const prompt = l.lab.getState().cluster!.prompt();
    return { line, prompt, result: run(l, line), source: "terminal" as const };
  });
}

/** Runs lines and returns the connections they made. */
function flowsOf(l: LessonLab, ...lines: string[]): FlowEvent[] {
  const before = l.lab.getState().cluster!.traffic.flows().length;
  for (const line of lines) run(l, line);
  return l.lab.getState().cluster!.traffic.flows().slice(before);
}

const failWith = (text: string) => ({ status: "fail", hint: expect.stringContaining(text) });

describe("mysql", () => {
  const check = step("mysql").check;
  it("waits for the pod, then passes", () => {
    const l = at("mysql");
    run(l, MYSQL_MANIFEST);
    expect(check(contextOf(l)).status).toBe("wait");
    advance(l, 30_000);
    expect(check(contextOf(l))).toEqual({ status: "pass" });
  });
  it("the typed variant (create + set env) passes too", () => {
    const l = at("mysql");
    run(l, "kubectl create deployment mysql --image=mysql:8.0 --port=3306");
    run(l, "kubectl set env deployment/mysql MYSQL_ROOT_PASSWORD=secret MYSQL_DATABASE=wordpress");
    advance(l, 40_000);
    expect(check(contextOf(l))).toEqual({ status: "pass" });
  });
  it("says why mysql crashes without a password", () => {
    const l = at("mysql");
    run(l, "kubectl create deployment mysql --image=mysql:8.0");
    advance(l, 30_000);
    expect(check(contextOf(l))).toEqual(failWith("MYSQL_ROOT_PASSWORD"));
  });
  it("names the expected deployment", () => {
    const l = at("mysql");
    run(l, "kubectl create deployment database --image=mysql:8.0");
    expect(check(contextOf(l))).toEqual(failWith("`mysql` (you made `database`)"));
  });
});

describe("expose-mysql", () => {
  const check = step("expose-mysql").check;
  it("passes for a ClusterIP on 3306", () => {
    const l = at("expose-mysql");
    run(l, "kubectl expose deployment mysql --port=3306");
    expect(check(contextOf(l))).toEqual({ status: "pass" });
  });
  it("wants the name mysql", () => {
    const l = at("expose-mysql");
    run(l, "kubectl expose deployment mysql --port=3306 --name=db");
    expect(check(contextOf(l))).toEqual(failWith("must be called `mysql`"));
  });
  it("keeps the database inside", () => {
    const l = at("expose-mysql");
    run(l, "kubectl expose deployment mysql --port=3306 --type=NodePort");
    expect(check(contextOf(l))).toEqual(failWith("is a NodePort"));
  });
  it("wants port 3306", () => {
    const l = at("expose-mysql");
    run(l, "kubectl expose deployment mysql --port=80");
    expect(check(contextOf(l))).toEqual(failWith("dial 3306"));
  });
  it("spots a wrong target port", () => {
    const l = at("expose-mysql");
    run(l, "kubectl expose deployment mysql --port=3306 --target-port=80");
    expect(check(contextOf(l))).toEqual(failWith("forwards to port 80"));
  });
});

describe("dns", () => {
  const check = step("dns").check;
  function withClient() {
    const l = at("dns");
    run(l, "kubectl run client --image=busybox -- sleep infinity");
    advance(l, 20_000);
    return l;
  }
  it("passes when a pod resolves mysql (busybox exits 1 but the answer is there)", () => {
    const l = withClient();
    const commands = typed(l, "kubectl exec client -- nslookup mysql");
    expect(commands[0].result.exitCode).toBe(1);
    expect(check(contextOf(l, { commands }))).toEqual({ status: "pass" });
  });
  it("passes inside a pod's shell and with the full name", () => {
    const l = withClient();
    const commands = typed(l, "kubectl exec -it client -- sh", "nslookup mysql.default.svc.cluster.local", "exit");
    expect(check(contextOf(l, { commands }))).toEqual({ status: "pass" });
  });
  it("a node is not a pod", () => {
    const l = withClient();
    const commands = typed(l, "nslookup mysql");
    expect(commands[0].result.output).toContain("command not found");
    expect(check(contextOf(l, { commands }))).toEqual(failWith("This node has no nslookup"));
  });
  it("a misspelt name", () => {
    const l = withClient();
    expect(check(contextOf(l, { commands: typed(l, "kubectl exec client -- nslookup mysqll") }))).toEqual(failWith("did not resolve"));
  });
  it("needs a pod to ask from", () => {
    const l = at("dns");
    expect(check(contextOf(l, { commands: typed(l, "kubectl exec client -- nslookup mysql") }))).toEqual(failWith("kubectl run client"));
  });
  it("reading the IP with kubectl is not a lookup", () => {
    const l = withClient();
    expect(check(contextOf(l, { commands: typed(l, "kubectl get svc mysql") }))).toEqual({ status: "fail" });
  });
});

describe("wordpress", () => {
  const check = step("wordpress").check;
  function withEnv(value?: string) {
    const l = at("wordpress");
    run(l, "kubectl create deployment wordpress --image=wordpress --port=80");
    if (value !== undefined) run(l, `kubectl set env deployment/wordpress WORDPRESS_DB_HOST=${value}`);
    advance(l, 30_000);
    return l;
  }
  it("passes with the name mysql once rolled out", () => {
    const l = at("wordpress");
    run(l, "kubectl create deployment wordpress --image=wordpress --port=80");
    run(l, "kubectl set env deployment/wordpress WORDPRESS_DB_HOST=mysql:3306 WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=secret");
    expect(check(contextOf(l)).status).toBe("wait");
    advance(l, 30_000);
    expect(check(contextOf(l))).toEqual({ status: "pass" });
  });
  it("a login MySQL would refuse: the image's example user, or a wrong password", () => {
    const l = withEnv("mysql");
    expect(check(contextOf(l))).toEqual(failWith("log in as `example username`, and MySQL would refuse it"));
    run(l, "kubectl set env deployment/wordpress WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=guess");
    expect(check(contextOf(l))).toEqual(failWith("log in as `root`, and MySQL would refuse it"));
    run(l, "kubectl set env deployment/wordpress WORDPRESS_DB_PASSWORD=secret WORDPRESS_DB_NAME=blog");
    expect(check(contextOf(l))).toEqual(failWith("no database called `blog`"));
  });
  it("asks for the variable, with the login", () => {
    expect(check(contextOf(withEnv()))).toEqual(failWith("WORDPRESS_DB_HOST=mysql WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=secret"));
  });
  it("refuses the ClusterIP", () => {
    const l = at("wordpress");
    const ip = l.lab.getState().snapshot.services.find((s) => s.metadata.name === "mysql")!.spec.clusterIP!;
    run(l, "kubectl create deployment wordpress --image=wordpress --port=80");
    run(l, `kubectl set env deployment/wordpress WORDPRESS_DB_HOST=${ip}`);
    expect(check(contextOf(l))).toEqual(failWith("mysql's ClusterIP"));
  });
  it("refuses a pod IP", () => {
    const l = at("wordpress");
    const ip = l.lab.getState().snapshot.pods.find((p) => p.metadata.name.startsWith("mysql-"))!.status.podIP!;
    run(l, "kubectl create deployment wordpress --image=wordpress --port=80");
    run(l, `kubectl set env deployment/wordpress WORDPRESS_DB_HOST=${ip}`);
    expect(check(contextOf(l))).toEqual(failWith("pod IP"));
  });
  it("a name that is no Service", () => {
    expect(check(contextOf(withEnv("database")))).toEqual(failWith("called `mysql`"));
  });
});

describe("nodeport", () => {
  const check = step("nodeport").check;
  it("passes for a NodePort", () => {
    const l = at("nodeport");
    run(l, "kubectl expose deployment wordpress --type=NodePort --port=80");
    expect(check(contextOf(l))).toEqual({ status: "pass" });
  });
  it("a ClusterIP stays inside", () => {
    const l = at("nodeport");
    run(l, "kubectl expose deployment wordpress --port=80");
    expect(check(contextOf(l))).toEqual(failWith("inside only"));
  });
  it("no cloud for a LoadBalancer", () => {
    const l = at("nodeport");
    run(l, "kubectl expose deployment wordpress --type=LoadBalancer --port=80");
    expect(check(contextOf(l))).toEqual(failWith("<pending>"));
  });
});

describe("outside", () => {
  const check = step("outside").check;
  const nodePort = (l: LessonLab, name = "wordpress") => l.lab.getState().snapshot.services.find((s) => s.metadata.name === name)!.spec.ports![0].nodePort!;
  it("passes for a curl at a node IP on the node port", () => {
    const l = at("outside");
    const flows = flowsOf(l, `curl -sI 172.30.1.2:${nodePort(l)}`);
    expect(flows.some((f) => f.status === 302)).toBe(true);
    expect(check(contextOf(l, { flows }))).toEqual({ status: "pass" });
  });
  it("passes for visitors from outside (the traffic panel)", () => {
    const l = at("outside");
    const cluster = l.lab.getState().cluster!;
    const before = cluster.traffic.flows().length;
    expect(cluster.traffic.start({ source: { kind: "external" }, target: "wordpress", rate: 5, durationMs: 2000 }).ok).toBe(true);
    advance(l, 3000);
    const flows = cluster.traffic.flows().slice(before);
    expect(flows.some((f) => f.source.kind === "external" && f.status === 302)).toBe(true);
    expect(check(contextOf(l, { flows }))).toEqual({ status: "pass" });
  });
  it("the ClusterIP is not the way in (it answers here: this shell is on a node)", () => {
    const l = at("outside");
    const ip = l.lab.getState().snapshot.services.find((s) => s.metadata.name === "wordpress")!.spec.clusterIP!;
    const flows = flowsOf(l, `curl -sI ${ip}`);
    expect(flows.at(-1)?.outcome).toBe("ok");
    expect(check(contextOf(l, { flows }))).toEqual(failWith("answers here because this shell runs on a node"));
  });
  it("localhost is not the node's address", () => {
    const l = at("outside");
    expect(check(contextOf(l, { flows: flowsOf(l, `curl -sS -m 5 localhost:${nodePort(l)}`) }))).toEqual(failWith("not localhost"));
  });
  it("a 500 means the database is not reached", () => {
    const l = at("outside");
    run(l, "kubectl delete svc mysql");
    advance(l, 2000);
    const flows = flowsOf(l, `curl -sI 172.30.1.2:${nodePort(l)}`);
    expect(check(contextOf(l, { flows }))).toEqual(failWith("database connection"));
  });
  it("another node's IP answers too: a NodePort is open on every node", () => {
    const l = at("outside");
    const flows = flowsOf(l, `curl -sI 172.30.1.3:${nodePort(l)}`);
    expect(flows.at(-1)?.outcome).toBe("ok");
    expect(check(contextOf(l, { flows }))).toEqual({ status: "pass" });
  });
});

describe("check", () => {
  const check = step("check").check;
  function fresh() {
    const l = lessonLab([microservices]);
    l.controller.loadScenario("lesson-microservices-check");
    return l;
  }
  it("passes when both Services are right and api answers on its node port", () => {
    const l = fresh();
    run(l, "kubectl expose deployment db --port=6379");
    run(l, "kubectl expose deployment api --type=NodePort --port=80");
    advance(l, 2000);
    const np = l.lab.getState().snapshot.services.find((s) => s.metadata.name === "api")!.spec.ports![0].nodePort!;
    const flows = flowsOf(l, `curl -s 172.30.1.2:${np}`);
    expect(check(contextOf(l, { flows }))).toEqual({ status: "pass" });
  });
  it("db stays inside", () => {
    const l = fresh();
    run(l, "kubectl expose deployment db --port=6379 --type=NodePort");
    expect(check(contextOf(l))).toEqual(failWith("is a NodePort"));
  });
  it("db on the wrong port", () => {
    const l = fresh();
    run(l, "kubectl expose deployment db --port=80 --target-port=6379");
    expect(check(contextOf(l))).toEqual(failWith("dial 6379"));
  });
  it("api must be a NodePort", () => {
    const l = fresh();
    run(l, "kubectl expose deployment db --port=6379");
    run(l, "kubectl expose deployment api --port=80");
    expect(check(contextOf(l))).toEqual(failWith("make it a NodePort"));
  });
  it("asks for the proof", () => {
    const l = fresh();
    run(l, "kubectl expose deployment db --port=6379");
    run(l, "kubectl expose deployment api --type=NodePort --port=80");
    expect(check(contextOf(l))).toEqual(failWith("prove it from outside"));
  });
});
