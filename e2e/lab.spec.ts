import { expect, test } from "./fixtures";

test.describe("the lab", () => {
  test("opens on a three-node cluster drawn as frames, with CoreDNS inside the control plane", async ({ lab }) => {
    for (const name of ["controlplane", "node01", "node02"]) await expect(lab.node(name)).toBeVisible();
    await expect(lab.node("controlplane")).toContainText("control-plane");
    await expect(lab.node("node01")).toContainText(/InternalIP\s*172\.30\.1\.3/);

    // kube-system is collapsed at first; the learner opens it.
    await expect(lab.pod(/^coredns-/)).toHaveCount(0);
    await lab.showSystemPods();
    await expect(lab.pod(/^coredns-/)).toHaveCount(2);
  });

  test("shows the three IP ranges, and who owns an address on hover", async ({ lab }) => {
    await expect(lab.ipRanges).toContainText("172.30.1.0/24");
    await expect(lab.ipRanges).toContainText("192.168.0.0/16");
    await expect(lab.ipRanges).toContainText("10.96.0.0/12");
    await lab.ipRanges.getByText("10.96.0.10").hover();
    await expect(lab.page.getByRole("tooltip")).toContainText("ClusterIP of Service kube-system/kube-dns, allocated by the API server");
  });

  test("creates a deployment from the terminal and shows its pod come up on the canvas", async ({ lab }) => {
    await lab.run("kubectl create deployment test --image=nginx");
    await expect(lab.terminalOutput).toContainText("deployment.apps/test created");
    const pod = lab.pod(/^test-/);
    await expect(pod).toHaveCount(1);
    await expect(pod).toContainText("app=test");
    await expect(pod).toContainText(/192\.168\.\d+\.\d+/, { timeout: 30_000 });
    await expect(pod).toContainText("Running · ready", { timeout: 30_000 });
    await expect(lab.deployment("test")).toContainText("1/1 ready");
    // A label that changes nothing else reaches the card too (its card alone is drawn again).
    const name = (await pod.getAttribute("aria-label"))!;
    await lab.run(`kubectl label pod ${name} tier=web`);
    await expect(pod).toContainText("tier=web");
    await lab.run(`kubectl label pod ${name} tier=db --overwrite`);
    await expect(pod).toContainText("tier=db");
    await expect(pod).not.toContainText("tier=web");
  });

  test("prints kubectl get nodes in the terminal", async ({ lab }) => {
    await lab.run("kubectl get nodes");
    await expect(lab.terminalOutput).toContainText(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    await expect(lab.terminalOutput).toContainText(/controlplane\s+Ready\s+control-plane/);
    await expect(lab.terminalInput).toBeFocused();
  });

  test("presentation mode gives the canvas the whole width; the inspector floats in only for a selection", async ({ lab, page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const before = (await lab.canvas.boundingBox())!.width;
    await page.getByRole("button", { name: "Legend" }).focus();
    await page.keyboard.press("f");
    await expect(lab.inspector).toBeHidden();
    await expect.poll(async () => (await lab.canvas.boundingBox())!.width).toBeGreaterThan(before + 200);
    const wide = (await lab.canvas.boundingBox())!.width;

    await lab.select(lab.node("node01"));
    await expect(lab.inspector).toBeVisible();
    await expect(lab.inspector).toContainText("node01");
    expect((await lab.canvas.boundingBox())!.width).toBe(wide); // over the canvas, not beside it
    await lab.inspector.getByRole("button", { name: "Close inspector" }).click();
    await expect(lab.inspector).toBeHidden();
  });
});
