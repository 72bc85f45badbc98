import { describe, expect, it } from "vitest";
import { LESSONS } from ".";
import { embedFromSearch, embedUrl, lessonFromHash, lessonUrl } from "./links";
import { parseProgress, PROGRESS_KEY } from "./progress";
import { describeAction, fill } from "./runtime";
import { lessonLab } from "./testing";

const podIps = LESSONS.find((l) => l.id === "pod-ips")!;

describe("the lesson runtime", () => {
  it("opens a lesson on its starting cluster at step 1, asking nothing yet", () => {
    const l = lessonLab(LESSONS);
    l.lab.getState().run("kubectl create deployment leftover --image=nginx");
    expect(l.runtime.open("pod-ips")).toBe(true);
    const s = l.runtime.store.getState();
    expect(s.lesson?.id).toBe("pod-ips");
    expect(s.stepIndex).toBe(0);
    expect(s.step.phase).toBe("act");
    expect(l.lab.getState().scenarioId).toBe("empty");
    expect(l.lab.getState().snapshot.deployments.filter((d) => d.metadata.namespace === "default")).toEqual([]);
  });

  it("names lessons by id or lesson-N, and refuses unknown ones", () => {
    const l = lessonLab(LESSONS);
    expect(l.runtime.find("lesson-2")?.id).toBe("pod-ips");
    expect(l.runtime.find("three-ranges")?.number).toBe(1);
    expect(l.runtime.open("lesson-99")).toBe(false);
    expect(l.runtime.store.getState().lesson).toBeNull();
  });

  it("shows the check's hint for a near miss at once, and counts commands that change nothing as wrong tries", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips");
    l.lab.getState().enterLine("kubectl create deployment test --image=nginx");
    let s = l.runtime.store.getState();
    expect(s.step.tries).toBe(0); // progress: the verdict moved on
    expect(s.step.nearMiss).toMatch(/pod to curl from/);
    l.lab.getState().enterLine("kubectl get pods");
    s = l.runtime.store.getState();
    expect(s.step.tries).toBe(1);
    expect(s.step.hintsShown).toBe(0);
    l.lab.getState().enterLine("kubectl get deploy");
    s = l.runtime.store.getState();
    expect(s.step.tries).toBe(2);
    expect(s.step.hintsShown).toBe(1); // the general hints start at the second wrong try
    l.runtime.hint();
    expect(l.runtime.store.getState().step.hintsShown).toBe(2);
  });

  it("waits (no wrong try) while pods start, then passes by itself as time runs", async () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips");
    l.lab.getState().pasteText("kubectl create deployment test --image=nginx\nkubectl run client --image=curlimages/curl -- sleep infinity\n");
    let s = l.runtime.store.getState();
    // The vocabulary's words while pods start ("0 of 1 pod ready…"; the TypeScript lesson said "The pods are starting…").
    expect(s.step.result).toEqual({ status: "wait", message: expect.stringMatching(/^0 of 1 pod ready/) });
    expect(s.step.tries).toBe(0);
    for (let i = 0; i < 30 && l.runtime.store.getState().step.phase !== "passed"; i++) {
      l.lab.getState().step(1000);
      await Promise.resolve(); // the runtime re-checks on the snapshot change, in a microtask
    }
    s = l.runtime.store.getState();
    expect(s.step.phase).toBe("passed");
    expect(s.progress.lessons["pod-ips"].passed).toEqual(["deploy"]);
  });

  it("asks the prediction before the instruction, keeps the answer, and show me skips an unanswered one", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips", 3);
    let s = l.runtime.store.getState();
    expect(s.stepIndex).toBe(3);
    expect(s.step.phase).toBe("predict");
    l.runtime.predict(0);
    s = l.runtime.store.getState();
    expect(s.step).toMatchObject({ phase: "act", prediction: 0 });
    l.runtime.showMe();
    for (let i = 0; i < 30 && l.runtime.store.getState().step.phase !== "passed"; i++) l.lab.getState().step(1000);
    s = l.runtime.store.getState();
    expect(s.step.phase).toBe("passed");
    expect(s.step.prediction).toBe(0);
    expect(s.memory.newIP).not.toBe(s.memory.oldIP);
    l.runtime.next();
    l.runtime.showMe();
    expect(l.runtime.store.getState().step.prediction).toBe(-1);
  });

  it("jumps to a step by playing the steps before it with show me (what a deep link does)", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips", 2);
    const s = l.runtime.store.getState();
    expect(s.stepIndex).toBe(2);
    expect(s.memory.oldIP).toMatch(/^192\.168\./);
    const terminal = l.lab.getState().terminal.entries.map((e) => ("text" in e ? e.text : "")).join("\n");
    expect(terminal).toContain("kubectl get pods -o wide"); // show me's commands are echoed
  });

  it("back rebuilds the cluster at the step before; reset goes back to the starting cluster", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips", 3);
    expect(l.runtime.back()).toBe(true);
    expect(l.runtime.store.getState().stepIndex).toBe(2);
    l.runtime.reset();
    expect(l.runtime.store.getState().stepIndex).toBe(0);
    expect(l.lab.getState().snapshot.deployments.filter((d) => d.metadata.namespace === "default")).toEqual([]);
  });

  it("next only moves on from a passed step", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips");
    expect(l.runtime.next()).toBe(false);
    l.runtime.showMe();
    expect(l.runtime.next()).toBe(true);
    expect(l.runtime.store.getState().stepIndex).toBe(1);
  });

  it("opens the closing check on a fresh cluster", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips", podIps.steps.length - 1);
    expect(l.lab.getState().scenarioId).toBe("lesson-podip-check");
    expect(l.runtime.store.getState().memory.webIPs.split(",")).toHaveLength(2);
  });

  it("saves progress and the open step, and forgets on request", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips");
    l.runtime.showMe();
    l.runtime.next();
    const saved = parseProgress(l.storage.getItem(PROGRESS_KEY));
    expect(saved.lessons["pod-ips"]).toEqual({ passed: ["deploy"], completed: false });
    expect(saved.current).toEqual({ lesson: "pod-ips", step: 1 });
    l.runtime.close();
    expect(parseProgress(l.storage.getItem(PROGRESS_KEY)).current).toBeUndefined();
    l.runtime.forget();
    expect(parseProgress(l.storage.getItem(PROGRESS_KEY)).lessons).toEqual({});
  });

  it("does not record the open step for an embed (the site's own lab is another cluster)", () => {
    const l = lessonLab(LESSONS, { trackCurrent: false });
    l.runtime.open("pod-ips");
    l.runtime.showMe();
    const saved = parseProgress(l.storage.getItem(PROGRESS_KEY));
    expect(saved.current).toBeUndefined();
    expect(saved.lessons["pod-ips"].passed).toEqual(["deploy"]);
  });

  it("resumes a lesson over the lab as it is (after a reload)", () => {
    const l = lessonLab(LESSONS);
    l.lab.getState().run("kubectl create deployment test --image=nginx");
    expect(l.runtime.resume("pod-ips", 1)).toBe(true);
    expect(l.runtime.store.getState().stepIndex).toBe(1);
    expect(l.lab.getState().snapshot.deployments.filter((d) => d.metadata.name === "test")).toHaveLength(1); // nothing was rebuilt
    expect(l.runtime.resume("pod-ips", 42)).toBe(false);
  });
});

describe("lesson text and actions", () => {
  it("brings what a passed step points at into view: the Service and the pods behind it", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("service-vip", 1); // "The Service's own IP", after my-service was exposed
    l.runtime.skipPrediction();
    l.lab.getState().enterLine("kubectl get svc my-service");
    expect(l.runtime.store.getState().step.phase).toBe("passed");
    const pods = l.lab.getState().snapshot.pods.filter((p) => p.metadata.labels?.app === "test").map((p) => `pod:default/${p.metadata.name}`);
    expect(pods).toHaveLength(2);
    expect(l.focused.at(-1)).toEqual(["svc:default/my-service", ...pods]);
  });

  it("says what a step is about: its own focus, else what it points at", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("service-vip", 0); // expose: the Service does not exist yet, the deployment's pods do
    const ids = l.runtime.focusIds();
    expect(ids).toContain("deploy:default/test");
    expect(ids.filter((id) => id.startsWith("pod:default/test-"))).toHaveLength(2);
    l.runtime.open("service-vip", 2); // describe: no focus of its own, highlight's my-service
    expect(l.runtime.focusIds()[0]).toBe("svc:default/my-service");
  });

  it("fills {{names}} from memory and leaves unknown ones visible", () => {
    expect(fill("curl {{ip}} and {{nope}}", { ip: "10.0.0.1" })).toBe("curl 10.0.0.1 and {{nope}}");
  });
  it("show me types in the terminal where the step works: exit out of a pod's shell, ssh to the step's node", () => {
    const lesson = LESSONS.find((x) => x.id === "rules")!;
    const l = lessonLab(LESSONS);
    l.runtime.open("rules", 1); // "filter": iptables -L on the client's node
    const node = l.runtime.store.getState().memory.clientNode;
    expect(node).toMatch(/^node0\d$/);
    // The learner left the terminal in a pod's shell and half a heredoc open.
    l.lab.getState().enterLine("kubectl exec -it client -- sh");
    expect(l.lab.getState().cluster!.prompt()).not.toBe("controlplane:~$ ");
    l.lab.getState().enterLine("cat <<EOF");
    expect(l.runtime.actionsNow()).toEqual(["exit", `ssh ${node}`, "iptables -L"]);
    l.runtime.showMe();
    const s = l.runtime.store.getState();
    expect(s.step.shown).toEqual(["exit", `ssh ${node}`, "iptables -L"]);
    expect(s.step.phase).toBe("passed");
    expect(l.lab.getState().cluster!.prompt()).toBe(`${node}:~$ `);
    const typed = l.lab.getState().terminal.entries.filter((e) => e.kind === "command").map((e) => e.prompt + e.text);
    expect(typed.slice(-4)).toEqual(["> ^C", expect.stringMatching(/ # exit$/), `controlplane:~$ ssh ${node}`, `${node}:~$ iptables -L`]);
    // The next steps type where the learner already is; the live request goes back to the control plane.
    l.runtime.next();
    expect(l.runtime.actionsNow()).toEqual(["iptables -t nat -L KUBE-SERVICES -n"]);
    const live = lesson.steps.findIndex((x) => x.id === "live");
    l.runtime.goTo(live);
    expect(l.lab.getState().cluster!.prompt()).toBe(`${node}:~$ `); // the jump played sep-chain's show me there
    expect(l.runtime.actionsNow()[0]).toBe("exit");
  });

  it("show me says so when the lab cannot run its commands (a saved lab still restoring)", () => {
    const l = lessonLab(LESSONS);
    l.runtime.open("pod-ips");
    l.lab.setState({ restoring: { done: 1, total: 4 } });
    l.runtime.showMe();
    const s = l.runtime.store.getState();
    expect(s.step.showError).toBe("The lab is not running.");
    expect(s.step.phase).toBe("act");
  });

  it("describes actions the way show me lists them", () => {
    expect(describeAction("kubectl get pods")).toBe("kubectl get pods");
    expect(describeAction({ wait: 15_000 })).toBe("(let 15 s pass)");
    expect(describeAction({ traffic: { source: { kind: "pod", name: "client" }, target: "web", rate: 20, durationMs: 10_000 } })).toBe("(traffic: client → web, 20 req/s for 10 s)");
  });
});

describe("lesson links", () => {
  it("reads #lesson=ID&step=N (1-based) and ?embed=", () => {
    expect(lessonFromHash("#lesson=pod-ips&step=3")).toEqual({ lesson: "pod-ips", step: 2 });
    expect(lessonFromHash("#lesson=lesson-3")).toEqual({ lesson: "lesson-3", step: 0 });
    expect(lessonFromHash("#scenario=article")).toBeUndefined();
    expect(lessonFromHash("#lesson=<script>")).toBeUndefined();
    expect(lessonFromHash("#lesson=pod-ips&step=0")).toEqual({ lesson: "pod-ips", step: 0 });
    expect(embedFromSearch("?embed=lesson-3")).toEqual({ lesson: "lesson-3", step: 0 });
    expect(embedFromSearch("?x=1")).toBeUndefined();
  });
  it("builds links that keep the site's path", () => {
    expect(lessonUrl("https://example.org/podflow/?embed=lesson-1#s=abc", "pod-ips", 2)).toBe("https://example.org/podflow/#lesson=pod-ips&step=3");
    expect(embedUrl("https://example.org/podflow/#x", "lesson-3")).toBe("https://example.org/podflow/?embed=lesson-3");
  });
});

describe("saved progress", () => {
  it("drops what does not validate, field by field", () => {
    expect(parseProgress("{not json")).toEqual({ lessons: {} });
    expect(parseProgress(JSON.stringify({ lessons: { "pod-ips": { passed: ["deploy", 3, "<x>"], completed: "yes" }, "BAD ID": { passed: [] } }, current: { lesson: "pod-ips", step: -1 } }))).toEqual({
      lessons: { "pod-ips": { passed: ["deploy"], completed: false } },
    });
    expect(parseProgress(JSON.stringify({ lessons: {}, current: { lesson: "pod-ips", step: 2 } })).current).toEqual({ lesson: "pod-ips", step: 2 });
  });
});
