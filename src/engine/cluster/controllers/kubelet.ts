import type { Res } from "../../util/result";
import type { ExecRequest } from "../client";
import { clone } from "../../util/clone";
import { rfc3339 } from "../clock";
import { recordEvent } from "../events";
import { imageInfo, qualifiedImage } from "../images";
import type { ApiServer } from "../apiserver";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { Container, ContainerStatus, Pod, PodCondition } from "../types";

/** Where pods get their IPs: Calico's IPAM (pod network) keyed by node. */
export interface PodIpam {
  allocate(node: string, owner: string): { ok: true; value: string } | { ok: false; error: string };
  release(ip: string): void;
}

/**
 * The pod lifecycle as a table of stages (kwok's idea): each row says how long after entering it
 * the pod moves on. Times are virtual milliseconds. The kubelet re-derives the stage from the
 * pod's status on every sync, so a sync is always safe to run again.
 */
export const POD_STAGES = {
  /** Bound → kubelet notices and starts the sandbox (ContainerCreating). */
  notice: 20,
  /** Sandbox + CNI ADD: the pod gets its IP. */
  sandbox: 350,
  /** Pull speed for images not yet on the node, bytes per virtual ms (≈ 40 MB/s). */
  pullBytesPerMs: 40_000,
  /** Create + start after the image is there. */
  start: 150,
  /** Restart back-off base for containers that exit (doubles, capped at 5 minutes). */
  backoffBase: 10_000,
} as const;

type Stage = "new" | "creating" | "pulling" | "running" | "exited" | "killing";

/**
 * The kubelet of every node (one object serves all nodes; events carry the node as host).
 * Pending → ContainerCreating → Running → Ready, and on deletion: Killing, then the pod is
 * removed once its containers have stopped (or the grace period ran out).
 */
export class Kubelet implements Controller {
  readonly name = "kubelet";
  private queue!: WorkQueue;
  private readonly stage = new Map<string, Stage>();
  private readonly imagesOnNode = new Map<string, Set<string>>();

  constructor(
    private readonly api: ApiServer,
    private readonly ipam: PodIpam,
  ) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, POD_STAGES.notice, (key) => this.sync(rt, key));
    rt.store.watch("Pod", (e) => {
      const p = e.object;
      if (e.type === "DELETED") {
        this.stage.delete(p.metadata.uid);
        if (p.status.podIP && !p.spec.hostNetwork) this.ipam.release(p.status.podIP);
        return;
      }
      if (p.spec.nodeName) this.queue.add(`${p.metadata.namespace}/${p.metadata.name}`);
    });
  }

  /**
   * The exec subresource (`pods/NAME/exec`): the API server hands the stream to the kubelet,
   * which runs the command in the container through the container runtime (the CRI's Exec; here
   * the pod tools the shell half installs). Models pkg/kubelet/server/server.go `getExec`.
   */
  exec(req: ExecRequest, runtime: ((req: ExecRequest) => Res) | undefined): Res {
    if (!runtime) return { stdout: "", stderr: `error: unable to upgrade connection: container runtime not loaded\n`, exitCode: 1 };
    return runtime(req);
  }

  /** Marks images as already pulled on a node (the kubeadm boot pre-pulls system images). */
  prePulled(node: string, image: string): void {
    this.images(node).add(qualifiedImage(image));
  }

  private images(node: string): Set<string> {
    let s = this.imagesOnNode.get(node);
    if (!s) this.imagesOnNode.set(node, (s = new Set()));
    return s;
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const pod = rt.store.get("Pod", ns, name);
    if (!pod || !pod.spec.nodeName) return;
    const uid = pod.metadata.uid;
    const node = pod.spec.nodeName;
    const stage = this.stage.get(uid) ?? "new";

    if (pod.metadata.deletionTimestamp) {
      if (stage === "killing") return;
      this.stage.set(uid, "killing");
      this.kill(rt, pod);
      return;
    }

    switch (stage) {
      case "new": {
        this.stage.set(uid, "creating");
        const p = clone(pod);
        const now = rfc3339(rt.clock.now);
        const nodeObj = rt.store.get("Node", undefined, node);
        const hostIP = nodeObj?.status.addresses.find((a) => a.type === "InternalIP")?.address;
        p.status.hostIP = hostIP;
        p.status.hostIPs = hostIP ? [{ ip: hostIP }] : undefined;
        p.status.startTime = now;
        p.status.conditions = podConditions(now, { sandbox: false, ready: false, scheduledAt: pod.status.conditions?.find((c) => c.type === "PodScheduled")?.lastTransitionTime ?? now });
        p.status.containerStatuses = p.spec.containers.map((c) => waiting(c, "ContainerCreating"));
        this.api.write(p);
        rt.clock.schedule(POD_STAGES.sandbox, () => this.sandboxReady(rt, key, uid));
        return;
      }
      default:
        return;
    }
  }

  private current(rt: Runtime, key: string, uid: string): Pod | undefined {
    const [ns, name] = key.split("/");
    const pod = rt.store.get("Pod", ns, name);
    if (!pod || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp) return undefined;
    return pod;
  }

  private sandboxReady(rt: Runtime, key: string, uid: string): void {
    const pod = this.current(rt, key, uid);
    if (!pod) return;
    const node = pod.spec.nodeName!;
    const p = clone(pod);
    let ip: string | undefined;
    if (pod.spec.hostNetwork) {
      ip = pod.status.hostIP;
    } else {
      const r = this.ipam.allocate(node, `${pod.metadata.namespace}/${pod.metadata.name}`);
      if (!r.ok) {
        recordEvent(rt, pod, "Warning", "FailedCreatePodSandBox", `Failed to create pod sandbox: ${r.error}`, "kubelet", node);
        rt.clock.schedule(10_000, () => this.sandboxReady(rt, key, uid));
        return;
      }
      ip = r.value;
    }
    p.status.podIP = ip;
    p.status.podIPs = ip ? [{ ip }] : undefined;
    setCondition(p, "PodReadyToStartContainers", true, rt.clock.now);
    this.api.write(p);
    this.stage.set(uid, "pulling");
    // Containers pull one after another, like the kubelet's serial image puller.
    let delay = 0;
    for (const c of pod.spec.containers) {
      const image = qualifiedImage(c.image);
      const present = this.images(node).has(image);
      const pull = !present || c.imagePullPolicy === "Always";
      const fieldPath = `spec.containers{${c.name}}`;
      if (!pull) {
        rt.clock.schedule(delay, () => {
          if (this.current(rt, key, uid)) recordEvent(rt, pod, "Normal", "Pulled", `Container image "${c.image}" already present on machine`, "kubelet", node, fieldPath);
        });
        continue;
      }
      const ms = present ? 400 + rt.prng.int(500) : Math.round(imageInfo(c.image).size / POD_STAGES.pullBytesPerMs) + rt.prng.int(700);
      const startPull = delay;
      rt.clock.schedule(startPull, () => {
        if (this.current(rt, key, uid)) recordEvent(rt, pod, "Normal", "Pulling", `Pulling image "${c.image}"`, "kubelet", node, fieldPath);
      });
      delay += ms;
      rt.clock.schedule(delay, () => {
        this.images(node).add(image);
        if (!this.current(rt, key, uid)) return;
        const d = goDurationMs(ms);
        recordEvent(rt, pod, "Normal", "Pulled", `Successfully pulled image "${c.image}" in ${d} (${d} including waiting). Image size: ${imageInfo(c.image).size} bytes.`, "kubelet", node, fieldPath);
      });
    }
    rt.clock.schedule(delay + POD_STAGES.start, () => this.start(rt, key, uid));
  }

  private start(rt: Runtime, key: string, uid: string): void {
    const pod = this.current(rt, key, uid);
    if (!pod) return;
    const node = pod.spec.nodeName!;
    const now = rfc3339(rt.clock.now);
    const p = clone(pod);
    p.status.phase = "Running";
    p.status.containerStatuses = p.spec.containers.map((c) => {
      const prev = pod.status.containerStatuses?.find((s) => s.name === c.name);
      const cs = running(c, now, prev?.restartCount ?? 0);
      cs.containerID = `containerd://${hex64(rt)}`;
      return cs;
    });
    this.api.write(p);
    for (const c of pod.spec.containers) {
      const fieldPath = `spec.containers{${c.name}}`;
      recordEvent(rt, p, "Normal", "Created", `Created container: ${c.name}`, "kubelet", node, fieldPath);
      recordEvent(rt, p, "Normal", "Started", `Started container ${c.name}`, "kubelet", node, fieldPath);
    }
    this.stage.set(uid, "running");
    const runs = pod.spec.containers.map((c) => runSeconds(c));
    const first = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    if (Number.isFinite(first.seconds)) {
      rt.clock.schedule(first.seconds * 1000, () => this.exited(rt, key, uid, first.exitCode));
    } else {
      rt.clock.schedule(rt.options.readinessDelayMs, () => this.ready(rt, key, uid));
    }
  }

  private ready(rt: Runtime, key: string, uid: string): void {
    const pod = this.current(rt, key, uid);
    if (!pod || this.stage.get(uid) !== "running") return;
    const p = clone(pod);
    for (const cs of p.status.containerStatuses ?? []) cs.ready = true;
    setCondition(p, "ContainersReady", true, rt.clock.now);
    setCondition(p, "Ready", true, rt.clock.now);
    this.api.write(p);
  }

  /** A container whose process ended: Completed, then restarted with back-off (restartPolicy Always). */
  private exited(rt: Runtime, key: string, uid: string, exitCode: number): void {
    const pod = this.current(rt, key, uid);
    if (!pod) return;
    const now = rfc3339(rt.clock.now);
    const p = clone(pod);
    const restart = pod.spec.restartPolicy !== "Never";
    for (const cs of p.status.containerStatuses ?? []) {
      cs.ready = false;
      cs.started = false;
      cs.state = { terminated: { exitCode, reason: exitCode === 0 ? "Completed" : "Error", startedAt: cs.state.running?.startedAt, finishedAt: now } };
    }
    setCondition(p, "ContainersReady", false, rt.clock.now);
    setCondition(p, "Ready", false, rt.clock.now);
    if (!restart || (pod.spec.restartPolicy === "OnFailure" && exitCode === 0)) {
      p.status.phase = exitCode === 0 ? "Succeeded" : "Failed";
      this.api.write(p);
      this.stage.set(uid, "exited");
      return;
    }
    this.api.write(p);
    this.stage.set(uid, "exited");
    const restarts = pod.status.containerStatuses?.[0]?.restartCount ?? 0;
    const backoff = Math.min(POD_STAGES.backoffBase * 2 ** restarts, 300_000);
    // After the first exit the kubelet shows CrashLoopBackOff while it waits.
    rt.clock.schedule(200, () => {
      const cur = this.current(rt, key, uid);
      if (!cur || this.stage.get(uid) !== "exited") return;
      const q = clone(cur);
      for (const cs of q.status.containerStatuses ?? []) {
        cs.lastState = { terminated: cs.state.terminated };
        cs.state = { waiting: { reason: "CrashLoopBackOff", message: `back-off ${goDurationMs(backoff)} restarting failed container=${cs.name} pod=${cur.metadata.name}_${cur.metadata.namespace}(${uid})` } };
        cs.restartCount += 1;
      }
      this.api.write(q);
      recordEvent(rt, q, "Warning", "BackOff", `Back-off restarting failed container ${q.spec.containers[0].name} in pod ${q.metadata.name}_${q.metadata.namespace}(${uid})`, "kubelet", q.spec.nodeName, `spec.containers{${q.spec.containers[0].name}}`);
      rt.clock.schedule(backoff, () => {
        if (!this.current(rt, key, uid)) return;
        this.stage.set(uid, "pulling");
        this.start(rt, key, uid);
      });
    });
  }

  private kill(rt: Runtime, pod: Pod): void {
    const node = pod.spec.nodeName!;
    const grace = pod.metadata.deletionGracePeriodSeconds ?? 30;
    const runningContainers = (pod.status.containerStatuses ?? []).filter((cs) => cs.state.running);
    for (const cs of runningContainers) {
      recordEvent(rt, pod, "Normal", "Killing", `Stopping container ${cs.name}`, "kubelet", node, `spec.containers{${cs.name}}`);
    }
    const stopSeconds = runningContainers.length === 0 ? 0 : Math.max(...pod.spec.containers.map((c) => stopTime(c)));
    const ms = Math.min(stopSeconds, grace) * 1000 + 150;
    const { namespace, name, uid } = pod.metadata;
    rt.clock.schedule(ms, () => {
      const cur = rt.store.get("Pod", namespace, name);
      if (!cur || cur.metadata.uid !== uid) return;
      // Containers have stopped: report it (READY 0/1, endpoint no longer serving), then remove.
      if (runningContainers.length > 0) {
        const p = clone(cur);
        const now = rfc3339(rt.clock.now);
        for (const cs of p.status.containerStatuses ?? []) {
          if (!cs.state.running) continue;
          const killedByGrace = stopSeconds > grace;
          cs.state = { terminated: { exitCode: killedByGrace ? 137 : 0, reason: killedByGrace ? "Error" : "Completed", startedAt: cs.state.running.startedAt, finishedAt: now } };
          cs.ready = false;
          cs.started = false;
        }
        setCondition(p, "ContainersReady", false, rt.clock.now);
        setCondition(p, "Ready", false, rt.clock.now);
        this.api.write(p);
      }
      rt.clock.schedule(runningContainers.length > 0 ? 60 : 0, () => {
        const again = rt.store.get("Pod", namespace, name);
        if (again && again.metadata.uid === uid) this.api.delete("Pod", namespace, name, { gracePeriodSeconds: 0 });
      });
    });
  }
}

function podConditions(now: string, s: { sandbox: boolean; ready: boolean; scheduledAt: string }): PodCondition[] {
  const st = (b: boolean) => (b ? "True" : "False") as "True" | "False";
  const notReady = s.ready ? {} : { reason: "ContainersNotReady", message: "" };
  return [
    { type: "PodReadyToStartContainers", status: st(s.sandbox), lastProbeTime: null, lastTransitionTime: now },
    { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: now },
    { type: "Ready", status: st(s.ready), lastProbeTime: null, lastTransitionTime: now, ...notReady },
    { type: "ContainersReady", status: st(s.ready), lastProbeTime: null, lastTransitionTime: now, ...notReady },
    { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: s.scheduledAt },
  ];
}

function setCondition(p: Pod, type: PodCondition["type"], value: boolean, nowMs: number): void {
  const c = p.status.conditions?.find((x) => x.type === type);
  if (!c) return;
  const status = value ? "True" : "False";
  if (c.status !== status) c.lastTransitionTime = rfc3339(nowMs);
  c.status = status;
  if (value) {
    delete c.reason;
    delete c.message;
  } else if (type === "Ready" || type === "ContainersReady") {
    c.reason = "ContainersNotReady";
    c.message = `containers with unready status: [${p.spec.containers.map((x) => x.name).join(" ")}]`;
  }
}

function waiting(c: Container, reason: string): ContainerStatus {
  return { name: c.name, image: c.image, imageID: "", ready: false, started: false, restartCount: 0, state: { waiting: { reason } }, lastState: {} };
}

function running(c: Container, now: string, restartCount: number): ContainerStatus {
  const q = qualifiedImage(c.image);
  return {
    name: c.name,
    image: q,
    imageID: `${q.split(":").slice(0, -1).join(":") || q}@sha256:${digestOf(q)}`,
    ready: false,
    started: true,
    restartCount,
    state: { running: { startedAt: now } },
    lastState: {},
  };
}

/** How long the container's process runs (Infinity for servers) and how it exits. */
function runSeconds(c: Container): { seconds: number; exitCode: number } {
  const info = imageInfo(c.image);
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (info.requiresOneOfEnv && argv.length === 0 && !info.requiresOneOfEnv.some((n) => c.env?.some((e) => e.name === n))) {
    // e.g. mysql: "database is uninitialized and password option is not specified".
    return { seconds: 0.8, exitCode: 1 };
  }
  const run = (seconds: number) => ({ seconds, exitCode: 0 });
  if (argv.length === 0) return run(info.exitsWithoutCommand ? 0.05 : Infinity);
  const line = argv.join(" ");
  const sleep = /(?:^|\s|;|&&)sleep (\d+)\s*$/.exec(line);
  if (/sleep (infinity|\d{4,})|while true|tail -f|nginx|httpd|agnhost|netexec|serve/.test(line)) return run(Infinity);
  if (sleep) return run(Number(sleep[1]));
  if (/^(sh|\/bin\/sh|bash) -c /.test(line) || /^(echo|true|date|env|cat|ls)\b/.test(argv[0] ?? "")) return run(0.05);
  return run(Infinity);
}

/** Seconds from SIGTERM to exit: shells as PID 1 ignore SIGTERM and wait out the grace period. */
function stopTime(c: Container): number {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (argv.length > 0 && /^(sleep|sh|\/bin\/sh|bash)$/.test(argv[0])) return 30;
  return imageInfo(c.image).stopSeconds;
}

/** Go's `time.Duration.String()` for a whole number of milliseconds. */
export function goDurationMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, "")}s`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  if (m < 60) return `${m}m${s.toFixed(3).replace(/\.?0+$/, "")}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s.toFixed(3).replace(/\.?0+$/, "")}s`;
}

function hex64(rt: Runtime): string {
  let s = "";
  for (let i = 0; i < 64; i++) s += rt.uids.int(16).toString(16);
  return s;
}

/** A stable, made-up sha256-looking digest for an image reference (same image ⇒ same digest). */
function digestOf(image: string): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < image.length; i++) h = Math.imul(h ^ image.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}
