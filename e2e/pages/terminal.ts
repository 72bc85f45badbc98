import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The terminal dock as a learner (or a screen reader) meets it: xterm.js's input, labelled
 * "Terminal input"; the output as text in the "Terminal output" log; the line being edited in the
 * "Command line" status. Specs talk to this object, never to xterm's canvas or CSS classes.
 */
export class TerminalPage {
  readonly page: Page;
  readonly region: Locator;
  readonly input: Locator;
  readonly output: Locator;
  readonly commandLine: Locator;

  constructor(page: Page) {
    this.page = page;
    this.region = page.getByRole("region", { name: "Terminal", exact: true });
    this.input = page.getByLabel("Terminal input");
    this.output = page.getByRole("log", { name: "Terminal output" });
    this.commandLine = page.getByRole("status", { name: "Command line" });
  }

  /** Waits until xterm.js is loaded and the lab is up (a host prompt such as `controlplane:~$ `). */
  async ready() {
    await expect(this.input).toBeAttached();
    await expect(this.commandLine).toHaveText(/\S[$#] $/);
  }

  /** Types text key by key at the prompt (no Enter). */
  async type(text: string) {
    await this.input.focus();
    await this.page.keyboard.type(text);
  }

  /** Presses one key (or chord, e.g. "Control+A") in the terminal. */
  async press(key: string) {
    await this.input.press(key);
  }

  /** Types a line and presses Enter. */
  async run(line: string) {
    await this.type(line);
    await this.press("Enter");
  }

  /** Pastes text, as Ctrl+V with that text on the clipboard would. */
  async paste(text: string) {
    await this.input.focus();
    await this.input.evaluate((input, data) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData("text/plain", data);
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Expects the line being edited (after the prompt) to be exactly `text`. */
  async expectLine(text: string) {
    await expect(this.commandLine).toHaveText(new RegExp(`[$#>] ${escape(text)}$`));
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
