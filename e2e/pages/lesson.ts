import { expect, type Locator, type Page } from "@playwright/test";
import { TerminalPage } from "./terminal";
import { TrafficPage } from "./traffic";
import type { LabPage } from "./lab";

/** One thing a step's "show me" does (src/lessons/types.ts), as the page hook returns it. */
type Action = string | { wait: number } | { traffic: { source: { kind: string; name?: string }; target: string; rate: number; durationMs?: number } } | { select: unknown } | { rules: string };

const DURATIONS: [number, string][] = [
  [10_000, "10 s"],
  [20_000, "20 s"],
  [30_000, "30 s"],
  [60_000, "1 min"],
  [300_000, "5 min"],
];

/**
 * The lesson rail beside the canvas, as a learner meets it: the step's title, the prediction
 * form, the Hint / Show me / Next buttons, the verdict. `doAsLearner` does a step the way a
 * person would: commands typed (or a YAML heredoc pasted) in the terminal, traffic sent from the
 * Traffic panel, and time let run.
 */
export class LessonPage {
  readonly page: Page;
  readonly rail: Locator;
  readonly status: Locator;
  /** The open step's scrolling area (the header and the footer of actions stay put around it). */
  readonly stepArea: Locator;
  readonly terminal: TerminalPage;

  constructor(readonly lab: LabPage) {
    this.page = lab.page;
    this.rail = this.page.getByRole("complementary", { name: /^Lesson \d+:/ });
    this.status = this.rail.getByRole("status").first();
    this.stepArea = this.rail.getByRole("region");
    this.terminal = new TerminalPage(this.page);
  }

  /** What the step asks, shown once its prediction (if any) is answered. */
  instruction(): Locator {
    return this.stepArea.getByRole("group", { name: "What to do" });
  }

  /** The hints box: the check's word on a near miss, and the hint asked for. */
  hints(): Locator {
    return this.stepArea.getByRole("group", { name: "Hints" });
  }

  /** The first command to type, on its line with its copy button. */
  firstCommand(): Locator {
    return this.stepArea.getByRole("group", { name: "Commands to type" }).first().locator("pre").first();
  }

  /** The copy button of the first command. */
  firstCommandCopy(): Locator {
    return this.stepArea.getByRole("button", { name: "Copy command" }).first();
  }

  /** Fails unless `target` is seen whole without scrolling: inside the window and, when it is in the step, inside the step's visible area. */
  async expectInView(target: Locator, what: string) {
    const box = await target.boundingBox();
    expect(box, `${what} is drawn`).not.toBeNull();
    const viewport = this.page.viewportSize()!;
    const inStep = await target.evaluate((el) => !!el.closest("section"));
    const area = inStep ? (await this.stepArea.boundingBox())! : { x: 0, y: 0, width: viewport.width, height: viewport.height };
    const bottom = Math.min(area.y + area.height, viewport.height);
    expect(box!.y, `${what}: its top is in view`).toBeGreaterThanOrEqual(area.y - 1);
    expect(box!.y + box!.height, `${what}: its bottom is in view (not below the fold)`).toBeLessThanOrEqual(bottom + 1);
  }

  stepTitle(): Locator {
    return this.rail.locator("#lesson-step-title");
  }

  /** Answers the prediction if the step asks one (the first option: any answer will do). */
  async predictIfAsked() {
    const form = this.rail.getByRole("group", { name: /^Predict first/ });
    if (!(await form.isVisible())) return;
    await form.getByRole("radio").first().check();
    await this.rail.getByRole("button", { name: "Commit my answer" }).click();
    await expect(form).toHaveCount(0);
  }

  async showMe() {
    await this.rail.getByRole("button", { name: "Show me" }).click();
  }

  /** What the step's "show me" would do now (read from the page's automation hook). */
  async actions(): Promise<Action[]> {
    return this.page.evaluate(() => (window as unknown as { __podflowLesson: { actionsNow(): Action[] } }).__podflowLesson.actionsNow());
  }

  /** Does the open step by hand: types its commands, sends its traffic from the panel, lets time run. */
  async doAsLearner() {
    for (const a of await this.actions()) {
      if (typeof a === "string") {
        await expect(this.terminal.commandLine).toHaveText(/[$#] $/);
        if (a.includes("\n")) await this.terminal.paste(`${a}\n`);
        else await this.terminal.run(a);
        continue;
      }
      if ("wait" in a) await this.letTimePass(a.wait);
      else if ("traffic" in a) {
        const traffic = new TrafficPage(this.lab);
        if (!(await traffic.panel.isVisible())) await traffic.open();
        const ms = a.traffic.durationMs ?? 10_000;
        const duration = (DURATIONS.find(([d]) => d >= ms) ?? DURATIONS[DURATIONS.length - 1])[1];
        await traffic.start({ from: a.traffic.source.kind === "pod" ? a.traffic.source.name! : "outside", to: a.traffic.target.split(":")[0], rate: a.traffic.rate, duration });
      }
    }
  }

  /** Lets virtual time pass the way a learner would: the clock at its fastest, watched until it has moved on. */
  async letTimePass(ms: number) {
    const seconds = async () => {
      const [h, m, s] = ((await this.lab.virtualTime.textContent()) ?? "0:0:0").split(":").map(Number);
      return h * 3600 + m * 60 + s;
    };
    const start = await seconds();
    await this.lab.speed.selectOption({ index: (await this.lab.speed.locator("option").count()) - 1 });
    await expect.poll(seconds, { timeout: 60_000 }).toBeGreaterThanOrEqual(start + Math.ceil(ms / 1000) + 1);
  }

  async expectPassed(timeout = 90_000) {
    await expect(this.rail.getByRole("status").filter({ hasText: "✓ Done" })).toBeVisible({ timeout });
  }

  async next() {
    await this.rail.getByRole("button", { name: "Next step →" }).click();
  }
}
