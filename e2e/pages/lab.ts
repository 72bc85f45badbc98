import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The lab page as a learner sees it: regions by their headings, the terminal by its label.
 * Specs talk to this object, never to CSS classes.
 */
export class LabPage {
  readonly page: Page;
  readonly nodes: Locator;
  readonly pods: Locator;
  readonly services: Locator;
  readonly ipRanges: Locator;
  readonly terminalInput: Locator;
  readonly terminalOutput: Locator;
  readonly pauseButton: Locator;
  readonly playButton: Locator;
  readonly speed: Locator;
  readonly virtualTime: Locator;

  constructor(page: Page) {
    this.page = page;
    this.nodes = page.getByRole("region", { name: "Nodes" });
    this.pods = page.getByRole("region", { name: "Pods by node" });
    this.services = page.getByRole("region", { name: "Services" });
    this.ipRanges = page.getByRole("region", { name: "IP ranges" });
    this.terminalInput = page.getByLabel("Terminal input");
    this.terminalOutput = page.getByRole("log", { name: "Terminal output" });
    this.pauseButton = page.getByRole("button", { name: "Pause" });
    this.playButton = page.getByRole("button", { name: "Play" });
    this.speed = page.getByLabel("Speed");
    this.virtualTime = page.getByRole("group", { name: "Virtual clock" }).locator("time");
  }

  async open() {
    await this.page.goto("./");
    await expect(this.terminalInput).toBeVisible();
  }

  /** Types a line into the terminal and presses Enter. */
  async run(line: string) {
    await this.terminalInput.fill(line);
    await this.terminalInput.press("Enter");
  }

  /** A node's row in the Nodes table. */
  node(name: string): Locator {
    return this.nodes.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  /** The pods listed under one node. */
  podsOn(node: string): Locator {
    return this.pods.getByRole("group", { name: node, exact: true });
  }

  /** Rows of pods whose name matches, on any node. */
  pod(name: string | RegExp): Locator {
    return this.pods.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name }) });
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

  async showSystemPods() {
    const toggle = this.pods.getByRole("button", { name: /kube-system pods/ });
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
  }
}
