import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The chrome around the canvas: the first visit's welcome, the top bar, the IP ranges bar.
 */
export class ChromePage {
  readonly page: Page;
  readonly welcome: Locator;
  readonly topBar: Locator;
  readonly ranges: Locator;

  constructor(page: Page) {
    this.page = page;
    this.welcome = page.getByRole("region", { name: "Welcome to Podflow" });
    this.topBar = page.getByRole("banner");
    this.ranges = page.getByRole("region", { name: "IP ranges" });
  }

  /** Opens the lab and waits until the cluster is drawn and the terminal is up. */
  async open(url = "./") {
    await this.page.goto(url);
    await expect(this.page.getByRole("group", { name: "Node controlplane", exact: true })).toBeVisible();
    await expect(this.page.getByRole("status", { name: "Command line" })).toHaveText(/\S[$#] $/);
  }

  wayIn(name: "Start lesson 1: Three IP ranges" | "Load the article's deployment" | "Type kubectl get nodes"): Locator {
    return this.welcome.getByRole("button", { name });
  }

  /** Every axe violation inside the welcome (none expected). */
  async welcomeViolations(): Promise<string[]> {
    const result = await new AxeBuilder({ page: this.page }).include(".welcome").analyze();
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}`);
  }

  /** Turns presentation mode on or off with its key, as a presenter would. */
  async togglePresentation() {
    await this.page.getByRole("button", { name: "Legend" }).focus();
    await this.page.keyboard.press("f");
  }

  /**
   * How a bar lays out: whether its content fits its width, how many rows its items take, and
   * whether every button in it that is drawn is fully on screen.
   */
  async layoutOf(bar: Locator) {
    return bar.evaluate((el) => {
      const tops = new Set<number>();
      const items = el.querySelectorAll<HTMLElement>(":scope > *, :scope > * > *");
      const rows: number[] = [];
      for (const item of Array.from(items)) {
        const r = item.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || getComputedStyle(item).position === "absolute") continue;
        const centre = Math.round(r.top + r.height / 2);
        if (![...tops].some((t) => Math.abs(t - centre) <= r.height / 2)) tops.add(centre);
        rows.push(centre);
      }
      const offscreen = Array.from(el.querySelectorAll<HTMLElement>("button, select"))
        .filter((b) => {
          if (b.getClientRects().length === 0) return false; // not drawn on purpose (display: none)
          const r = b.getBoundingClientRect();
          return r.left < 0 || r.right > innerWidth + 0.5 || r.top < 0 || r.bottom > innerHeight;
        })
        .map((b) => b.getAttribute("aria-label") ?? b.textContent);
      return { fits: el.scrollWidth <= el.clientWidth, rows: tops.size, height: el.getBoundingClientRect().height, offscreen };
    });
  }
}
