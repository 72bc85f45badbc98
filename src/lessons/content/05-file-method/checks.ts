/**
 * Lesson 5's checks written in code (05-file-method.lesson.md calls them by name): a Service read
 * field by field with a near miss for each way a hand-written file goes wrong, some naming what the
 * file said (a port name the container lacks), and "looked at it or called it" for the typo.
 */
import { registerCheck } from "../../file/vocabulary";
import { endpointPorts, fail, pass, ran, ranOk, readyEndpoints, service, wait } from "../../checks";
import type { CheckContext } from "../../types";

/** `kubectl apply|create|replace -f …` (the YAML editor runs it after `cat <<EOF > file &&`). */
const FILE_APPLY = /\b(kubectl|k)\s+(apply|create|replace)\b[^\n]*\s(-f|--filename)(\s|=)/;
/** A heredoc (or redirect) that wrote a file in the shell. */
const WRITES_FILE = /^[^\n]*\bcat\b[^\n]*>\s*\S+/;
const EXPOSE = /^\s*(kubectl|k)\s+expose\b/;
/** A read that shows a Service's endpoints: describe, ep, endpoints, endpointslices. */
const READS_ENDPOINTS = /\b(describe|get)\b[^\n]*\b(svc|services?|ep|endpoints|endpointslices?)\b|\b(svc|services?|ep|endpoints|endpointslices?)\/\S/;

const KSM = "kube-state-metrics";

/** Why a Service `name` is missing: the apply failed, the file was never applied, or nothing yet. */
function missingService(ctx: CheckContext, file?: string) {
  const failed = ran(ctx, FILE_APPLY, (c) => c.result.exitCode !== 0);
  if (failed && /name: Required value/.test(failed.result.stderr)) return fail("With two ports, each one needs a `name:` (see the error). Add them and apply again.");
  if (failed) return fail("kubectl refused the file: read its error. YAML is picky about indentation: `selector:` and `ports:` sit under `spec:`, two spaces in.");
  if (ranOk(ctx, WRITES_FILE)) return fail(`The file is written. Now hand it to the API server: \`kubectl apply -f ${file ?? "FILE"}\`.`);
  return fail();
}

registerCheck({
  name: "fileMethodWrite",
  params: [],
  passes: "my-service, applied from a file, listens on 8080 with targetPort 80, selects app=test and has endpoints (near misses: the file refused or never applied, the default targetPort, another selector, made with expose).",
  nearMisses: [],
  run(_args, ctx) {
    const svc = service(ctx.snapshot, "my-service");
    if (!svc) return missingService(ctx, "svc.yaml");
    const p = svc.spec.ports?.find((x) => x.port === 8080);
    if (!p) return fail("my-service should listen on port 8080: `- port: 8080` under `ports:`. Fix the file and apply it again.");
    if (String(p.targetPort) === "8080") return fail("targetPort is 8080: when you leave it out, it defaults to `port`. nginx listens on 80: add `targetPort: 80` and apply again.");
    if (String(p.targetPort) !== "80") return fail(`targetPort is ${p.targetPort}, but nginx listens on 80: \`targetPort: 80\`.`);
    const sel = svc.spec.selector ?? {};
    if (sel.app !== "test" || Object.keys(sel).length !== 1) return fail("The selector must be `app: test`, the label the test pods carry.");
    if (ranOk(ctx, EXPOSE) && !ranOk(ctx, FILE_APPLY)) return fail("That is the command-line way. This time use a file: `kubectl delete svc my-service`, then `kubectl apply -f svc.yaml`.");
    if (readyEndpoints(ctx.snapshot, "my-service").length === 0) return wait("Waiting for my-service's endpoints…");
    return pass;
  },
});

registerCheck({
  name: "fileMethodMultiPort",
  params: [],
  passes: "kube-state-metrics in kube-system has ports http-metrics (8080) and telemetry (8081) with named targetPorts, both resolved in its endpoints (near misses: the default namespace, unnamed or numbered ports).",
  nearMisses: [],
  run(_args, ctx) {
    const svc = service(ctx.snapshot, KSM, "kube-system");
    if (!svc) {
      if (service(ctx.snapshot, KSM)) return fail("You made it in the default namespace, where no kube-state-metrics pod runs. Put `namespace: kube-system` under `metadata:`, apply again, and delete the one in default.");
      return missingService(ctx, "ksm-svc.yaml");
    }
    const ports = svc.spec.ports ?? [];
    const byName = (n: string) => ports.find((p) => p.name === n);
    const http = byName("http-metrics");
    const tel = byName("telemetry");
    if (!http || !tel) return fail("Name the ports like the article: `name: http-metrics` (8080) and `name: telemetry` (8081).");
    if (http.port !== 8080 || tel.port !== 8081) return fail("http-metrics is port 8080 and telemetry is port 8081.");
    if (typeof http.targetPort === "number" || typeof tel.targetPort === "number") return fail("Numbers work, but this step is about names: `targetPort: http-metrics` and `targetPort: telemetry`.");
    if (http.targetPort !== "http-metrics" || tel.targetPort !== "telemetry") return fail("Each targetPort should be the container port's name: `http-metrics` and `telemetry`.");
    const eps = endpointPorts(ctx.snapshot, KSM, "kube-system");
    if (eps.get("http-metrics") !== 8080 || eps.get("telemetry") !== 8081) return wait("Waiting for the endpoints…");
    return pass;
  },
});

registerCheck({
  name: "fileMethodNoMatch",
  params: [],
  passes: "Service typo exists with no endpoints and the learner looked at its endpoints or called it (near misses: another name, a selector that found pods).",
  nearMisses: [],
  run(_args, ctx) {
    const svc = service(ctx.snapshot, "typo");
    if (!svc) return ranOk(ctx, FILE_APPLY) ? fail("Call the Service `typo` (metadata.name), so it is easy to find.") : fail();
    if (readyEndpoints(ctx.snapshot, "typo").length > 0) return fail("This typo Service found pods: its selector must match nothing. Use `app: tset`.");
    const looked = ranOk(ctx, READS_ENDPOINTS, (c) => /\btypo\b/.test(c.line));
    const curled = ctx.flows.some((f) => f.endTime !== undefined && f.service === "default/typo" && f.outcome !== "ok");
    if (looked || curled) return pass;
    return fail("It was created without a word. Now look at its endpoints: `kubectl get endpointslices -l kubernetes.io/service-name=typo`.");
  },
});

registerCheck({
  name: "fileMethodBadTarget",
  params: [],
  passes: "ksm-typo in kube-system resolved telemetry but not http-metrics, and the learner read what it resolved (near misses: the default namespace, both ports found, the namespace left out).",
  nearMisses: [],
  run(_args, ctx) {
    const svc = service(ctx.snapshot, "ksm-typo", "kube-system");
    if (!svc) {
      if (service(ctx.snapshot, "ksm-typo")) return fail("That one is in default, where there are no kube-state-metrics pods at all. Put it in kube-system: `namespace: kube-system`.");
      return ranOk(ctx, FILE_APPLY) ? fail("Call it `ksm-typo`, in kube-system.") : fail();
    }
    const eps = endpointPorts(ctx.snapshot, "ksm-typo", "kube-system");
    if (eps.has("http-metrics")) return fail("Both ports found the pod: make the first targetPort a name the container doesn't have, `targetPort: metrics`, and apply again.");
    if (!eps.has("telemetry")) return wait("Waiting for the endpoints…");
    if (ranOk(ctx, READS_ENDPOINTS, (c) => /\bksm-typo\b/.test(c.line) && c.result.stdout.length > 0)) return pass;
    if (ran(ctx, /\bksm-typo\b/, (c) => /NotFound/.test(c.result.stderr))) return fail("It lives in kube-system: add `-n kube-system`.");
    return fail("It was accepted. Now look at what it resolved: `kubectl -n kube-system describe svc ksm-typo`.");
  },
});

registerCheck({
  name: "fileMethodCheck",
  params: [],
  passes: "Service api has ports 80 and 9000 with targetPorts web and admin by name, both in its endpoints (near misses: one port, a port name the container lacks, numbers).",
  nearMisses: [],
  run(_args, ctx) {
    const svc = service(ctx.snapshot, "api");
    if (!svc) return missingService(ctx);
    const ports = svc.spec.ports ?? [];
    if (ports.length < 2) return fail("The Service needs two ports: 80 and 9000.");
    const wrong = ports.find((p) => typeof p.targetPort === "string" && p.targetPort !== "web" && p.targetPort !== "admin");
    if (wrong) return fail(`The container has no port named \`${wrong.targetPort}\`: its ports are \`web\` (80) and \`admin\` (9000).`);
    if (ports.some((p) => typeof p.targetPort === "number")) return fail("Point at the container's ports by name: `targetPort: web` and `targetPort: admin`.");
    const web = ports.find((p) => p.port === 80);
    const admin = ports.find((p) => p.port === 9000);
    if (!web || !admin) return fail("Use port 80 and port 9000 for the Service's own ports.");
    if (web.targetPort !== "web" || admin.targetPort !== "admin") return fail("Port 80 goes to `targetPort: web`, port 9000 to `targetPort: admin`.");
    const eps = [...endpointPorts(ctx.snapshot, "api").values()];
    if (!eps.includes(80) || !eps.includes(9000) || readyEndpoints(ctx.snapshot, "api").length === 0) return wait("Waiting for the endpoints…");
    return pass;
  },
});

