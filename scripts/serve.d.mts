/** Types for serve.mjs, so TypeScript (e2e specs, benches) can import it. */
import type { Server } from "node:http";

export interface ServeOptions {
  /** Directory to serve; default dist/. */
  root?: string;
  host?: string;
  /** First port to try; the next ones are tried while busy. */
  port?: number;
  tries?: number;
  /** Sub-path the site is served under, e.g. "/podflow/"; default "/". */
  base?: string;
  /** No SPA or asset fallbacks: behave like a plain static host. */
  strict?: boolean;
}

export declare function startServer(options?: ServeOptions): Promise<{ server: Server; port: number }>;
