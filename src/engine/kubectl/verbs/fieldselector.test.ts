import { describe, expect, it } from "vitest";
import { createCluster } from "../../index";

describe("kubectl get --field-selector reads the fields each kind makes selectable", () => {
  const c = createCluster({ seed: 11 });

  it("selects pods by node (a Pod field)", () => {
    const r = c.exec("kubectl get pods -A -o wide --field-selector spec.nodeName=node01");
    const rows = r.stdout.trim().split("\n").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(/\s+/)[7]).toBe("node01");
  });

  it("selects Services by type and namespaces by phase, and negates with !=", () => {
    expect(c.exec("kubectl get svc -A --field-selector spec.type=ClusterIP -o name").stdout).toBe("service/kubernetes\nservice/kube-dns\n");
    expect(c.exec("kubectl get svc -A --field-selector spec.type!=ClusterIP").stdout).toBe("");
    expect(c.exec("kubectl get ns --field-selector status.phase=Active -o name").stdout).toContain("namespace/kube-system\n");
    expect(c.exec("kubectl get ns --field-selector metadata.name=default -o name").stdout).toBe("namespace/default\n");
  });

  it("refuses a field no kind selects on, with the server's message", () => {
    const r = c.exec("kubectl get pods --field-selector spec.foo=bar");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("field label not supported: spec.foo");
  });
});
