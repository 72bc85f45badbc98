import { expect, test } from "./fixtures";

/** As the card writes a long pod name in its "new · after" mark: the first part, then the random suffix. */
const shortName = (name: string) => (name.length <= 16 ? name : `${name.split("-")[0]}-…-${name.split("-").at(-1)}`);

/**
 * The article's story, by mouse only: every click runs the kubectl a learner would type (the
 * terminal shows it), and the canvas shows what the cluster did.
 */
test("the Service story: IPs change, the ClusterIP stays, endpoints follow labels", async ({ lab }) => {
  test.setTimeout(120_000);
  await lab.fast();

  // Create a deployment → its pod gets an IP.
  await lab.createDeployment({ name: "test", replicas: 1, port: 80 });
  await expect(lab.terminalOutput).toContainText("kubectl create deployment test --image=nginx --replicas=1 --port=80");
  const first = lab.pod(/^test-/);
  await expect(first).toContainText("Running · ready");
  const firstName = (await first.getAttribute("aria-label"))!;
  const firstIp = await lab.podIp(first);

  // Delete the pod → the ReplicaSet makes a new one, with a new IP. (At 1×, as a class sees it.)
  await lab.speed.selectOption("1");
  await first.getByRole("button", { name: `Delete pod ${firstName}` }).click();
  await expect(lab.terminalOutput).toContainText(`kubectl delete pod ${firstName}`);
  await expect(lab.pod(firstName)).toHaveCount(0);
  const second = lab.pod(/^test-/);
  await expect(second).toContainText("Running · ready");
  expect(await lab.podIp(second)).not.toBe(firstIp);
  // The change is shown, not left to be spotted: the new pod says whom it stands in for (a new
  // name and a new IP), and the deleted one is still drawn a moment, as deleted, with its old IP.
  await expect(second).toContainText(`new · after ${shortName(firstName)} (${firstIp}) was deleted`);
  const ghost = lab.canvas.locator('[aria-roledescription="deleted pod"]', { hasText: firstIp });
  await expect(ghost).toContainText("Deleted");
  await expect(ghost).toHaveCount(0, { timeout: 30_000 }); // then it is gone for good
  await lab.fast();

  // Expose the deployment → a Service with one ready endpoint.
  await lab.select(lab.deployment("test"));
  await expect(lab.inspector.getByRole("heading", { name: "test" })).toBeVisible();
  await lab.exposeSelected({ port: 8080, targetPort: "80", name: "my-service" });
  await expect(lab.terminalOutput).toContainText("kubectl expose deploy test --port=8080 --target-port=80 --name=my-service");
  const svc = lab.service("my-service");
  await expect(svc).toContainText("1 ready endpoint");
  const clusterIp = /10\.\d+\.\d+\.\d+/.exec((await svc.textContent()) ?? "")![0];

  // Delete the pod again → the endpoint follows the new pod; the ClusterIP does not change.
  const secondName = (await second.getAttribute("aria-label"))!;
  await second.getByRole("button", { name: `Delete pod ${secondName}` }).click();
  await expect(lab.pod(secondName)).toHaveCount(0);
  await expect(lab.pod(/^test-/)).toContainText("Running · ready");
  await expect(svc).toContainText("1 ready endpoint");
  await expect(svc).toContainText(clusterIp);

  // Scale to 3 → all three join.
  await lab.deployment("test").getByRole("button", { name: "Scale test up" }).click();
  await lab.deployment("test").getByRole("button", { name: "Scale test up" }).click();
  await expect(lab.terminalOutput).toContainText("kubectl scale deployment test --replicas=3");
  await expect(lab.pod(/^test-/)).toHaveCount(3);
  await expect(svc).toContainText("3 ready endpoints");

  // Delete the deployment → the Service is still there, with no endpoints.
  await lab.select(lab.deployment("test"));
  await lab.inspector.getByRole("button", { name: "Delete deployment" }).click();
  await expect(lab.pod(/^test-/)).toHaveCount(0);
  await expect(svc).toContainText("0 ready endpoints");
  await expect(svc).toContainText(clusterIp);

  // A deployment with another name and other labels is not picked up: selectors, not names.
  await lab.createDeployment({ name: "ram", replicas: 1, labels: "app=ram" });
  const ram = lab.pod(/^ram-/);
  await expect(ram).toContainText("Running · ready");
  await expect(svc).toContainText("0 ready endpoints");
  await lab.select(ram);
  await expect(lab.inspector).toContainText("The selector wants app=test, but the pod has app=ram.");

  // Relabel the pod app=test → it joins.
  await lab.setLabel("app", "test");
  await expect(lab.terminalOutput).toContainText(/kubectl label pod ram-\S+ app=test --overwrite/);
  await expect(svc).toContainText("1 ready endpoint");

  // An orphan pod with matching labels → it joins too.
  await lab.runPod("orphan", "app=test");
  await expect(lab.terminalOutput).toContainText("kubectl run orphan --image=nginx --labels=app=test");
  await expect(lab.pod("orphan")).toContainText("orphan (no owner)");
  await expect(svc).toContainText("2 ready endpoints");
});

test("a deployment's selector cannot change: kubectl's error, and the way out", async ({ lab }) => {
  await lab.fast();
  await lab.createDeployment({ name: "web", replicas: 1 });
  await expect(lab.pod(/^web-/)).toContainText("Running · ready");
  await lab.select(lab.deployment("web"));
  // Changing the selector's own key is refused as immutable.
  await lab.setLabel("app", "shop");
  await expect(lab.inspector.getByRole("alert")).toContainText("field is immutable");
  await lab.inspector.getByRole("button", { name: /^Recreate deployment with app=shop/ }).click();
  await expect(lab.terminalOutput).toContainText("kubectl delete deployment web");
  await expect(lab.pod(/^web-/)).toContainText("app=shop");
});

test("a template label change rolls out a new ReplicaSet", async ({ lab }) => {
  await lab.fast();
  await lab.createDeployment({ name: "web", replicas: 1 });
  await expect(lab.pod(/^web-/)).toContainText("Running · ready");
  await lab.select(lab.deployment("web"));
  await lab.setLabel("color", "blue");
  await expect(lab.terminalOutput).toContainText("kubectl patch deployment");
  // The new ReplicaSet's pod comes up with the new label, the old one's pod goes.
  await expect(lab.pod(/^web-/).filter({ hasText: "color=blue" })).toHaveCount(1);
  await expect(lab.pod(/^web-/)).toHaveCount(1);
  await expect(lab.pod(/^web-/)).toContainText("Running · ready");
});
