import type { ExecResult } from "../api";
import { outputOf, type Res } from "../util/result";
import type { ClusterImpl } from "../cluster/cluster";
import { runKubectl } from "../kubectl";
import { resolveExecTarget } from "../kubectl/verbs/exec";
import { kubeadm } from "./kubeadm";
import { podEnv, runInPod, podPrompt } from "./pod";
import { tokenize, type Expander, type Token } from "./tokenize";
import { FILTERS } from "./filters";
import { parseSedArgs } from "./sed";
import { klogPrefix } from "../util/klog";
import { unixDate } from "../util/time";
import { runNodeTool } from "./node-tools";
import { runNetTool } from "./pod-net";
import type { Pod } from "../cluster/types";
import { nodeView } from "../cluster/net/node-view";

/** Where the next line runs: the control plane's shell, another node's, or a shell in a pod. */
export type ShellContext = { kind: "node"; node: string } | { kind: "pod"; namespace: string; pod: string; container: string; outer: string };

/**
 * Virtual time one command line takes (the API round trip and the learner's Enter), so a
 * `kubectl get pods` right after `kubectl create` sees the new pod, as on a real cluster.
 */
export const LINE_LATENCY_MS = 100;

/** The special parameters of an interactive login shell with no arguments. */
const SPECIAL: Record<string, string> = { $: "4242", "#": "0", "0": "-bash", "-": "himBHs", "@": "", "*": "", "!": "", ...Object.fromEntries("123456789".split("").map((d) => [d, ""])) };

/** `NAME=value`: a shell variable assignment. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/;

/**
 * The lab terminal's line interpreter. It is deliberately small: it runs kubectl, the node tools
 * and a few shell built-ins, with quotes, `;`, `&&`, `||`, pipes into grep/sed/wc/head/tail/sort,
 * `>`/`>>` redirection and heredocs. Anything else gets bash's own "command not found".
 */
export class Shell {
  private readonly stack: ShellContext[] = [{ kind: "node", node: "controlplane" }];
  readonly history: string[] = [];
  /** Shell variables (`NAME=value`, `export NAME=value`), and `$?`. */
  private readonly vars = new Map<string, string>();
  private status = 0;

  constructor(private readonly cluster: ClusterImpl) {}

  get context(): ShellContext {
    return this.stack[this.stack.length - 1];
  }

  prompt(): string {
    const c = this.context;
    if (c.kind === "pod") return podPrompt(this.cluster, c);
    return `${c.node}:~$ `;
  }

  /** Runs a line, or several lines (a pasted script, a heredoc). */
  exec(input: string): ExecResult {
    const lines = input.replace(/\r\n?/g, "\n").split("\n");
    let stdout = "";
    let stderr = "";
    let output = "";
    let exitCode = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const start = i;
      if (line.trim() === "" && lines.length > 1) continue;
      let stdin: string | undefined;
      let cmdLine = line;
      const m = HEREDOC.exec(line);
      if (m) {
        const delim = m[2];
        const body: string[] = [];
        let j = i + 1;
        for (; j < lines.length && lines[j].trim() !== delim; j++) body.push(m[0].startsWith("<<-") ? lines[j].replace(/^\t+/, "") : lines[j]);
        if (j === lines.length) {
          // No closing line: bash takes what there is, and says so first.
          const warning = `bash: warning: here-document at line ${start + 1} delimited by end-of-file (wanted \`${delim}')\n`;
          stderr += warning;
          output += warning;
        }
        i = j;
        stdin = body.length ? body.join("\n") + "\n" : "";
        cmdLine = line.replace(HEREDOC, "");
      }
      if (line.trim()) this.history.push(m ? lines.slice(start, i + 1).join("\n") : line);
      const r = this.runLine(cmdLine, stdin);
      this.cluster.rt.clock.advance(LINE_LATENCY_MS);
      stdout += r.stdout;
      stderr += r.stderr;
      output += outputOf(r);
      exitCode = r.exitCode;
    }
    return { stdout, stderr, exitCode, output };
  }

  private runLine(line: string, stdin: string | undefined, depth = 0): Res {
    const t = tokenize(line);
    if (!t.ok) return { stdout: "", stderr: `bash: ${t.error}\n`, exitCode: 2 };
    // Split into && / || / ; chains; each command is expanded ($(…), $NAME) when its turn comes,
    // so `NP=$(…); curl localhost:$NP` sees the value just set, as in bash.
    let stdout = "";
    let stderr = "";
    let output = "";
    let code = 0;
    let seg: Token[] = [];
    let op: string | undefined;
    const flush = () => {
      const skip = (op === "&&" && code !== 0) || (op === "||" && code === 0);
      if (seg.length > 0 && !skip) {
        let substErr = "";
        const expander: Expander = {
          run: (command) => {
            // bash has no such limit, but a lab line must end: $( $( $( … ) ) ) stops at 8 levels.
            if (depth >= 8) return "";
            const r = this.runLine(command, undefined, depth + 1);
            substErr += r.stderr;
            this.status = r.exitCode;
            return r.stdout;
          },
          get: (name) => (name === "?" ? String(this.status) : (SPECIAL[name] ?? this.variable(name))),
        };
        const expanded = tokenize(line.slice(seg[0].start, seg[seg.length - 1].end), expander);
        const r: Res = expanded.ok ? this.runPipeline(expanded.tokens, stdin) : { stdout: "", stderr: `bash: ${expanded.error}\n`, exitCode: 2 };
        stdout += r.stdout;
        stderr += substErr + r.stderr;
        output += substErr + outputOf(r);
        code = r.exitCode;
        this.status = code;
      }
      seg = [];
    };
    for (const tok of t.tokens) {
      if (tok.type === "op" && (tok.value === "&&" || tok.value === "||" || tok.value === ";")) {
        flush();
        op = tok.value;
      } else seg.push(tok);
    }
    flush();
    return { stdout, stderr, exitCode: code, output };
  }

  /** `$NAME`: the node shell's variables; in a pod's shell, the container's environment. */
  private variable(name: string): string | undefined {
    const c = this.context;
    if (c.kind === "node") return this.vars.get(name);
    const pod = this.cluster.rt.store.get("Pod", c.namespace, c.pod);
    const env = pod ? podEnv(this.cluster, pod, c.container) : {};
    return Object.hasOwn(env, name) ? env[name] : undefined;
  }

  private runPipeline(tokens: Token[], stdin: string | undefined): Res {
    // Redirection at the end: `> file` or `>> file`.
    let redirect: { file: string; append: boolean } | undefined;
    const opIdx = tokens.findIndex((x) => x.type === "op" && (x.value === ">" || x.value === ">>"));
    if (opIdx >= 0) {
      const target = tokens[opIdx + 1];
      if (!target || target.type !== "word") return { stdout: "", stderr: "bash: syntax error near unexpected token `newline'\n", exitCode: 2 };
      redirect = { file: target.value, append: (tokens[opIdx] as { value: string }).value === ">>" };
      tokens = [...tokens.slice(0, opIdx), ...tokens.slice(opIdx + 2)];
    }
    const stages: string[][] = [[]];
    for (const tok of tokens) {
      if (tok.type === "op" && tok.value === "|") stages.push([]);
      else if (tok.type === "word") stages[stages.length - 1].push(tok.value);
    }
    // NAME=value words before a command: alone they set shell variables; before a command they
    // only go into its environment, which nothing here reads.
    const first = stages[0];
    let assigned = 0;
    while (assigned < first.length && ASSIGNMENT.test(first[assigned])) assigned++;
    if (assigned > 0 && assigned === first.length && stages.length === 1 && this.context.kind === "node") {
      for (const a of first) this.vars.set(a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1));
      return { stdout: "", stderr: "", exitCode: 0 };
    }
    if (assigned > 0 && assigned < first.length) first.splice(0, assigned);
    let input = stdin;
    let result: Res = { stdout: "", stderr: "", exitCode: 0 };
    let stderr = "";
    for (let s = 0; s < stages.length; s++) {
      const argv = stages[s];
      if (argv.length === 0) return { stdout: "", stderr: "bash: syntax error near unexpected token `|'\n", exitCode: 2 };
      result = s === 0 ? this.runCommand(argv, input) : this.runFilter(argv, input ?? "");
      stderr += result.stderr;
      input = result.stdout;
    }
    if (redirect) {
      if (this.context.kind === "node" && this.context.node === "controlplane") {
        if (redirect.append) this.cluster.files.append(redirect.file, result.stdout);
        else this.cluster.files.write(redirect.file, result.stdout);
      }
      return { stdout: "", stderr, exitCode: result.exitCode };
    }
    // A lone command keeps its interleaving; in a pipeline, stderr of every stage comes first.
    if (stages.length === 1) return result;
    return { stdout: result.stdout, stderr, exitCode: result.exitCode };
  }

  private runFilter(argv: string[], input: string): Res {
    // Own keys only: `constructor` or `toString` typed as a command is just an unknown command.
    if (Object.hasOwn(FILTERS, argv[0])) return FILTERS[argv[0]](argv.slice(1), input);
    if (argv[0] === "kubectl" || argv[0] === "k") return this.runCommand(argv, input);
    return { stdout: "", stderr: `${argv[0]}: command not found\n`, exitCode: 127 };
  }

  private runCommand(argv: string[], stdin: string | undefined): Res {
    const ctx = this.context;
    const [cmd, ...args] = argv;
    if (ctx.kind === "pod") {
      if (cmd === "exit") {
        this.stack.pop();
        return { stdout: "", stderr: "", exitCode: 0 };
      }
      return runInPod(this.cluster, ctx.namespace, ctx.pod, ctx.container, argv, true);
    }
    switch (cmd) {
      case "kubectl":
      case "k":
        if (ctx.node !== "controlplane") return this.noKubeconfig();
        return this.kubectl(args, stdin);
      case "ssh":
        return this.ssh(args, stdin);
      case "exit":
      case "logout":
        if (this.stack.length > 1) {
          const left = this.stack.pop()!;
          if (left.kind === "node") return { stdout: "logout\n", stderr: `Connection to ${left.node} closed.\n`, exitCode: 0, output: `logout\nConnection to ${left.node} closed.\n` };
          return { stdout: "", stderr: "", exitCode: 0 };
        }
        return { stdout: "", stderr: "", exitCode: 0 };
      case "sleep": {
        const s = parseDuration(args[0]);
        if (s === undefined) return { stdout: "", stderr: `sleep: invalid time interval '${args[0] ?? ""}'\nTry 'sleep --help' for more information.\n`, exitCode: 1 };
        // A real sleep would block the terminal; the lab lets at most a day pass per command.
        if (s > 86_400) return { stdout: "", stderr: "sleep: Podflow lets at most one day (86400 s) pass in one command\n", exitCode: 1 };
        this.cluster.rt.clock.advance(s * 1000);
        return { stdout: "", stderr: "", exitCode: 0 };
      }
      case "clear":
        return { stdout: "\x1b[H\x1b[2J\x1b[3J", stderr: "", exitCode: 0 };
      case "history":
        return { stdout: this.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h.split("\n")[0]}\n`).join(""), stderr: "", exitCode: 0 };
      case "help":
        return { stdout: HELP, stderr: "", exitCode: 0 };
      case "kubeadm":
        return kubeadm(this.cluster, args);
      case "hostname":
        return { stdout: `${ctx.node}\n`, stderr: "", exitCode: 0 };
      case "whoami":
        return { stdout: "root\n", stderr: "", exitCode: 0 };
      case "pwd":
        return { stdout: "/root\n", stderr: "", exitCode: 0 };
      case "export":
        for (const a of args) {
          if (ASSIGNMENT.test(a)) this.vars.set(a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1));
          else if (!/^[A-Za-z_]\w*$/.test(a)) return { stdout: "", stderr: `bash: export: \`${a}': not a valid identifier\n`, exitCode: 1 };
        }
        return { stdout: "", stderr: "", exitCode: 0 };
      case "unset":
        for (const a of args) this.vars.delete(a);
        return { stdout: "", stderr: "", exitCode: 0 };
      case "echo":
        return { stdout: (args[0] === "-n" ? args.slice(1).join(" ") : args.join(" ") + "\n"), stderr: "", exitCode: 0 };
      case "true":
        return { stdout: "", stderr: "", exitCode: 0 };
      case "false":
        return { stdout: "", stderr: "", exitCode: 1 };
      case "ls":
        if (ctx.node !== "controlplane") return { stdout: "", stderr: "", exitCode: 0 };
        return { stdout: this.cluster.files.list(args.find((a) => !a.startsWith("-")) ?? "/root").map((f) => f + "\n").join(""), stderr: "", exitCode: 0 };
      case "cat": {
        if (args.length === 0) return { stdout: stdin ?? "", stderr: "", exitCode: 0 };
        let out = "";
        let err = "";
        for (const f of args) {
          const c = ctx.node === "controlplane" ? this.cluster.files.read(f) : undefined;
          if (c === undefined) err += `cat: ${f}: No such file or directory\n`;
          else out += c;
        }
        return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
      }
      case "rm": {
        let err = "";
        for (const f of args.filter((a) => !a.startsWith("-"))) if (!this.cluster.files.remove(f) && !args.includes("-f")) err += `rm: cannot remove '${f}': No such file or directory\n`;
        return { stdout: "", stderr: err, exitCode: err ? 1 : 0 };
      }
      case "date":
        return { stdout: unixDate(this.cluster.rt.clock.now) + "\n", stderr: "", exitCode: 0 };
      default: {
        if (Object.hasOwn(FILTERS, cmd)) return this.filterWithFiles(cmd, args, stdin);
        const tool = runNodeTool(nodeView(this.cluster, ctx.node), argv);
        if (tool) return tool;
        if (cmd === "curl") return this.hostNetTool(ctx.node, cmd, args);
        return { stdout: "", stderr: `${cmd}: command not found\n`, exitCode: 127 };
      }
    }
  }

  /** curl 8.5.0 on the node itself (Ubuntu 24.04): the host network, no cluster DNS. */
  private hostNetTool(node: string, cmd: string, args: string[]): Res {
    const n = this.cluster.rt.store.get("Node", undefined, node);
    const ip = n?.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "";
    const host = { metadata: { name: node, namespace: "default", uid: `node-${node}` }, spec: { nodeName: node, hostNetwork: true, containers: [] }, status: { podIP: ip } } as unknown as Pod;
    const r = runNetTool(cmd, args, { net: this.cluster.net, pod: host, image: "ubuntu:24.04", clock: this.cluster.rt.clock, tty: true, from: { kind: "node", name: node } });
    return r ?? { stdout: "", stderr: `${cmd}: command not found\n`, exitCode: 127 };
  }

  /** `grep PATTERN FILE…`, `wc -l FILE`: text tools read named files instead of stdin. */
  private filterWithFiles(cmd: string, args: string[], stdin: string | undefined): Res {
    if (cmd === "sed") return this.sedWithFiles(args, stdin);
    const f = FILTERS[cmd];
    // grep's `-e PATTERN` takes the next word; with -e every other operand is a file.
    const operands = args.filter((a, i) => !a.startsWith("-") && !(cmd === "grep" && args[i - 1] === "-e"));
    const hasE = cmd === "grep" && args.some((a) => a.startsWith("-e"));
    const fileArgs = cmd === "grep" ? operands.slice(hasE ? 0 : 1) : operands.filter((a) => !/^\d+$/.test(a));
    if (fileArgs.length === 0) return f(args, stdin ?? "");
    let input = "";
    for (const name of fileArgs) {
      const content = this.context.kind === "node" && this.context.node === "controlplane" ? this.cluster.files.read(name) : undefined;
      if (content === undefined) return { stdout: "", stderr: `${cmd}: ${name}: No such file or directory\n`, exitCode: 2 };
      input += content;
    }
    return f(args.filter((a) => !fileArgs.includes(a)), input);
  }

  /** `sed SCRIPT FILE…` reads the files (GNU: "can't read" and exit 2 for a missing one); `sed -i` writes each back. */
  private sedWithFiles(args: string[], stdin: string | undefined): Res {
    const parsed = parseSedArgs(args);
    if (!parsed.ok || parsed.args.files.length === 0) return FILTERS.sed(args, stdin ?? "");
    const { files, inPlace } = parsed.args;
    const script = args.filter((a) => !files.includes(a));
    const onControlPlane = this.context.kind === "node" && this.context.node === "controlplane";
    const read = (name: string) => (onControlPlane ? this.cluster.files.read(name) : undefined);
    let stderr = "";
    let exitCode = 0;
    if (!inPlace) {
      let input = "";
      for (const name of files) {
        const content = read(name);
        if (content === undefined) {
          stderr += `sed: can't read ${name}: No such file or directory\n`;
          exitCode = 2;
        } else input += content;
      }
      const r = FILTERS.sed(script, input);
      return { stdout: r.stdout, stderr: stderr + r.stderr, exitCode: r.exitCode || exitCode };
    }
    for (const name of files) {
      const content = read(name);
      if (content === undefined) {
        stderr += `sed: can't read ${name}: No such file or directory\n`;
        exitCode = 2;
        continue;
      }
      const r = FILTERS.sed(script, content);
      if (r.exitCode !== 0) return r;
      this.cluster.files.write(name, r.stdout);
    }
    return { stdout: "", stderr, exitCode };
  }

  private kubectl(args: string[], stdin: string | undefined): Res {
    // `kubectl exec -it POD -- sh` opens a shell in the pod: later lines run there.
    if (args[0] === "exec") {
      const interactive = args.some((a) => /^-[a-z]*[it][a-z]*$/.test(a) && !a.startsWith("--")) || args.includes("--stdin") || args.includes("--tty");
      const dash = args.indexOf("--");
      const cmd = dash >= 0 ? args.slice(dash + 1) : [];
      if (interactive && cmd.length === 1 && /^(\/bin\/)?(sh|bash|ash)$/.test(cmd[0])) {
        const r = runKubectl(this.cluster, [...args.slice(0, dash), "--", "true"], stdin);
        if (r.exitCode !== 0) return r;
        const target = resolveExecTarget(this.cluster, args.slice(1, dash));
        if (!target) return r;
        const probe = runInPod(this.cluster, target.namespace, target.pod, target.container, cmd, true);
        if (probe.exitCode !== 0) return probe;
        this.stack.push({ kind: "pod", ...target, outer: this.prompt() });
        return { stdout: "", stderr: "", exitCode: 0 };
      }
    }
    return runKubectl(this.cluster, args, stdin);
  }

  /**
   * kubectl on a worker has no kubeconfig, so it tries localhost:8080: five klog lines from API
   * discovery, then the classic "connection refused" (the admin kubeconfig lives on controlplane).
   */
  private noKubeconfig(): Res {
    let err = "";
    for (let i = 0; i < 5; i++) {
      err += `${klogPrefix("E", this.cluster.rt.clock.now, 1241 * i + 310)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n`;
    }
    err += "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n";
    return { stdout: "", stderr: err, exitCode: 1 };
  }

  private ssh(args: string[], stdin: string | undefined): Res {
    // Options that take a value (`-p 22`, `-i key`) are skipped with it; the first other word is
    // the destination, and the rest is a command to run there instead of a login.
    let at = 0;
    while (at < args.length && args[at].startsWith("-")) at += /^-[BbcDEeFIiJLlmOoPpQRSWw]$/.test(args[at]) ? 2 : 1;
    const host = args[at]?.replace(/^.*@/, "");
    const remote = args.slice(at + 1);
    if (!host) return { stdout: "", stderr: "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-p port] [-Q query_option] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n", exitCode: 255 };
    const node = this.cluster.rt.store
      .list("Node")
      .find((n) => n.metadata.name === host || n.status.addresses.some((a) => a.address === host));
    if (!node) return { stdout: "", stderr: `ssh: Could not resolve hostname ${host}: Name or service not known\n`, exitCode: 255 };
    const name = node.metadata.name;
    if (remote.length > 0) {
      // Like ssh, the words are joined with spaces and the remote shell parses them again, so
      // `ssh node02 "iptables-save | grep KUBE"` pipes on node02. No login banner, no new prompt.
      const local = [...this.stack];
      this.stack.push({ kind: "node", node: name });
      try {
        return this.runLine(remote.join(" "), stdin);
      } finally {
        this.stack.splice(0, this.stack.length, ...local);
      }
    }
    const cur = this.context;
    if (cur.kind === "node" && cur.node === name) return { stdout: "", stderr: "", exitCode: 0 };
    this.stack.push({ kind: "node", node: name });
    return { stdout: `Welcome to Ubuntu 24.04.2 LTS (GNU/Linux 6.8.0-60-generic x86_64)\n\nLast login: ${unixDate(this.cluster.rt.clock.now - 3_600_000)} from ${this.cluster.rt.store.list("Node")[0]?.status.addresses[0]?.address ?? "172.30.1.2"}\n`, stderr: "", exitCode: 0 };
  }
}

function parseDuration(s: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(s ?? "");
  if (!m) return undefined;
  return Number(m[1]) * ({ "": 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]];
}


const HELP = `Podflow lab terminal — a simulated kubeadm cluster (Kubernetes v1.33).

  kubectl ...            talk to the cluster (alias: k); try 'kubectl get pods -A'
  kubectl exec -it POD -- sh
                         open a shell in a pod ('exit' to leave)
  ssh NODE               log in to a node (controlplane, node01, ...); 'exit' to leave
  ssh NODE COMMAND       run one command on a node and stay here
  kubeadm init --help    the flags that set the three IP ranges
  iptables-save -t nat   on a node: the rules kube-proxy wrote (also iptables -t nat -L -n)
  ipvsadm -Ln            on a node in IPVS mode: virtual servers and real servers
  ip addr, ip route      on a node: Calico's interfaces and routes
  conntrack -L, crictl ps
  kubeadm config print init-defaults
  sleep N                let N seconds of cluster time pass
  cat > FILE <<EOF       write a file (end with a line EOF); kubectl apply -f FILE
  history, clear, help

Pipes into grep, sed, wc -l, head, tail and sort work; so do ';', '&&' and '||',
$(command), and variables: NP=$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}')
`;
