import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The lab page as a learner sees it: the canvas and its cards by their accessible names, the
 * inspector, the dialogs, the top bar and the terminal. Specs talk to this object, never to CSS
 * classes.
 */
export class LabPage {
  readonly page: Page;
  readonly canvas: Locator;
  readonly inspector: Locator;
  readonly ipRanges: Locator;
  readonly terminalInput: Locator;
  readonly terminalOutput: Locator;
  readonly pauseButton: Locator;
  readonly playButton: Locator;
  readonly stepButton: Locator;
  readonly speed: Locator;
  readonly virtualTime: Locator;
  readonly dialog: Locator;

  constructor(page: Page) {
    this.page = page;
    this.canvas = page.getByRole("application", { name: "Cluster canvas" });
    this.inspector = page.getByRole("complementary", { name: "Inspector" });
    this.ipRanges = page.getByRole("region", { name: "IP ranges" });
    this.terminalInput = page.getByLabel("Terminal input");
    this.terminalOutput = page.getByRole("log", { name: "Terminal output" });
    this.pauseButton = page.getByRole("button", { name: "Pause" });
    this.playButton = page.getByRole("button", { name: "Play" });
    this.stepButton = page.getByRole("button", { name: "Step one second" });
    this.speed = page.getByLabel("Speed");
    this.virtualTime = page.getByRole("group", { name: "Virtual clock" }).locator("time");
    this.dialog = page.getByRole("dialog");
  }

  async open() {
    await this.page.goto("./");
    await expect(this.node("controlplane")).toBeVisible();
    await expect(this.terminalInput).toBeVisible();
  }

  /** Types a line into the terminal and presses Enter. */
  async run(line: string) {
    await this.terminalInput.fill(line);
    await this.terminalInput.press("Enter");
  }

  /** Pastes text into the terminal input, as Ctrl+V with that text on the clipboard would. */
  async paste(text: string) {
    await this.terminalInput.focus();
    await this.terminalInput.evaluate((input, data) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData("text/plain", data);
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
    }, text);
  }

  /** A cluster node's frame on the canvas. */
  node(name: string): Locator {
    return this.canvas.getByRole("group", { name: `Node ${name}`, exact: true });
  }

  /** Pod cards whose name matches (a pod card's accessible name is the pod's name). */
  pod(name: string | RegExp): Locator {
    return this.canvas.getByRole("group", { name, exact: typeof name === "string" }).and(this.page.locator('[aria-roledescription="pod"]'));
  }

  service(name: string): Locator {
    return this.canvas.getByRole("group", { name: `Service ${name}`, exact: true });
  }

  deployment(name: string): Locator {
    return this.canvas.getByRole("group", { name: `Deployment ${name}`, exact: true });
  }

  /** The IP printed on a pod card. */
  async podIp(pod: Locator): Promise<string> {
    const text = (await pod.textContent()) ?? "";
    const ip = /192\.168\.\d+\.\d+/.exec(text)?.[0];
    if (!ip) throw new Error(`no pod IP on the card: ${text}`);
    return ip;
  }

  /** Shows kube-system pods on the canvas. */
  async showSystemPods() {
    const toggle = this.page.getByRole("checkbox", { name: "kube-system pods" });
    await toggle.check();
    await expect(toggle).toBeChecked();
  }

  /** Clicks a card on the canvas so the inspector shows it. */
  async select(card: Locator) {
    await card.click({ position: { x: 30, y: 12 } });
  }

  /** Opens "New deployment", fills the form and creates it. */
  async createDeployment(o: { name: string; replicas?: number; labels?: string; image?: string; port?: number }) {
    await this.page.getByRole("button", { name: "New deployment" }).click();
    const d = this.page.getByRole("dialog", { name: "Create deployment" });
    await d.getByLabel("Name", { exact: true }).fill(o.name);
    if (o.image) await d.getByLabel("Image").fill(o.image);
    await d.getByLabel("Replicas").fill(String(o.replicas ?? 1));
    await d.getByLabel("Pod labels").fill(o.labels ?? "");
    if (o.port !== undefined) await d.getByLabel("Container port").fill(String(o.port));
    await d.getByRole("button", { name: "Create deployment" }).click();
    await expect(d).toBeHidden();
  }

  /** Exposes the selected deployment or pod from the inspector. */
  async exposeSelected(o: { port: number; targetPort?: string; name?: string }) {
    await this.inspector.getByRole("button", { name: "Expose…" }).click();
    const d = this.page.getByRole("dialog", { name: /^Expose / });
    await d.getByLabel("Port", { exact: true }).fill(String(o.port));
    await d.getByLabel("Target port").fill(o.targetPort ?? "");
    await d.getByLabel("Service name").fill(o.name ?? "");
    await d.getByRole("button", { name: "Expose" }).click();
    await expect(d).toBeHidden();
  }

  /** Runs a lone pod with labels from the "Run pod" dialog. */
  async runPod(name: string, labels: string) {
    await this.page.getByRole("button", { name: "Run pod" }).click();
    const d = this.page.getByRole("dialog", { name: "Run a lone pod" });
    await d.getByLabel("Pod name").fill(name);
    await d.getByLabel("Labels").fill(labels);
    await d.getByRole("button", { name: "Run pod" }).click();
    await expect(d).toBeHidden();
  }

  /** Sets a label on whatever the inspector shows (pod labels, or a deployment's template labels). */
  async setLabel(key: string, value: string) {
    await this.inspector.getByLabel("Label key").fill(key);
    await this.inspector.getByLabel("Label value").fill(value);
    await this.inspector.getByRole("button", { name: "Set label" }).click();
  }

  /** Speeds the virtual clock up so the cluster settles quickly. */
  /** Presentation mode, as a teacher turns it on: the `f` key. */
  async present() {
    await this.page.getByRole("button", { name: "Legend" }).focus();
    await this.page.keyboard.press("f");
    await expect(this.canvas).toHaveClass(/presentation/);
  }

  async fast() {
    await this.speed.selectOption("8");
  }
}
