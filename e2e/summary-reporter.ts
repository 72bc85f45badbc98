import type { FullResult, Reporter, TestCase, TestError } from "@playwright/test/reporter";

/**
 * Prints one machine-readable line when the run ends, for .ci/run:
 *   PODFLOW_E2E_SUMMARY passed=3 failed=0 skipped=0 flaky=0 errors=0 status=passed
 * A test that passed only on retry counts as flaky (and passed). Errors outside tests (a web
 * server that did not start, a syntax error in a spec) count as errors.
 */
export default class SummaryReporter implements Reporter {
  private tests: TestCase[] = [];
  private errors = 0;

  onTestEnd(test: TestCase) {
    if (!this.tests.includes(test)) this.tests.push(test);
  }

  onError(_error: TestError) {
    this.errors++;
  }

  onEnd(result: FullResult) {
    const count = (outcome: ReturnType<TestCase["outcome"]>) => this.tests.filter((t) => t.outcome() === outcome).length;
    const flaky = count("flaky");
    const line = [
      "PODFLOW_E2E_SUMMARY",
      `passed=${count("expected") + flaky}`,
      `failed=${count("unexpected")}`,
      `skipped=${count("skipped")}`,
      `flaky=${flaky}`,
      `errors=${this.errors}`,
      `status=${result.status}`,
    ].join(" ");
    console.log(line);
  }

  printsToStdio() {
    return false;
  }
}
