import { expect, test } from "./fixtures";

test.describe("the lab", () => {
  test("opens on a three-node cluster with CoreDNS running", async ({ lab }) => {
    for (const name of ["controlplane", "node01", "node02"]) {
      await expect(lab.node(name)).toBeVisible();
    }
    await expect(lab.node("controlplane")).toContainText("control-plane");

    // kube-system is collapsed at first; the learner opens it.
    await expect(lab.pod(/^coredns-/)).toHaveCount(0);
    await lab.showSystemPods();
    await expect(lab.pod(/^coredns-/)).toHaveCount(2);
    await expect(lab.pod(/^coredns-/).first()).toContainText("kube-system");
  });

  test("creates a deployment from the terminal and shows its pod come up", async ({ lab }) => {
    await lab.run("kubectl create deployment test --image=nginx");
    await expect(lab.terminalOutput).toContainText("deployment.apps/test created");

    const pod = lab.pod(/^test-/);
    await expect(pod).toHaveCount(1);
    await expect(pod).toContainText("app=test");
    // The pod is scheduled, gets an IP from its node's block, and its container starts.
    await expect(pod).toContainText(/192\.168\.\d+\.\d+/, { timeout: 30_000 });
    await expect(pod).toContainText("Running", { timeout: 30_000 });
    await expect(pod).toContainText("1/1");
  });

  test("prints kubectl get nodes in the terminal", async ({ lab }) => {
    await lab.run("kubectl get nodes");
    await expect(lab.terminalOutput).toContainText(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    await expect(lab.terminalOutput).toContainText(/controlplane\s+Ready\s+control-plane/);
    await expect(lab.terminalOutput).toContainText(/node01\s+Ready/);
    await expect(lab.terminalOutput).toContainText(/node02\s+Ready/);
    await expect(lab.terminalInput).toBeFocused();
  });
});
