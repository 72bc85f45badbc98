import { expect, type Locator, type Page } from "@playwright/test";
import type { LabPage } from "./lab";

/**
 * The traffic panel beside the canvas (top bar → Traffic) and a node's rules viewer, as a learner
 * uses them: by labels, roles and the words on screen.
 */
export class TrafficPage {
  readonly page: Page;
  readonly panel: Locator;
  readonly podTable: Locator;
  readonly serviceTable: Locator;

  constructor(readonly lab: LabPage) {
    this.page = lab.page;
    this.panel = this.page.getByRole("complementary", { name: "Traffic" });
    this.podTable = this.panel.getByRole("table", { name: "Requests per pod" });
    this.serviceTable = this.panel.getByRole("table", { name: "Requests per Service" });
  }

  async open() {
    await this.page.getByRole("button", { name: "Traffic", exact: true }).click();
    await expect(this.panel).toBeVisible();
  }

  /** Loads a scenario from the top bar. */
  async loadScenario(title: string) {
    await this.page.getByRole("combobox", { name: "Scenario" }).selectOption({ label: title });
    await this.page.getByRole("button", { name: "Load", exact: true }).click();
  }

  /** Starts a generator from the panel's form. `from` is a pod name or "outside". */
  async start(o: { from: string; to: string; rate: number; duration: string }) {
    const form = this.panel.getByRole("form", { name: "Send traffic" });
    const from = form.getByLabel("From");
    if (o.from === "outside") await from.selectOption({ label: "users outside the cluster (NodePort)" });
    else await from.selectOption({ label: `pod ${o.from}` });
    const to = form.getByLabel("To Service");
    const option = to.getByRole("option", { name: new RegExp(`^${o.to} `) });
    await to.selectOption((await option.getAttribute("value")) ?? "");
    await form.getByLabel("Rate (req/s)").fill(String(o.rate));
    await form.getByLabel("For").selectOption({ label: o.duration });
    await form.getByRole("button", { name: "Start traffic" }).click();
    await expect(this.panel.getByRole("button", { name: /^Stop traffic / })).not.toHaveCount(0);
  }

  /**
   * Request dots on the canvas that are moving now (the layer keeps idle dots, transparent, to
   * reuse them). Decoration hidden from assistive technology, so found by class.
   */
  movingDots(kind: "ok" | "fail" = "ok"): Locator {
    return this.page.locator(`.traffic-layer .particle.${kind}:not([style*="opacity: 0;"])`);
  }

  /** The mark left where a request failed, with its reason ("✕ refused"). */
  failureMark(reason: string): Locator {
    return this.page.locator(".traffic-layer .particle-burst", { hasText: `✕ ${reason}` }).and(this.page.locator(':not([style*="opacity: 0;"])'));
  }

  /** Waits until no generator is running and no connection is open any more. */
  async waitUntilDone() {
    await expect(this.panel.getByText("No traffic running.")).toBeVisible({ timeout: 30_000 });
    await expect.poll(async () => Object.values(await this.perPod("Open")).reduce((a, b) => a + b, 0), { timeout: 30_000 }).toBe(0);
  }

  /** One column of the per-pod table ("Open", "Served", "Errors"), by pod name. */
  async perPod(column: "Open" | "Served" | "Errors"): Promise<Record<string, number>> {
    const col = { Open: 0, Served: 1, Errors: 2 }[column];
    if ((await this.podTable.count()) === 0) return {};
    return this.podTable.locator("tbody tr").evaluateAll(
      (rows, i) => Object.fromEntries(rows.map((r) => [r.querySelector("th")!.childNodes[0].textContent!.trim(), Number(r.querySelectorAll("td")[i].textContent)])),
      col,
    );
  }

  async resetCounters() {
    await this.panel.getByRole("button", { name: "Reset counters" }).click();
    await expect(this.podTable).toHaveCount(0);
  }

  /** Switches kube-proxy (the ConfigMap through sed into kubectl replace, then a DaemonSet restart) from the panel. */
  async switchProxy(mode: "iptables" | "IPVS", scheduler?: string) {
    const form = this.panel.getByRole("form", { name: "kube-proxy mode" });
    await form.getByRole("radio", { name: mode }).check();
    if (scheduler) await form.getByLabel("IPVS scheduler").selectOption(scheduler);
    await form.getByRole("button", { name: "Apply and restart kube-proxy" }).click();
  }

  /** Waits until every node's frame shows kube-proxy in `mode`, running and in sync. */
  async waitForProxies(mode: "iptables" | "IPVS", nodes = ["controlplane", "node01", "node02"]) {
    for (const n of nodes) {
      await expect(this.lab.node(n)).toContainText(`kube-proxy ${mode}`, { timeout: 30_000 });
      await expect(this.lab.node(n)).not.toContainText(/restarting|rules updating/, { timeout: 30_000 });
    }
  }

  /** The node a pod runs on, as the inspector says. */
  async nodeOf(pod: Locator): Promise<string> {
    await this.lab.select(pod);
    const facts = await this.lab.inspector.getByRole("definition").allTextContents();
    const node = facts.find((t) => /^(controlplane|node\d+)$/.test(t.trim()));
    if (!node) throw new Error(`no node in the inspector: ${facts.join(" | ")}`);
    return node.trim();
  }

  /** Opens "Show rules" on a node's frame. */
  async openRules(node: string): Promise<RulesViewer> {
    await this.lab.node(node).getByRole("button", { name: `Show rules of ${node}` }).click();
    const viewer = new RulesViewer(this.page, node);
    await expect(viewer.dialog).toBeVisible();
    return viewer;
  }
}

/** A node's rules viewer (a dialog). */
export class RulesViewer {
  readonly dialog: Locator;
  readonly lines: Locator;
  /** The lines marked as the last request's path (marked in words for screen readers too). */
  readonly onPath: Locator;
  readonly pathSteps: Locator;
  /** The last request's path read in words, one item per rule. */
  readonly reading: Locator;

  constructor(page: Page, node: string) {
    this.dialog = page.getByRole("dialog", { name: `Rules on ${node}` });
    this.lines = this.dialog.getByRole("list", { name: `Rules of ${node}` });
    this.onPath = this.lines.getByRole("listitem").filter({ hasText: "on the path:" });
    this.pathSteps = this.dialog.getByRole("list", { name: "Path of the last request" }).getByRole("button");
    this.reading = this.dialog.getByRole("list", { name: "The last request, step by step" });
  }

  async sendOneRequest() {
    await this.dialog.getByRole("button", { name: "Send one request" }).click();
  }

  async close() {
    await this.dialog.getByRole("button", { name: "Close" }).click();
    await expect(this.dialog).toBeHidden();
  }
}
