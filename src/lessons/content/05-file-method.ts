/**
 * Lesson 5: the file method. A Service written as YAML and applied; the fields the API server
 * fills in; the article's multi-port kube-state-metrics Service with named ports and named
 * targetPorts; and three typical mistakes: one the API server refuses, two it accepts silently.
 */
import { endpointPorts, fail, pass, ran, ranOk, readyEndpoints, readyPods, service, wait } from "../checks";
import type { CheckContext, Lesson } from "../types";

/** `kubectl apply|create|replace -f …` (the YAML editor runs it after `cat <<EOF > file &&`). */
const FILE_APPLY = /\b(kubectl|k)\s+(apply|create|replace)\b[^\n]*\s(-f|--filename)(\s|=)/;
/** A heredoc (or redirect) that wrote a file in the shell. */
const WRITES_FILE = /^[^\n]*\bcat\b[^\n]*>\s*\S+/;
const EXPOSE = /^\s*(kubectl|k)\s+expose\b/;
/** A read that shows a Service's endpoints: describe, ep, endpoints, endpointslices. */
const READS_ENDPOINTS = /\b(describe|get)\b[^\n]*\b(svc|services?|ep|endpoints|endpointslices?)\b|\b(svc|services?|ep|endpoints|endpointslices?)\/\S/;

const KSM = "kube-state-metrics";
const KSM_LABELS = { "app.kubernetes.io/name": KSM };

/** Shows a heredoc in a lesson body as a block of lines to type. */
const asBlock = (command: string) =>
  command
    .split("\n")
    .map((l) => `$ ${l}`)
    .join("\n");

const SVC_FILE = `cat <<EOF > svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  selector:
    app: test
  ports:
  - port: 8080
    targetPort: 80
EOF`;

const KSM_FILE = `cat <<EOF > ksm-svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: kube-state-metrics
  namespace: kube-system
  labels:
    app.kubernetes.io/name: kube-state-metrics
spec:
  selector:
    app.kubernetes.io/name: kube-state-metrics
  ports:
  - name: http-metrics
    port: 8080
    targetPort: http-metrics
  - name: telemetry
    port: 8081
    targetPort: telemetry
EOF`;

const NO_NAMES = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: test-two
spec:
  selector:
    app: test
  ports:
  - port: 8080
    targetPort: 80
  - port: 9090
    targetPort: 80
EOF`;

const TYPO = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: typo
spec:
  selector:
    app: tset
  ports:
  - port: 8080
    targetPort: 80
EOF`;

const KSM_TYPO = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: ksm-typo
  namespace: kube-system
spec:
  selector:
    app.kubernetes.io/name: kube-state-metrics
  ports:
  - name: http-metrics
    port: 8080
    targetPort: metrics
  - name: telemetry
    port: 8081
    targetPort: telemetry
EOF`;

const API_FILE = `cat <<EOF > api.yaml
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - name: web
    port: 80
    targetPort: web
  - name: admin
    port: 9000
    targetPort: admin
EOF`;

/** Why a Service `name` is missing: the apply failed, the file was never applied, or nothing yet. */
function missingService(ctx: CheckContext, file?: string) {
  const failed = ran(ctx, FILE_APPLY, (c) => c.result.exitCode !== 0);
  if (failed && /name: Required value/.test(failed.result.stderr)) return fail("With two ports, each one needs a `name:` (see the error). Add them and apply again.");
  if (failed) return fail("kubectl refused the file: read its error. YAML is picky about indentation: `selector:` and `ports:` sit under `spec:`, two spaces in.");
  if (ranOk(ctx, WRITES_FILE)) return fail(`The file is written. Now hand it to the API server: \`kubectl apply -f ${file ?? "FILE"}\`.`);
  return fail();
}

/** The ksm pod's IP (kube-system), once it runs. */
const ksmIP = (ctx: CheckContext) => readyPods(ctx.snapshot, KSM_LABELS, "kube-system")[0]?.status.podIP;

export const fileMethod: Lesson = {
  id: "file-method",
  number: 5,
  title: "The file method",
  summary: "Write Services as YAML: the fields the API server fills in, several ports with names, and the mistakes that give an error and the ones that don't.",
  scenario: "lesson-file",
  steps: [
    {
      id: "write",
      title: "A Service in a file",
      body: `So far you made Services with \`kubectl expose\`. For real work you describe the Service in a YAML file and hand the file to the API server: the file can be reviewed, kept in git and applied again.

Write the article's my-service as a file. Paste the whole block into the terminal: the shell writes every line between \`<<EOF\` and the last \`EOF\` into svc.yaml. (Or run \`vi svc.yaml\` to open an editor and type those lines there.)

${asBlock(SVC_FILE)}

Then apply it:

$ kubectl apply -f svc.yaml`,
      check(ctx) {
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
      hints: [
        "Paste the whole heredoc, from `cat <<EOF > svc.yaml` to the last `EOF`: the shell writes the lines in between to the file.",
        "`cat svc.yaml` shows what the file holds. Then `kubectl apply -f svc.yaml`.",
      ],
      showMe: [SVC_FILE, "kubectl apply -f svc.yaml", { wait: 1000 }, "kubectl get svc my-service"],
      explain: `\`service/my-service created\`: the selector and ports \`kubectl expose deployment test --port=8080 --target-port=80 --name=my-service\` would set, now in a file. The article says you never define the \`app\` label yourself. \`kubectl create deployment test\` does add \`app: test\` for you, but in your own YAML files you choose the labels, and the selector must match them.

The article uses \`kubectl create -f\`. That works once; a second time it fails with **AlreadyExists**. \`kubectl apply -f\` creates the Service the first time and updates it after that, so you can edit the file and apply it again.`,
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "my-service" } }),
      notes: "Point out the four things the file says: a name, a selector, a port, a targetPort. Ask what is missing compared with `kubectl get svc` (the ClusterIP). The next step shows it.",
    },
    {
      id: "defaults",
      title: "What the API server filled in",
      predict: {
        question: "Your file set four things: a name, a selector, a port and a targetPort. What does the API server store?",
        options: ["Exactly your four fields", "Your fields, plus defaults it filled in: a ClusterIP, protocol TCP, type ClusterIP and more", "Your fields, plus the IPs of the pods behind the Service"],
        answer: 1,
        reveal: "The API server fills in every field you left out, and allocates the ClusterIP, before it stores the Service.",
      },
      body: `Ask the API server what it stored, and compare with your file:

$ kubectl get svc my-service -o yaml
$ cat svc.yaml`,
      check(ctx) {
        if (ranOk(ctx, /\bget\b/, (c) => /sessionAffinity/.test(c.result.stdout) && /my-service/.test(c.result.stdout))) return pass;
        if (ranOk(ctx, /\bget\s+(svc|services?)\b/)) return fail("Add `-o yaml`: the table shows a few columns, the YAML shows the whole object.");
        if (ranOk(ctx, /\bcat\b/)) return fail("That is your file, as you wrote it. Now ask the API server: `kubectl get svc my-service -o yaml`.");
        return fail();
      },
      hints: ["`kubectl get svc my-service -o yaml`"],
      showMe: ["kubectl get svc my-service -o yaml", "cat svc.yaml"],
      explain: `Everything you did not write was filled in: **type: ClusterIP** (the default type), **protocol: TCP** on the port, **sessionAffinity: None**, **internalTrafficPolicy: Cluster**, the IP family fields, and **clusterIP: {{clusterIP}}**, allocated by the API server from the Service range. \`kubectl apply\` (not \`create\`) also saved your file in the annotation \`kubectl.kubernetes.io/last-applied-configuration\`. The next apply compares against it, so it knows which fields you removed. \`status\` is written by the cluster, never by you.`,
      remember: (ctx) => ({ clusterIP: service(ctx.snapshot, "my-service")?.spec.clusterIP ?? "" }),
      notes: "Read the YAML top to bottom with the room: metadata (uid, resourceVersion, creationTimestamp) comes from the API server too. Defaults are why a short file is enough.",
    },
    {
      id: "multi-port",
      title: "Two ports, with names",
      body: `The article's second Service is kube-state-metrics, which exports cluster metrics for Prometheus. Its Deployment already runs in kube-system. Look at its container's ports: they have names.

$ kubectl -n kube-system describe deployment kube-state-metrics | grep Ports

Now write the article's Service for it. It has two ports. Each port has a **name**, and each **targetPort** is the name of a container port, not a number:

${asBlock(KSM_FILE)}
$ kubectl apply -f ksm-svc.yaml`,
      check(ctx) {
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
      hints: [
        "The Service goes in kube-system, next to its pods: `namespace: kube-system` under `metadata:`.",
        "Under `ports:`, two entries, each with `name`, `port` and `targetPort`.",
      ],
      showMe: ["kubectl -n kube-system describe deployment kube-state-metrics | grep Ports", KSM_FILE, "kubectl apply -f ksm-svc.yaml", { wait: 1000 }, "kubectl -n kube-system get svc kube-state-metrics"],
      explain: `\`PORT(S)\` shows \`8080/TCP,8081/TCP\`: one Service, one ClusterIP, two ports. A Service selects pods of **its own namespace only**, so it goes in kube-system, next to its pods. Here the Service's port names match the container's. That is a habit, not a rule: \`name\` names the Service's port, \`targetPort\` points at the container's.

The article calls this YAML "the deployment configuration with unnecessary fields removed". It is a Service, read back from a cluster: \`clusterIP\`, \`uid\`, \`resourceVersion\`, \`creationTimestamp\` and \`status\` came from the API server. Your file leaves them out.`,
      highlight: () => ({ select: { kind: "Service", namespace: "kube-system", name: KSM } }),
      notes: "This is the YAML at the end of the article, minus what the API server adds (compare with the previous step). Stress: targetPort: http-metrics is a name, looked up in the pod.",
    },
    {
      id: "endpoints",
      title: "Both ports in the endpoints",
      predict: {
        question: "The Service has two ports and there is one kube-state-metrics pod. What does its EndpointSlice list?",
        options: ["One address with two ports, 8080 and 8081", "Two endpoints, one per port", "One address, with the port names http-metrics and telemetry instead of numbers"],
        answer: 0,
        reveal: "One address, and the ports by name with the number each name resolved to in the pod.",
      },
      body: `Look at the endpoints, then ask \`describe\` to put the two sides together:

$ kubectl -n kube-system get endpointslices -l kubernetes.io/service-name=kube-state-metrics
$ kubectl -n kube-system describe svc kube-state-metrics`,
      check(ctx) {
        const ip = ksmIP(ctx);
        if (!ip) return wait("Waiting for the kube-state-metrics pod…");
        if (ranOk(ctx, READS_ENDPOINTS, (c) => c.result.stdout.includes(ip) && /8081/.test(c.result.stdout))) return pass;
        if (ran(ctx, READS_ENDPOINTS, (c) => /NotFound|No resources found in default/.test(c.result.stderr + c.result.stdout))) return fail("It lives in kube-system: add `-n kube-system`.");
        return fail();
      },
      hints: ["Both commands need `-n kube-system`.", "`kubectl -n kube-system describe svc kube-state-metrics`"],
      showMe: ["kubectl -n kube-system get endpointslices -l kubernetes.io/service-name=kube-state-metrics", "kubectl -n kube-system describe svc kube-state-metrics"],
      explain: `One pod, one address, two ports. The EndpointSlice controller looked up each targetPort name among the pod's container ports and wrote down the number it found: \`http-metrics\` → 8080, \`telemetry\` → 8081. \`describe\` shows each step: \`Port: http-metrics 8080/TCP\` is the Service's side, \`TargetPort: http-metrics/TCP\` the name it points at, \`Endpoints: …:8080\` what that name resolved to. Why bother with names? If a new image moves its metrics to 9090, you change the container port, and the Service follows with no edit.`,
      notes: "kubectl get ep works too (with a deprecation warning in v1.33): it prints ip:8080,ip:8081. EndpointSlices are what kube-proxy reads.",
    },
    {
      id: "no-names",
      title: "Mistake 1: two ports, no names",
      predict: {
        question: "You apply a Service with two ports and no name on either. What happens?",
        options: ["It is created; the ports are told apart by number", "The API server refuses it: every port needs a name", "It is created, but only the first port works"],
        answer: 1,
        reveal: "The API server validates the Service before storing it, and refuses it with one error per unnamed port.",
      },
      body: `Paste this. \`-f -\` makes kubectl read the YAML from the lines that follow, so no file is needed:

${asBlock(NO_NAMES)}`,
      check(ctx) {
        if (ran(ctx, /./, (c) => /ports\[\d\]\.name: Required value/.test(c.result.stderr))) return pass;
        if (service(ctx.snapshot, "test-two")) return fail("test-two was accepted: its ports have names, or there is only one. Delete it (`kubectl delete svc test-two`) and send two ports with no `name:` lines.");
        return fail();
      },
      hints: ["Paste the whole block, from `kubectl apply -f - <<EOF` to the last `EOF`.", "Two entries under `ports:`, each with only `port` and `targetPort`: no `name:` lines."],
      showMe: [NO_NAMES],
      explain: `\`spec.ports[0].name: Required value\`, and the same for \`[1]\`. With one port a name is optional; with two or more, every port needs one, and they must differ. The reason is the EndpointSlice: it lists ports **by name**, and that is how kube-proxy matches an endpoint's port to the Service's port. Two nameless ports could not be told apart. Nothing was created: the API server validates first and stores after.`,
      notes: "This is the only one of the three mistakes that gives an error. Ask: would you rather have an error or a Service that silently does nothing? Then do the next two.",
    },
    {
      id: "no-match",
      title: "Mistake 2: a selector that matches nothing",
      predict: {
        question: "This Service's selector has a typo: app: tset. What does kubectl apply say?",
        options: ["An error: no pods match the selector", "service/typo created, and the Service gets no endpoints", "service/typo created, and it sends traffic to every pod"],
        answer: 1,
        reveal: "A selector that matches nothing is valid: the pods may come later. The Service is created, with no endpoints.",
      },
      body: `Apply it, look at its endpoints, and curl it from the client pod:

${asBlock(TYPO)}
$ kubectl get endpointslices -l kubernetes.io/service-name=typo
$ kubectl exec client -- curl -sS -m 5 typo:8080`,
      check(ctx) {
        const svc = service(ctx.snapshot, "typo");
        if (!svc) return ranOk(ctx, FILE_APPLY) ? fail("Call the Service `typo` (metadata.name), so it is easy to find.") : fail();
        if (readyEndpoints(ctx.snapshot, "typo").length > 0) return fail("This typo Service found pods: its selector must match nothing. Use `app: tset`.");
        const looked = ranOk(ctx, READS_ENDPOINTS, (c) => /\btypo\b/.test(c.line));
        const curled = ctx.flows.some((f) => f.endTime !== undefined && f.service === "default/typo" && f.outcome !== "ok");
        if (looked || curled) return pass;
        return fail("It was created without a word. Now look at its endpoints: `kubectl get endpointslices -l kubernetes.io/service-name=typo`.");
      },
      hints: ["`kubectl describe svc typo` shows its Selector and its (empty) Endpoints."],
      showMe: [TYPO, "kubectl get endpointslices -l kubernetes.io/service-name=typo", "kubectl exec client -- curl -sS -m 5 typo:8080"],
      explain: `No error anywhere: the Service exists and has a ClusterIP, but its EndpointSlice is empty (\`<unset>\` ports and endpoints). kube-proxy has nowhere to send the traffic, so it installs a rule that rejects it: curl is **refused at once**. This is one of the most common Service bugs. When a Service does not answer, look at its endpoints first; then compare its Selector (\`kubectl describe svc typo\`) with the pods' labels (\`kubectl get pods --show-labels\`).`,
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "typo" } }),
      notes: "On the canvas the Service has no lines to any pod. Run `kubectl get pods --show-labels` to show the mismatch.",
    },
    {
      id: "bad-target",
      title: "Mistake 3: a targetPort name the pod doesn't have",
      predict: {
        question: "A copy of the kube-state-metrics Service has a typo: its first targetPort is metrics, but the container calls that port http-metrics. What happens?",
        options: ["kubectl apply refuses it: no container has a port called metrics", "It is created. Port 8081 gets the pod as an endpoint, port 8080 gets none", "It is created, and port 8080 falls back to the container's first port"],
        answer: 1,
        reveal: "The API server checks that the name is well formed, not that a pod has it. Each pod is looked up later, port by port.",
      },
      body: `Apply it next to the real one, in kube-system, and describe it:

${asBlock(KSM_TYPO)}
$ kubectl -n kube-system describe svc ksm-typo`,
      check(ctx) {
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
      hints: ["`kubectl -n kube-system describe svc ksm-typo`: read the Endpoints line under each port."],
      showMe: [KSM_TYPO, { wait: 1000 }, "kubectl -n kube-system describe svc ksm-typo"],
      explain: `The port \`telemetry\` resolved to 8081. The port \`http-metrics\` points at \`metrics\`, a name the pod does not have, so its Endpoints line is empty. The EndpointSlice controller looks each targetPort name up in each pod, and a pod without that name is left out of that port only. The Service is half broken: connections to port 8081 reach the pod, connections to 8080 are refused. Nothing reports this as an error, so after you write a Service, read its endpoints.`,
      highlight: () => ({ select: { kind: "Service", namespace: "kube-system", name: "ksm-typo" } }),
      notes: "The API server does check a targetPort name's shape (lowercase letters, digits and '-', at most 15 characters): `targetPort: HTTP` is refused. Just not whether any pod has it.",
    },
    {
      id: "check",
      title: "Your turn",
      fresh: "lesson-file-check",
      body: `A fresh cluster. Deployment \`api\` runs two pods whose container has two named ports: \`web\` (80) and \`admin\` (9000). Write a Service \`api\` in a file, with two named ports: port 80 goes to the container port **web** and port 9000 to **admin**, by name. Apply it, and make sure both ports have endpoints.`,
      check(ctx) {
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
      hints: [
        "Start from the kube-state-metrics file: a name, a selector (`app: api`), two ports with `name`, `port` and `targetPort`.",
        "Then `kubectl apply -f` your file, and `kubectl describe svc api` to read both Endpoints lines.",
      ],
      showMe: [API_FILE, "kubectl apply -f api.yaml", { wait: 1000 }, "kubectl describe svc api"],
      explain: `Both ports found both pods: \`web\` resolved to 80 and \`admin\` to 9000, in each pod. You wrote a Service from scratch, named its ports, pointed them at container ports by name, and checked the endpoints instead of trusting the lack of errors.`,
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "api" } }),
    },
  ],
};
