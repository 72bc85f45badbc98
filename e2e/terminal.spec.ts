import { expect, test } from "./fixtures";

test.describe("the terminal", () => {
  test("walks back through earlier commands with the arrow keys", async ({ lab }) => {
    await lab.run("kubectl get nodes");
    await lab.run("kubectl get pods");
    await lab.terminalInput.press("ArrowUp");
    await expect(lab.terminalInput).toHaveValue("kubectl get pods");
    await lab.terminalInput.press("ArrowUp");
    await expect(lab.terminalInput).toHaveValue("kubectl get nodes");
    await lab.terminalInput.press("ArrowDown");
    await lab.terminalInput.press("ArrowDown");
    await expect(lab.terminalInput).toHaveValue("");
  });

  test("sends a pasted heredoc to the cluster as one command", async ({ lab }) => {
    await lab.paste(
      [
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
      ].join("\n"),
    );
    await expect(lab.terminalOutput).toContainText("deployment.apps/web created");
    await expect(lab.pod(/^web-/)).toHaveCount(2);
  });

  test("shows a command's error output", async ({ lab }) => {
    await lab.run("kubectl get frobnicators");
    await expect(lab.terminalOutput).toContainText('error: the server doesn\'t have a resource type "frobnicators"');
  });
});
