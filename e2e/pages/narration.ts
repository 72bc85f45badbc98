import type { Locator, Page } from "@playwright/test";

/** The narration over the canvas: its captions (a live log) and its hide/show toggle. */
export class NarrationPage {
  readonly log: Locator;
  readonly hide: Locator;
  readonly show: Locator;
  /** Every caption, oldest first. */
  readonly lines: Locator;

  constructor(page: Page) {
    this.log = page.getByRole("log", { name: "What just happened" });
    this.hide = page.getByRole("button", { name: "Hide narration" });
    this.show = page.getByRole("button", { name: "Show narration" });
    this.lines = this.log.locator(".narration-line");
  }

  /** A caption that can be clicked, by what it says. */
  caption(text: RegExp): Locator {
    return this.log.getByRole("button", { name: text });
  }
}
