/**
 * Lesson 2's closing check, written in code: its hint names the address that was freed, which is
 * known only when the check runs (the pods' IPs remembered when the step opened, minus the ready
 * ones now). The lesson file calls it by name: `oldAddressSilent(app=web, {{webIPs}})`.
 */
import type { FlowEvent } from "../../../engine/api";
import { closedFlows, fail, fromPod, livePods, pass, readyPods, wait } from "../../checks";
import { parseSelector } from "../../file/args";
import { registerCheck } from "../../file/vocabulary";

const tcp = (f: FlowEvent) => f.protocol === "tcp";

registerCheck({
  name: "oldAddressSilent",
  params: [
    { name: "selector", type: "selector", required: true, doc: "the pods' labels (two of them run)" },
    { name: "before", type: "text", required: true, doc: "their IPs when the step opened (a list)" },
    { name: "from", type: "text", doc: "the pod that calls (default client)" },
  ],
  passes: "A pod was replaced (one of `before` is no longer a ready pod's, and two are ready again) and `from` called a freed address without an answer.",
  nearMisses: ["A pod is being replaced: the step waits.", 'Replaced but not called: "A web pod was replaced: 192.168.1.5 is free now. Curl it from the client pod (with `-m 5`)."'],
  run(args, ctx) {
    const labels = parseSelector(args.text("selector", ctx.memory) ?? "") ?? {};
    const app = labels.app ?? Object.values(labels)[0] ?? "";
    const from = args.text("from", ctx.memory) ?? "client";
    const before = new Set((args.text("before", ctx.memory) ?? "").split(",").map((s) => s.trim()).filter(Boolean));
    const now = readyPods(ctx.snapshot, labels);
    const nowIPs = new Set(now.map((p) => p.status.podIP));
    const gone = [...before].filter((ip) => !nowIPs.has(ip));
    if (gone.length === 0) {
      const deleting = livePods(ctx.snapshot, labels).length < 2 || ctx.snapshot.pods.some((p) => Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v) && p.metadata.deletionTimestamp);
      return deleting ? wait(`A ${app} pod is being replaced…`) : fail();
    }
    if (now.length < 2) return wait("The replacement is starting…");
    const proved = closedFlows(ctx, (f) => tcp(f) && fromPod(from)(f) && gone.includes(f.dst.ip) && f.outcome !== "ok").length > 0;
    return proved ? pass : fail(`A ${app} pod was replaced: ${gone.join(", ")} is free now. Curl it from the ${from} pod (with \`-m 5\`).`);
  },
});

export const POD_IPS_CHECKS = ["oldAddressSilent"] as const;
