import { expect, test } from "./fixtures";
import { YamlEditorPage } from "./pages/editor";
import { TerminalPage } from "./pages/terminal";

const BAD_LABEL = `apiVersion: v1
kind: Pod
metadata:
  name: bad
  labels:
    app: -nope
spec:
  containers:
  - name: c
    image: nginx
`;

const BAD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: broken
   labels: x
`;

test.describe("the YAML editor", () => {
  let term: TerminalPage;
  test.beforeEach(async ({ lab }) => {
    term = new TerminalPage(lab.page);
    await term.ready();
  });

  test("vi FILE edits a lab file from a template, and Save and apply runs it in the terminal", async ({ page }) => {
    await term.run("vi service.yaml");
    const editor = new YamlEditorPage(page, "Edit service.yaml");
    await expect(editor.dialog).toBeVisible();
    await editor.template.selectOption({ label: "The article's Service (my-service → app=test)" });
    await editor.expectText("name: my-service");
    await editor.button("Save and apply").click();
    await expect(editor.dialog).toBeHidden();
    await expect(term.output).toContainText("cat <<'EOF' > service.yaml && kubectl apply -f service.yaml");
    await expect(term.output).toContainText("service/my-service created");
    await term.run("kubectl get svc my-service -o jsonpath={.spec.ports[0].targetPort}");
    await expect(term.output).toContainText(/targetPort\}\s*80/);
  });

  test("shows a YAML syntax error at its line, with kubectl's message, and loses nothing", async ({ page }) => {
    await page.getByRole("button", { name: /YAML/ }).first().click();
    const editor = new YamlEditorPage(page, "Create from YAML");
    await expect(editor.dialog).toBeVisible();
    await editor.setText(BAD_YAML);
    await editor.button("Create").click();
    // go-yaml (kubectl) and the yaml package agree: the mapping that cannot continue starts on line 4.
    await expect(editor.error).toContainText("YAML syntax error on line 4");
    await expect(editor.error).toContainText("error: error parsing podflow-edit.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context");
    await expect(editor.dialog).toBeVisible();
    await editor.expectText(BAD_YAML);
    await expect(term.output).toContainText("yaml: line 4: mapping values are not allowed in this context");
  });

  test("shows kubectl's error for an invalid label, keeps the text, and creates the pod once fixed", async ({ page }) => {
    await page.getByRole("button", { name: /YAML/ }).first().click();
    const editor = new YamlEditorPage(page, "Create from YAML");
    await editor.setText(BAD_LABEL);
    await editor.button("Create").click();
    await expect(editor.error).toContainText("see line 6");
    await expect(editor.error).toContainText('The Pod "bad" is invalid: metadata.labels: Invalid value: "-nope"');
    await editor.expectText(BAD_LABEL);
    await expect(term.output).toContainText('The Pod "bad" is invalid');

    // The invalid value is selected: typing replaces it.
    await page.keyboard.type("web");
    await editor.button("Create").click();
    await expect(editor.dialog).toBeHidden();
    await expect(term.output).toContainText("pod/bad created");
  });

  test("kubectl edit opens the live object and replaces it with the change", async ({ page }) => {
    await term.run("kubectl create deployment web --image=nginx");
    await term.run("kubectl edit deployment web");
    const editor = new YamlEditorPage(page, "Edit deployment/web");
    await editor.expectText("kind: Deployment");
    await editor.replaceAll("replicas: 1", "replicas: 3");
    await editor.button("Apply changes").click();
    await expect(editor.error).toBeHidden();
    await expect(editor.dialog).toBeHidden();
    await expect(term.output).toContainText("kubectl replace -f");
    await expect(term.output).toContainText("deployment.apps/web replaced");
    await term.run("kubectl get deploy web -o jsonpath={.spec.replicas}");
    await expect(term.output).toContainText(/replicas\}\s*3/);
  });

  test("kubectl edit of a missing object prints kubectl's error", async () => {
    await term.run("kubectl edit svc nothing-here");
    await expect(term.output).toContainText('Error from server (NotFound): services "nothing-here" not found');
  });

  test("keeps unsent text when closed, and gives it back next time", async ({ page }) => {
    await term.run("vi notes.yaml");
    const editor = new YamlEditorPage(page, "Edit notes.yaml");
    await editor.setText("kind: Draft\n");
    await editor.button("Cancel").click();
    await expect(editor.dialog).toBeHidden();
    await term.run("vi notes.yaml");
    await expect(editor.dialog.getByText("Your unsent text from last time is back.")).toBeVisible();
    await editor.expectText("kind: Draft");
    await page.keyboard.press("Escape");
    await expect(editor.dialog).toBeHidden();
  });
});
