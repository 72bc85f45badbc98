import { expect, test } from "./fixtures";
import { TerminalPage } from "./pages/terminal";

const DEPLOYMENT = [
  "kubectl apply -f - <<EOF",
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  "  name: web",
  "spec:",
  "  replicas: 2",
  "  selector:",
  "    matchLabels:",
  "      app: web",
  "  template:",
  "    metadata:",
  "      labels:",
  "        app: web",
  "    spec:",
  "      containers:",
  "      - name: nginx",
  "        image: nginx",
  "EOF",
  "",
].join("\n");

test.describe("the terminal", () => {
  let term: TerminalPage;
  test.beforeEach(async ({ lab }) => {
    term = new TerminalPage(lab.page);
    await term.ready();
  });

  test("runs a typed command and prints its output, keeping the focus", async () => {
    await term.run("kubectl get nodes");
    await expect(term.output).toContainText(/controlplane:~\$ kubectl get nodes/);
    await expect(term.output).toContainText(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    await expect(term.output).toContainText(/node01\s+Ready/);
    await expect(term.input).toBeFocused();
    await term.expectLine("");
  });

  test("edits the line like readline: arrows, Home/End, Ctrl+A/E/U/W, Backspace", async () => {
    await term.type("get pods");
    await term.press("Home");
    await term.type("kubectl ");
    await term.expectLine("kubectl get pods");
    await term.press("End");
    await term.press("Backspace");
    await term.type("z");
    await term.expectLine("kubectl get podz");
    await term.press("ArrowLeft");
    await term.press("Backspace");
    await term.type("s");
    await term.expectLine("kubectl get posz");
    await term.press("End");
    await term.press("Control+W");
    await term.expectLine("kubectl get ");
    await term.press("Control+A");
    await term.type("# ");
    await term.expectLine("# kubectl get ");
    await term.press("Control+E");
    await term.type("svc");
    await term.expectLine("# kubectl get svc");
    await term.press("Control+U");
    await term.expectLine("");
  });

  test("walks back through earlier commands with the arrow keys", async () => {
    await term.run("kubectl get nodes");
    await term.run("kubectl get pods");
    await term.type("draft");
    await term.press("ArrowUp");
    await term.expectLine("kubectl get pods");
    await term.press("ArrowUp");
    await term.expectLine("kubectl get nodes");
    await term.press("ArrowDown");
    await term.press("ArrowDown");
    await term.expectLine("draft");
  });

  test("completes verbs, resource types and names with Tab", async () => {
    await term.run("kubectl create deployment frontend --image=nginx");
    await term.type("kubectl sca");
    await term.press("Tab");
    await term.expectLine("kubectl scale ");
    await term.type("dep");
    await term.press("Tab");
    await term.expectLine("kubectl scale deployment ");
    await term.type("fr");
    await term.press("Tab");
    await term.expectLine("kubectl scale deployment frontend ");
    await term.type("--replicas=2");
    await term.press("Enter");
    await expect(term.output).toContainText("deployment.apps/frontend scaled");
  });

  test("sends a pasted heredoc to the cluster as one command", async () => {
    await term.paste(DEPLOYMENT);
    await expect(term.output).toContainText("deployment.apps/web created");
    await term.run("kubectl get deploy web -o jsonpath={.spec.replicas}");
    await expect(term.output).toContainText(/jsonpath=\{\.spec\.replicas\}\s*2/);
  });

  test("takes a heredoc typed line by line, with the > prompt", async () => {
    await term.run("cat <<EOF > note.txt");
    await expect(term.commandLine).toHaveText(/^> $/);
    await term.run("hello from a heredoc");
    await term.run("EOF");
    await term.run("cat note.txt");
    await expect(term.output).toContainText(/cat note\.txt\s*hello from a heredoc/);
  });

  test("shows a command's error output", async () => {
    await term.run("kubectl get frobnicators");
    await expect(term.output).toContainText('error: the server doesn\'t have a resource type "frobnicators"');
    await term.run("frobnicate");
    await expect(term.output).toContainText("frobnicate: command not found");
  });

  test("Ctrl+C abandons the line and Ctrl+L clears the screen", async () => {
    await term.type("kubectl delete pod everything");
    await term.press("Control+C");
    await expect(term.output).toContainText("kubectl delete pod everything^C");
    await term.expectLine("");
    await term.press("Control+L");
    await expect(term.output).toHaveText("");
  });

  test("is themed, and follows presentation mode", async ({ page }) => {
    await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
    await expect(page.locator(".xterm-viewport")).toHaveCSS("background-color", "rgb(15, 20, 27)");
    const rows = page.locator(".xterm-rows");
    const small = await rows.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await page.evaluate(() => document.documentElement.classList.add("presentation"));
    await expect.poll(() => rows.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(small);
  });
});
