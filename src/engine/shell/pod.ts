import type { Res as ExecResult } from "../util/result";
import type { ClusterImpl } from "../cluster/cluster";
import { imageRepository } from "../cluster/images";
import type { Pod } from "../cluster/types";
import { unixDate } from "../util/time";
import { formatIPv4, indexedIP, mustParseCidr } from "../cluster/ipam/cidr";
import { queryCoreDns } from "../cluster/net/dns";
import type { PodNetwork } from "../cluster/net/types";
import { hasNetTool, imageTools, isNetTool, runNetTool, type PodNetworkExtras, type PodToolEnv } from "./pod-net";
import { tokenize } from "./tokenize";

/** How an image's shell behaves: Debian's dash (nginx, httpd, mysql…) or BusyBox's ash (busybox, alpine-based images). */
function family(image: string): "busybox" | "debian" {
  return imageTools(image).busybox ? "busybox" : "debian";
}

/** Image-specific environment the real images set in their Dockerfiles. */
const IMAGE_ENV: Record<string, Record<string, string>> = {
  nginx: { NGINX_VERSION: "1.27.5", NJS_VERSION: "0.8.10", NJS_RELEASE: "1~bookworm", PKG_RELEASE: "1~bookworm", DYNPKG_RELEASE: "1~bookworm" },
  httpd: { HTTPD_PREFIX: "/usr/local/apache2", HTTPD_VERSION: "2.4.63" },
  mysql: { GOSU_VERSION: "1.17", MYSQL_MAJOR: "9.3", MYSQL_VERSION: "9.3.0-1.el9", MYSQL_SHELL_VERSION: "9.3.0-1.el9" },
};

export function podPrompt(cluster: ClusterImpl, ctx: { namespace: string; pod: string; container: string }): string {
  const pod = cluster.rt.store.get("Pod", ctx.namespace, ctx.pod);
  const image = pod?.spec.containers.find((c) => c.name === ctx.container)?.image ?? "";
  return family(image) === "busybox" ? "/ # " : "# ";
}

/** How a command's output reaches the learner. */
export interface PodExecOptions {
  /**
   * stdout is a terminal (`kubectl exec -t`, or a shell session). curl then hides its progress
   * meter. Defaults to `interactive`.
   */
  tty?: boolean;
}

/**
 * Runs a command inside a pod's container (`kubectl exec POD -- CMD`, or a line typed in a
 * `kubectl exec -it POD -- sh` session, `interactive`): the pod's own view (hostname, env,
 * resolv.conf, hosts) and the network tools of pod-net.ts, where the image has them. Network
 * tools move the virtual clock themselves while they wait (a timeout takes its ~130 s).
 */
export function runInPod(cluster: ClusterImpl, ns: string, podName: string, container: string, argv: string[], interactive: boolean, opts: PodExecOptions = {}): ExecResult {
  const pod = cluster.rt.store.get("Pod", ns, podName);
  if (!pod) return { stdout: "", stderr: `Error from server (NotFound): pods "${podName}" not found\n`, exitCode: 1 };
  const c = pod.spec.containers.find((x) => x.name === container);
  if (!c) return { stdout: "", stderr: `error: container ${container} not found in pod ${podName}\n`, exitCode: 1 };
  const running = pod.status.containerStatuses?.find((s) => s.name === container)?.state.running;
  if (!running || pod.status.phase !== "Running") {
    return { stdout: "", stderr: `error: unable to upgrade connection: container not found ("${container}")\n`, exitCode: 1 };
  }
  const fam = family(c.image);
  const [cmd, ...args] = argv;
  const ok = (stdout: string): ExecResult => ({ stdout, stderr: "", exitCode: 0 });
  const files = podFiles(cluster, pod);
  // Distroless images (CoreDNS, the control plane) have no shell and no tools at all.
  // (`true` is let through only because the lab shell probes a session with it before `sh`.)
  if (imageTools(c.image).distroless && cmd !== "true") return notFound(cmd, fam, false, pod, cluster.rt.clock.now);
  if (isNetTool(cmd)) {
    if (!hasNetTool(c.image, cmd)) return notFound(cmd, fam, interactive, pod, cluster.rt.clock.now);
    return netTool(cluster, pod, c.image, cmd, args, opts.tty ?? interactive);
  }
  switch (cmd) {
    case "sh":
    case "/bin/sh":
    case "bash":
    case "/bin/bash":
    case "ash":
      if (args[0] === "-c" && args[1] !== undefined) return runInPod(cluster, ns, podName, container, words(args[1]), interactive, opts);
      if (cmd.endsWith("bash") && fam === "busybox") return notFound(cmd, fam, interactive, pod, cluster.rt.clock.now);
      return ok("");
    case "hostname":
      // -i / -I: the addresses the hostname resolves to (/etc/hosts: the pod IP).
      if (args[0] === "-i" || args[0] === "-I") return ok(`${pod.status.podIP ?? ""}${args[0] === "-I" ? " " : ""}\n`);
      return ok(`${pod.spec.hostname ?? pod.metadata.name}\n`);
    case "true":
      return ok("");
    case "whoami":
      return ok("root\n");
    case "id":
      return ok("uid=0(root) gid=0(root) groups=0(root)\n");
    case "pwd":
      return ok("/\n");
    case "echo":
      return ok(args.join(" ") + "\n");
    case "env":
    case "printenv": {
      const env = podEnv(cluster, pod, c.name);
      if (cmd === "printenv" && args[0]) return env[args[0]] !== undefined ? ok(env[args[0]] + "\n") : { stdout: "", stderr: "", exitCode: 1 };
      return ok(Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(""));
    }
    case "cat": {
      let out = "";
      for (const f of args) {
        const content = files[f];
        if (content === undefined) return { stdout: out, stderr: `cat: ${f}: No such file or directory\n`, exitCode: 1 };
        out += content;
      }
      return ok(out);
    }
    case "ls":
      return ok(fam === "busybox" ? "bin    dev    etc    home   lib    lib64  proc   root   sys    tmp    usr    var\n" : "bin   dev\t\t     docker-entrypoint.sh  home  lib64  mnt  proc  run   srv  tmp  var\nboot  docker-entrypoint.d  etc\t\t\t   lib\t media  opt  root  sbin  sys  usr\n");
    case "sleep": {
      // BusyBox and coreutils accept a decimal number of seconds; "inf" would block the lab for
      // ever, so a lab command sleeps at most a day.
      const secs = /^\d+(\.\d+)?$/.test(args[0] ?? "") ? Number(args[0]) : NaN;
      if (!Number.isFinite(secs)) return { stdout: "", stderr: `sleep: invalid number '${args[0] ?? ""}'\n`, exitCode: 1 };
      cluster.rt.clock.advance(Math.min(secs, 86_400) * 1000);
      return ok("");
    }
    case "date":
      return ok(unixDate(cluster.rt.clock.now) + "\n");
    default:
      return notFound(cmd, fam, interactive, pod, cluster.rt.clock.now);
  }
}

/** The first command of an `sh -c` script, quotes honoured (what follows `;`, `&&`, `|` is not run). */
function words(script: string): string[] {
  const t = tokenize(script);
  if (!t.ok) return script.split(/\s+/).filter(Boolean);
  const end = t.tokens.findIndex((tok) => tok.type === "op");
  return (end < 0 ? t.tokens : t.tokens.slice(0, end)).flatMap((tok) => (tok.type === "word" ? [tok.value] : []));
}

/** The dataplane the cluster carries (`cluster.net`), if it has one yet. */
function networkOf(cluster: ClusterImpl): (PodNetwork & PodNetworkExtras) | undefined {
  return (cluster as unknown as { net?: PodNetwork & PodNetworkExtras }).net;
}

/** Runs curl / wget / nslookup / ping / ip on the cluster's network, as the pod. */
function netTool(cluster: ClusterImpl, pod: Pod, image: string, cmd: string, args: string[], tty: boolean): ExecResult {
  const net = networkOf(cluster);
  if (!net) return { stdout: "", stderr: `${cmd}: the lab's pod network is not available\n`, exitCode: 1 };
  const store = cluster.rt.store;
  // nslookup asks exact questions; when the dataplane offers none, answer with CoreDNS's logic
  // once the dataplane says kube-dns can be reached at all. Methods are delegated (not copied)
  // so the dataplane keeps its own `this`.
  const fallbackQuery: NonNullable<PodNetworkExtras["query"]> = (from, fqdn, type) => {
    const probe = net.resolve(from, "kube-dns.kube-system.svc.cluster.local.");
    if (probe.kind === "unreachable") return { rcode: "UNREACHABLE", name: fqdn, reason: probe.reason };
    return queryCoreDns(store, fqdn, type);
  };
  const withQuery: PodNetwork & PodNetworkExtras = {
    resolve: (from, name) => net.resolve(from, name),
    nameserver: () => net.nameserver(),
    connect: (from, ip, port) => net.connect(from, ip, port),
    http: (id, request) => net.http(id, request),
    close: (id) => net.close(id),
    ping: (from, ip) => net.ping(from, ip),
    query: net.query ? (from, fqdn, type) => net.query!(from, fqdn, type) : fallbackQuery,
    ...(net.podLink ? { podLink: (from: Parameters<PodNetwork["resolve"]>[0]) => net.podLink!(from) } : {}),
  };
  const env: PodToolEnv = { net: withQuery, pod, image, clock: cluster.rt.clock, tty };
  return runNetTool(cmd, args, env) ?? { stdout: "", stderr: "", exitCode: 0 };
}

/** A container id-like 64-hex string, stable for one pod, command and moment. */
function execId(seed: string): string {
  let out = "";
  for (let i = 0; out.length < 64; i++) {
    let h = 0x811c9dc5;
    const s = `${seed}#${i}`;
    for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

/**
 * A command the image lacks: in a shell session the shell's own message (dash: `sh: 1: x: not
 * found`, BusyBox ash: `sh: x: not found`); run directly by `kubectl exec`, the runtime's error.
 */
function notFound(cmd: string, fam: "busybox" | "debian", interactive: boolean, pod?: Pod, nowMs = 0): ExecResult {
  if (interactive) return { stdout: "", stderr: fam === "busybox" ? `sh: ${cmd}: not found\n` : `sh: 1: ${cmd}: not found\n`, exitCode: 127 };
  return {
    stdout: "",
    stderr: `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(`${pod?.metadata.uid ?? ""}/${cmd}/${nowMs}`)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`,
    exitCode: 1,
  };
}

function dnsIP(cluster: ClusterImpl): string {
  return formatIPv4(indexedIP(mustParseCidr(cluster.options.serviceCidr), 10)!);
}

/** The files the kubelet writes into every pod. */
function podFiles(cluster: ClusterImpl, pod: Pod): Record<string, string> {
  const ns = pod.metadata.namespace!;
  const resolv =
    pod.spec.dnsPolicy === "Default"
      ? "nameserver 8.8.8.8\n"
      : `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${dnsIP(cluster)}\noptions ndots:5\n`;
  const host = pod.spec.hostname ?? pod.metadata.name;
  return {
    "/etc/resolv.conf": resolv,
    "/etc/hostname": `${host}\n`,
    "/etc/hosts": `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.status.podIP ?? ""}\t${host}\n`,
    "/var/run/secrets/kubernetes.io/serviceaccount/namespace": ns,
  };
}

/**
 * The container's environment: PATH and HOSTNAME, the image's own variables, the pod's `env`,
 * and the docker-link style service variables the kubelet adds for every Service that existed
 * in the namespace when the pod started (enableServiceLinks).
 */
export function podEnv(cluster: ClusterImpl, pod: Pod, container: string): Record<string, string> {
  const c = pod.spec.containers.find((x) => x.name === container)!;
  const env: Record<string, string> = {};
  env.KUBERNETES_SERVICE_PORT_HTTPS = "443";
  const started = pod.status.startTime ?? pod.metadata.creationTimestamp;
  const services = cluster.rt.store
    .list("Service", pod.metadata.namespace)
    .concat(pod.metadata.namespace === "default" ? [] : cluster.rt.store.list("Service", "default").filter((s) => s.metadata.name === "kubernetes"))
    .filter((s) => s.metadata.creationTimestamp <= started && s.spec.clusterIP && s.spec.clusterIP !== "None");
  for (const s of services) {
    if (pod.spec.enableServiceLinks === false && s.metadata.name !== "kubernetes") continue;
    const n = s.metadata.name.toUpperCase().replace(/-/g, "_");
    const first = s.spec.ports?.[0];
    if (!first) continue;
    env[`${n}_SERVICE_HOST`] = s.spec.clusterIP!;
    env[`${n}_SERVICE_PORT`] = String(first.port);
    for (const p of s.spec.ports ?? []) if (p.name) env[`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, "_")}`] = String(p.port);
    env[`${n}_PORT`] = `${first.protocol.toLowerCase()}://${s.spec.clusterIP}:${first.port}`;
    for (const p of s.spec.ports ?? []) {
      const base = `${n}_PORT_${p.port}_${p.protocol}`;
      env[base] = `${p.protocol.toLowerCase()}://${s.spec.clusterIP}:${p.port}`;
      env[`${base}_PROTO`] = p.protocol.toLowerCase();
      env[`${base}_PORT`] = String(p.port);
      env[`${base}_ADDR`] = s.spec.clusterIP!;
    }
  }
  const out: Record<string, string> = {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    HOSTNAME: pod.spec.hostname ?? pod.metadata.name,
    ...(Object.hasOwn(IMAGE_ENV, imageRepository(c.image)) ? IMAGE_ENV[imageRepository(c.image)] : {}),
  };
  for (const e of c.env ?? []) out[e.name] = e.value ?? "";
  Object.assign(out, env);
  out.HOME = "/root";
  return out;
}
