import { beforeAll, describe, expect, it } from "vitest";
import { createCluster } from "../engine";
import * as cmd from "./commands";

describe("the kubectl behind each action", () => {
  beforeAll(() => cmd.yamlReady);

  it("uses kubectl create deployment when the labels are kubectl's default", () => {
    expect(cmd.createDeployment({ name: "test", image: "nginx", replicas: 2, labels: { app: "test" }, containerPort: 80 })).toBe(
      "kubectl create deployment test --image=nginx --replicas=2 --port=80",
    );
  });

  it("applies a manifest for a deployment with chosen labels, and the cluster accepts it", () => {
    const line = cmd.createDeployment({ name: "ram", image: "nginx", replicas: 1, labels: { app: "test" } });
    expect(line.split("\n")[0]).toBe("kubectl apply -f - <<EOF");
    const c = createCluster({ seed: 1 });
    expect(c.exec(line)).toMatchObject({ stdout: "deployment.apps/ram created\n", exitCode: 0 });
    c.advance(10_000);
    expect(c.snapshot().pods.find((p) => p.metadata.name.startsWith("ram-"))?.metadata.labels).toEqual({ app: "test", "pod-template-hash": expect.any(String) });
  });

  it("builds the article's expose and an orphan pod run", () => {
    expect(cmd.expose({ kind: "deployment", target: "test", namespace: "default", port: 8080, targetPort: "80", name: "my-service" })).toBe(
      "kubectl expose deploy test --port=8080 --target-port=80 --name=my-service",
    );
    expect(cmd.runPod("orphan", "nginx", { app: "test" })).toBe("kubectl run orphan --image=nginx --labels=app=test");
  });

  it("adds, changes and removes pod labels with kubectl label", () => {
    expect(cmd.label("pod", "default", "p", { app: "test" }, ["color"])).toBe("kubectl label pod p app=test color- --overwrite");
    expect(cmd.label("pod", "dev", "p", {}, ["color"])).toBe("kubectl label pod p -n dev color-");
  });

  it("changes a deployment's template labels: a new ReplicaSet rolls out", () => {
    const c = createCluster({ seed: 1 });
    c.exec("kubectl create deployment test --image=nginx");
    c.advance(10_000);
    const d = c.snapshot().deployments.find((x) => x.metadata.name === "test")!;
    const line = cmd.setTemplateLabels(d, { app: "test", color: "blue" });
    expect(line).toBe(`kubectl patch deployment test -p '{"spec":{"template":{"metadata":{"labels":{"app":"test","color":"blue"}}}}}'`);
    const r = c.exec(line);
    expect(r.exitCode).toBe(0);
    c.advance(20_000);
    const rs = c.snapshot().replicaSets.filter((x) => x.metadata.name.startsWith("test-"));
    expect(rs.length).toBe(2);
  });

  it("keeps everything else in the template (the mysql password survives a label edit)", () => {
    const c = createCluster({ seed: 1 });
    c.exec("kubectl create deployment db --image=mysql");
    c.exec("kubectl set env deployment/db MYSQL_ROOT_PASSWORD=secret");
    c.exec("kubectl label deployment db tier=back"); // not the template
    const d = c.snapshot().deployments.find((x) => x.metadata.name === "db")!;
    expect(c.exec(cmd.setTemplateLabels(d, { app: "db", tier: "back" })).exitCode).toBe(0);
    const after = c.snapshot().deployments.find((x) => x.metadata.name === "db")!;
    expect(after.spec.template.spec.containers[0].env).toEqual([{ name: "MYSQL_ROOT_PASSWORD", value: "secret" }]);
    expect(after.spec.template.metadata?.labels).toEqual({ app: "db", tier: "back" });
    const back = c.exec(cmd.setTemplateLabels(after, { app: "db" }));
    expect(back.exitCode).toBe(0);
    expect(c.snapshot().deployments.find((x) => x.metadata.name === "db")!.spec.template.metadata?.labels).toEqual({ app: "db" });
  });

  it("gets kubectl's immutable-selector error back when the selector changes", () => {
    const c = createCluster({ seed: 1 });
    c.exec("kubectl create deployment test --image=nginx");
    const d = c.snapshot().deployments.find((x) => x.metadata.name === "test")!;
    const r = c.exec(cmd.setTemplateLabels(d, { app: "ram" }, { app: "ram" }));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/field is immutable/);
  });

  it("recreates a deployment with new labels and its whole pod template", () => {
    const c = createCluster({ seed: 1 });
    c.exec("kubectl create deployment db --image=mysql");
    c.exec("kubectl set env deployment/db MYSQL_ROOT_PASSWORD=secret");
    const d = c.snapshot().deployments.find((x) => x.metadata.name === "db")!;
    expect(c.exec("kubectl delete deployment db").exitCode).toBe(0);
    expect(c.exec(cmd.recreateDeployment(d, { app: "shop" })).stdout).toBe("deployment.apps/db created\n");
    const again = c.snapshot().deployments.find((x) => x.metadata.name === "db")!;
    expect(again.spec.selector.matchLabels).toEqual({ app: "shop" });
    expect(again.spec.template.spec.containers[0].env).toEqual([{ name: "MYSQL_ROOT_PASSWORD", value: "secret" }]);
  });

  it("parses label text and rejects what is not key=value", () => {
    expect(cmd.parseLabels("app=test, tier=web")).toEqual({ ok: true, labels: { app: "test", tier: "web" } });
    expect(cmd.parseLabels("app")).toEqual({ ok: false, error: '"app" is not key=value' });
  });
});

describe("a manifest written before the YAML library has loaded", () => {
  it("is JSON, which kubectl applies the same (JSON is YAML)", () => {
    const cluster = createCluster();
    // The fallback path, called directly: what a click would send in the first instant.
    const text = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "early" }, data: { a: "1" } }, null, 2);
    const r = cluster.exec(`kubectl apply -f - <<EOF\n${text}\nEOF`);
    expect(r.stdout).toContain("configmap/early created");
  });
});
