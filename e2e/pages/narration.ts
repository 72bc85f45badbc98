import type { Locator, Page } from "@playwright/test";

/** The narration over the canvas: its captions (a live log) and its hide/show toggle. */
export class NarrationPage {
  readonly log: Locator;
  readonly hide: Locator;
  readonly show: Locator;

  constructor(page: Page) {
    this.log = page.getByRole("log", { name: "What just happened" });
    this.hide = page.getByRole("button", { name: "Hide narration" });
    this.show = page.getByRole("button", { name: "Show narration" });
  }

  /** A caption that can be clicked, by what it says. */
  caption(text: RegExp): Locator {
    return this.log.getByRole("button", { name: text });
  }
}
