import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { TrafficPage } from "./pages/traffic";

/**
 * Traffic in the lab: requests to a Service spread over its pods by the nodes' kube-proxy rules.
 * The article says kube-proxy sends to the least busy pod; that is only IPVS with the lc scheduler.
 */
/** Serious or critical axe findings outside the terminal's own rows (see a11y.spec.ts). */
async function seriousViolations(page: Page): Promise<string> {
  const result = await new AxeBuilder({ page }).exclude(".xterm-rows").analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`)
    .join("\n");
}

test.describe("traffic", () => {
  test("with IPVS lc a slow pod gets far fewer requests; with rr it gets its even share", async ({ lab, page }) => {
    const traffic = new TrafficPage(lab);
    await traffic.loadScenario("A slow pod behind an lc Service");
    await expect(lab.service("web")).toContainText("3 ready endpoints", { timeout: 30_000 });
    // The scenario brings its own client pod.
    await expect(lab.pod("client")).toContainText("Running · ready", { timeout: 30_000 });
    await lab.fast();

    await traffic.open();
    await traffic.waitForProxies("IPVS");
    await expect(traffic.panel).toContainText("IPVS, scheduler lc");
    await traffic.start({ from: "client", to: "web", rate: 20, duration: "20 s" });
    // The terminal shows what the panel started, as the loop it stands for (a comment: nothing runs).
    await expect(lab.terminalOutput).toContainText(
      "# traffic: client → web, 20 req/s for 20 s (like: kubectl exec client -- sh -c 'for i in $(seq 400); do curl -s -o /dev/null http://web & sleep 0.05; done')",
    );
    // Requests show on the cards while they run.
    await expect(lab.pod("web-slow")).toContainText(/\d+ open · \d+ req/);
    await traffic.waitUntilDone();
    const lc = await traffic.perPod("Served");
    const fast = Object.entries(lc).filter(([name]) => name.startsWith("web-") && name !== "web-slow").map(([, n]) => n);
    expect(fast).toHaveLength(2);
    expect(lc["web-slow"]).toBeLessThan(Math.min(...fast) / 2);

    // Round robin does not look at connections: every pod gets its turn.
    await traffic.switchProxy("IPVS", "rr");
    await expect(lab.terminalOutput).toContainText("daemonset.apps/kube-proxy restarted");
    await expect(traffic.panel).toContainText("IPVS, scheduler rr");
    await traffic.waitForProxies("IPVS");
    await traffic.resetCounters();
    await traffic.start({ from: "client", to: "web", rate: 20, duration: "20 s" });
    await traffic.waitUntilDone();
    const rr = await traffic.perPod("Served");
    const all = ["web-slow", ...Object.keys(rr).filter((n) => n.startsWith("web-") && n !== "web-slow")].map((n) => rr[n]);
    expect(all).toHaveLength(3);
    for (const n of all) expect(n).toBeGreaterThan(Math.max(...all) * 0.8);
    await expect(traffic.serviceTable.getByRole("row", { name: /^web / })).toContainText("100%");
    await expect(page.getByRole("alert")).toHaveCount(0);
  });

  test("requests travel on the canvas to the pods, and a refused one is marked where it failed", async ({ lab }) => {
    const traffic = new TrafficPage(lab);
    await traffic.loadScenario("The article's test deployment");
    await expect(lab.service("my-service")).toContainText("1 ready endpoint", { timeout: 30_000 });
    await lab.run("kubectl run client --image=nginx");
    await expect(lab.pod("client")).toContainText("Running · ready", { timeout: 30_000 });

    await traffic.open();
    await traffic.start({ from: "client", to: "my-service", rate: 10, duration: "1 min" });
    // A dot is on its way, and it moves: two readings of its position differ.
    const dot = traffic.movingDots().first();
    await expect(dot).toBeVisible();
    const at = () => dot.evaluate((el) => (el as HTMLElement).style.transform);
    const first = await at();
    await expect.poll(at).not.toBe(first);

    // No pods behind the Service: kube-proxy rejects the connection, and the canvas says so.
    await lab.run("kubectl delete deployment test");
    await expect(lab.service("my-service")).toContainText("0 ready endpoints", { timeout: 30_000 });
    await expect(traffic.failureMark("refused").first()).toBeVisible({ timeout: 20_000 });
    await traffic.panel.getByRole("button", { name: /^Stop traffic / }).first().click();
  });

  test("switching kube-proxy to IPVS runs the real steps and the nodes follow one by one", async ({ lab }) => {
    const traffic = new TrafficPage(lab);
    await traffic.open();
    await traffic.waitForProxies("iptables");
    await traffic.switchProxy("IPVS", "lc");
    // One short line edits the ConfigMap, as people type it; then the restart.
    for (const line of [
      `kubectl -n kube-system get cm kube-proxy -o yaml | sed -e 's/mode: ""/mode: "ipvs"/' -e 's/scheduler: ""/scheduler: "lc"/' | kubectl replace -f -`,
      "configmap/kube-proxy replaced",
      "kubectl -n kube-system rollout restart daemonset kube-proxy",
      "daemonset.apps/kube-proxy restarted",
    ])
      await expect(lab.terminalOutput).toContainText(line);
    await expect(lab.terminalOutput).not.toContainText("<<'EOF'");
    await expect(traffic.panel).toContainText("The ConfigMap says IPVS, scheduler lc");
    // Each node's kube-proxy restarts in turn: its frame says so while it is down.
    await expect(lab.canvas.getByText(/restarting/).first()).toBeVisible({ timeout: 30_000 });
    await traffic.waitForProxies("IPVS");
    // grep finds only the real mode: line (kubectl replace stores no last-applied copy of the ConfigMap).
    await lab.run("kubectl -n kube-system get cm kube-proxy -o yaml | grep mode");
    await expect(lab.terminalOutput).toContainText('    mode: "ipvs"');
    await expect(lab.terminalOutput).not.toContainText("last-applied-configuration");
    // And back, from IPVS: the sed names the current value.
    await traffic.switchProxy("iptables");
    await expect(lab.terminalOutput).toContainText(`sed -e 's/mode: "ipvs"/mode: ""/' | kubectl replace -f -`);
    await traffic.waitForProxies("iptables");
  });

  test("the rules viewer shows KUBE-SERVICES and marks the path of the last request", async ({ lab, page }) => {
    const traffic = new TrafficPage(lab);
    await traffic.loadScenario("The article's test deployment");
    await expect(lab.service("my-service")).toContainText("1 ready endpoint", { timeout: 30_000 });
    const node = await traffic.nodeOf(lab.pod(/^test-/));

    const rules = await traffic.openRules(node);
    await expect(rules.dialog).toContainText("iptables mode");
    await expect(rules.lines).toContainText("-A KUBE-SERVICES");
    await expect(rules.onPath).toHaveCount(0);

    await rules.sendOneRequest();
    await expect(rules.onPath.first()).toBeVisible();
    await expect(rules.onPath.filter({ hasText: "-A KUBE-SERVICES" })).toHaveCount(1);
    await expect(rules.onPath.filter({ hasText: /-A KUBE-SVC-\S+ .*-j KUBE-SEP-/ })).toHaveCount(1);
    await expect(rules.dialog).toContainText("Service my-service");
    // Beside the raw rules, the same path in words, in netfilter order.
    await expect(rules.reading.getByRole("listitem").first()).toHaveText(/^PREROUTING: a packet from /);
    await expect(rules.reading).toContainText(/KUBE-SERVICES matched 10\.\d+\.\d+\.\d+:8080 \(my-service's cluster IP\) → KUBE-SVC-/);
    await expect(rules.reading).toContainText(/KUBE-SEP-\S+: DNAT to 192\.168\.\d+\.\d+:80 \(test-/);
    await expect(rules.reading.getByRole("listitem").last()).toHaveText(/^POSTROUTING → KUBE-POSTROUTING: masquerade: (yes|no)/);

    // The path's steps jump to their rule.
    await rules.pathSteps.filter({ hasText: /^KUBE-SEP-/ }).last().click();
    await expect(rules.onPath.filter({ hasText: /-A KUBE-SEP-\S+ .*DNAT/ })).toBeFocused();

    expect(await seriousViolations(page)).toBe("");
    await rules.close();
    await expect(lab.terminalOutput).toContainText("-- curl -s -m 5 http://my-service:8080");

    // The traffic panel with figures in it, in the dark theme too.
    await traffic.open();
    const testPod = (await lab.pod(/^test-/).getAttribute("aria-label")) ?? "";
    await traffic.start({ from: testPod, to: "my-service", rate: 5, duration: "10 s" });
    await expect(traffic.podTable).toBeVisible();
    expect(await seriousViolations(page)).toBe("");
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("dialog", { name: "Settings" }).getByLabel("Theme").selectOption("dark");
    await page.keyboard.press("Escape");
    expect(await seriousViolations(page)).toBe("");
  });

  test("marking a pod slow and curling a Service once print their kubectl in the terminal", async ({ lab }) => {
    const traffic = new TrafficPage(lab);
    await traffic.loadScenario("The article's test deployment");
    await expect(lab.service("my-service")).toContainText("1 ready endpoint", { timeout: 30_000 });
    const pod = lab.pod(/^test-/);
    const name = (await pod.getAttribute("aria-label")) ?? "";

    await lab.select(pod);
    await lab.inspector.getByRole("button", { name: `Mark ${name} slow` }).click();
    await expect(lab.terminalOutput).toContainText(`kubectl annotate pod ${name} podflow.dev/response-delay=2s --overwrite`);
    await lab.inspector.getByRole("button", { name: `Make ${name} fast again` }).click();
    await expect(lab.terminalOutput).toContainText(`kubectl annotate pod ${name} podflow.dev/response-delay-`);

    await traffic.open();
    await traffic.panel.getByRole("button", { name: "Curl once" }).click();
    await expect(lab.terminalOutput).toContainText(`kubectl exec ${name} -- curl -s -m 5 http://my-service:8080`);
    await expect(lab.terminalOutput).toContainText("Welcome to nginx!");
  });
});
