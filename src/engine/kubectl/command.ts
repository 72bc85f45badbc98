import type { KubeClient } from "../cluster/client";
import type { ApiError } from "../cluster/errors";
import type { FlagSpec, ParsedArgs } from "./flags";
import { str } from "./flags";
import { contextNamespace } from "./verbs/config";

/** What one kubectl invocation writes. */
export class Ctx {
  private out_ = "";
  private err_ = "";
  /** Both streams in the order written, as a terminal shows them. */
  output = "";
  exitCode = 0;

  get stdout(): string {
    return this.out_;
  }
  set stdout(v: string) {
    this.output += v.slice(this.out_.length);
    this.out_ = v;
  }
  get stderr(): string {
    return this.err_;
  }
  set stderr(v: string) {
    this.output += v.slice(this.err_.length);
    this.err_ = v;
  }

  /** Appends another program's streams, keeping the order they were written in (`output`). */
  appendStreams(r: { stdout: string; stderr: string; output?: string }): void {
    this.out_ += r.stdout;
    this.err_ += r.stderr;
    this.output += r.output ?? r.stdout + r.stderr;
  }

  constructor(
    readonly cluster: KubeClient,
    /** Text piped or heredoc'd into the command (`-f -`). */
    readonly stdin: string | undefined,
    /** "kubectl create deployment": for `See '… --help'` lines. */
    readonly path: string,
    readonly parsed: ParsedArgs,
  ) {}

  get api() {
    return this.cluster.api;
  }

  get store() {
    return this.cluster.store;
  }

  get now(): number {
    return this.cluster.clock.now;
  }

  /** The namespace from -n, else the kubeconfig context's (`config set-context --current --namespace`), else "default". */
  get namespace(): string {
    return str(this.parsed, "namespace") || contextNamespace(this.cluster) || "default";
  }

  out(text: string): void {
    this.stdout += text;
  }

  line(text: string): void {
    this.stdout += text + "\n";
  }

  warn(text: string): void {
    this.stderr += text + "\n";
  }

  /** A client-side error: `error: <msg>`, exit 1 (kubectl's `cmdutil.CheckErr`). */
  fail(message: string): void {
    this.stderr += `error: ${message}\n`;
    this.exitCode = 1;
  }

  /** A usage error: the message and kubectl's pointer to the help. */
  usage(message: string): void {
    this.stderr += `error: ${message}\nSee '${this.path} -h' for help and examples\n`;
    this.exitCode = 1;
  }

  /** An API error, printed the way `cmdutil.CheckErr` prints a StatusError. */
  apiError(e: ApiError, wrap?: (message: string) => string): void {
    this.stderr += formatApiError(e, wrap) + "\n";
    this.exitCode = 1;
  }
}

/**
 * How kubectl prints an API error. Invalid errors are rebuilt from their causes
 * (`The Service "x" is invalid: …`); other reasons print `Error from server (Reason): message`.
 * `wrap` lets a caller add its context, as `kubectl create -f` adds `error when creating "f.yaml": `.
 */
export function formatApiError(e: ApiError, wrap?: (message: string) => string): string {
  if (e.reason === "Invalid" && e.causes && e.kind) {
    const texts = [...new Set(e.causes.map((c) => c.text))];
    if (wrap) return `Error from server (Invalid): ${wrap(e.message)}`;
    if (texts.length === 1) return `The ${e.kind} "${e.name}" is invalid: ${texts[0]}`;
    return `The ${e.kind} "${e.name}" is invalid: \n${texts.map((t) => `* ${t}`).join("\n")}`;
  }
  if (e.reason === "Unknown") return `Error from server: ${wrap ? wrap(e.message) : e.message}`;
  return `Error from server (${e.reason}): ${wrap ? wrap(e.message) : e.message}`;
}

/** One kubectl command (a verb, or a sub-command such as `create deployment`). */
export interface Command {
  name: string;
  aliases?: string[];
  /** One line, as `kubectl --help` lists it. */
  short: string;
  /** The long description of `--help`. */
  long?: string;
  examples?: string;
  usage: string;
  flags?: FlagSpec[];
  /** Flag descriptions for --help, by flag name. */
  flagHelp?: Record<string, string>;
  subcommands?: Command[];
  /** Group heading in `kubectl --help`. */
  group?: string;
  run?(ctx: Ctx): void;
}

/** Flags every kubectl command accepts (a subset of kubectl's global flags). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string" },
  { name: "help", short: "h", type: "bool" },
  { name: "context", type: "string" },
  { name: "kubeconfig", type: "string" },
  { name: "request-timeout", type: "string", default: "0" },
  { name: "v", short: "v", type: "string" },
];
