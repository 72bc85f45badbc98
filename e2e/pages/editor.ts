import { expect, type Locator, type Page } from "@playwright/test";

/** The YAML editor dialog: its code area, template picker, error and buttons. */
export class YamlEditorPage {
  readonly page: Page;
  readonly dialog: Locator;
  readonly code: Locator;
  readonly template: Locator;
  readonly error: Locator;

  constructor(page: Page, name: string | RegExp = /YAML|Edit/) {
    this.page = page;
    this.dialog = page.getByRole("dialog", { name });
    this.code = this.dialog.getByRole("textbox", { name: "YAML manifest" });
    this.template = this.dialog.getByLabel("Start from");
    this.error = this.dialog.getByRole("alert");
  }

  button(name: string | RegExp): Locator {
    return this.dialog.getByRole("button", { name, exact: typeof name === "string" });
  }

  /** Replaces the whole text, as a paste would (typing would auto-indent each new line). */
  async setText(text: string) {
    await this.code.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.insertText(text);
    await expect(this.code).toContainText(text.split("\n").find((l) => l.trim() !== "") ?? "");
  }

  /** Replaces every `find` with `replace` through the editor's search panel (Ctrl+F). */
  async replaceAll(find: string, replace: string) {
    await this.code.click();
    await this.page.keyboard.press("ControlOrMeta+F");
    await this.dialog.getByRole("textbox", { name: "Find" }).fill(find);
    await this.dialog.getByRole("textbox", { name: "Replace" }).fill(replace);
    await this.dialog.getByRole("button", { name: "replace all" }).click();
    await this.page.keyboard.press("Escape"); // closes the search panel, not the dialog
  }

  /** Expects the text to hold `text` (every non-empty line of it). */
  async expectText(text: string) {
    for (const line of text.split("\n").filter((l) => l.trim() !== "")) await expect(this.code).toContainText(line);
  }
}
