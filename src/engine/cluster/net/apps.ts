/**
 * What runs inside each image and what it answers: which TCP ports listen, from when after the
 * container starts, and the exact HTTP reply and log line of each server (nginx 1.27.5, httpd
 * 2.4.63, the wordpress image, mysql, redis, CoreDNS, agnhost, the lab's own podflow/hello…).
 *
 * The dataplane calls {@link acceptsAt} when a SYN reaches a pod (false ⇒ the kernel answers
 * RST: "connection refused") and {@link serve} for each request; it appends `accessLog` /
 * `errorLog` to the container's log so `kubectl logs` shows the request.
 *
 * Start-up times come from the start-up log lines in `../logs.ts` (a server accepts from the
 * moment it logs that it does), so `kubectl logs` and `curl` always agree.
 *
 * Slowness for demos: the pod annotation `podflow.dev/response-delay` holds a Go duration
 * (`500ms`, `2s`, `1m`) added to every reply's `serviceMs`, e.g.
 * `kubectl annotate pod web-1 podflow.dev/response-delay=2s`. Invalid or negative values are
 * ignored. Everything here is deterministic: no clock reads, no PRNG.
 */
import { parseGoDuration } from "../../util/goduration";
import { imageRepository } from "../images";
import { imageLog } from "../logs";
import { clfTime, clockTime, MONTHS, pad2, rfc1123, slashTime } from "../../util/time";
import { utf8Length } from "../../util/text";
import type { Container, Pod } from "../types";
import type { HttpReply, HttpRequest } from "./types";

/** The pod annotation that slows every reply of the pod's servers down (a Go duration). */
export const RESPONSE_DELAY_ANNOTATION = "podflow.dev/response-delay";

/** Where the request comes from, and the server's view of time. */
export interface ServeContext {
  /** Virtual time of the request (ms since the epoch). */
  nowMs: number;
  /** The source address the server sees (after any SNAT). */
  clientIp: string;
  clientPort: number;
  /**
   * How an outbound connection from this pod would end (wordpress dialling its database by
   * name). Absent ⇒ every dial succeeds.
   */
  dial?: (host: string, port: number, login?: DbLogin) => DialOutcome;
}

/** How a client logs in to a MySQL server it dials. */
export interface DbLogin {
  user: string;
  password: string;
  database: string;
}

/** The end of a connection attempt a server makes itself; `denied`: MySQL refused the login. */
export type DialOutcome = "ok" | "refused" | "timeout" | "nxdomain" | "denied" | "no-database";

/**
 * Would the mysql image with this environment accept `login`? Its entrypoint creates root with
 * MYSQL_ROOT_PASSWORD (or an empty one with MYSQL_ALLOW_EMPTY_PASSWORD), MYSQL_USER with
 * MYSQL_PASSWORD, and the database MYSQL_DATABASE (MYSQL_USER gets rights on it).
 */
export function mysqlAccepts(env: readonly { name: string; value?: string }[], login: DbLogin): "ok" | "denied" | "no-database" {
  const v = (name: string) => env.find((e) => e.name === name)?.value;
  // A password from a Secret (valueFrom) is not something this check reads: let the login in.
  if (env.some((e) => /^MYSQL_(ROOT_)?PASSWORD$|^MYSQL_USER$|^MYSQL_DATABASE$/.test(e.name) && e.value === undefined)) return "ok";
  const root = login.user === "root" && (login.password === (v("MYSQL_ROOT_PASSWORD") ?? "\u0000") || (login.password === "" && v("MYSQL_ALLOW_EMPTY_PASSWORD") !== undefined && v("MYSQL_ROOT_PASSWORD") === undefined));
  const user = v("MYSQL_USER") !== undefined && login.user === v("MYSQL_USER") && login.password === (v("MYSQL_PASSWORD") ?? "");
  if (!root && !user) return "denied";
  return login.database === v("MYSQL_DATABASE") ? "ok" : "no-database";
}

/** An HTTP reply that may carry the status line's version (Go's TLS port answers HTTP/1.0). */
export type AppReply = HttpReply & { httpVersion?: string };

/** One served request: the reply and the exact lines the server writes to stdout / stderr. */
export interface ServeResult {
  reply: AppReply;
  /** The access-log line (stdout), without newline. */
  accessLog?: string;
  /** An error-log line (stderr), without newline; logged before the access line. */
  errorLog?: string;
}

/** A request as a server handler sees it. */
interface AppRequest {
  pod: Pod;
  container: Container;
  port: number;
  req: HttpRequest;
  ctx: ServeContext;
}

/** A server image: its ports, when it starts accepting, how fast it answers and what. */
interface App {
  ports(c: Container): number[];
  /** The start-up log line after which `port` accepts; undefined ⇒ accepts at once. */
  readyLine?: (port: number) => RegExp;
  /** Typical time to produce a reply (before the annotation's delay). */
  serviceMs: number;
  handle(r: AppRequest): ServeResult;
}

// ---------------------------------------------------------------- formats

/** RFC 1123 date for the `Date` header: `Mon, 12 May 2025 09:05:00 GMT`. */
export function httpDate(ms: number): string {
  return rfc1123(ms, "GMT");
}

/** A stable 32-bit hash (FNV-1a), for sub-millisecond digits that must not consume the PRNG. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}


const REASONS: Record<number, string> = { 200: "OK", 301: "Moved Permanently", 302: "Found", 400: "Bad Request", 404: "Not Found", 405: "Not Allowed", 412: "Precondition Failed", 500: "Internal Server Error" };

function http(status: number, headers: [string, string][], body: string, serviceMs: number, reason = REASONS[status] ?? ""): AppReply {
  return { kind: "http", status, reason, headers, body, serviceMs };
}

/** The bytes on the wire (Apache's `%O`): status line, headers, blank line, body. */
function wireBytes(r: AppReply, method: string): number {
  if (r.kind !== "http") return 0;
  let n = utf8Length(`HTTP/1.1 ${r.status} ${r.reason}\r\n`) + 2;
  for (const [k, v] of r.headers) n += utf8Length(`${k}: ${v}\r\n`);
  return n + (method === "HEAD" ? 0 : utf8Length(r.body));
}

function header(req: HttpRequest, name: string): string | undefined {
  const h = req.headers ?? {};
  const key = Object.keys(h).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : h[key];
}

function closes(req: HttpRequest): boolean {
  return header(req, "Connection")?.toLowerCase() === "close";
}

/** The request body the method carries (HEAD replies have headers only). */
function bodyFor(req: HttpRequest, body: string): string {
  return req.method === "HEAD" ? "" : body;
}

function tagOf(image: string): string {
  const s = image.split("@")[0];
  const colon = s.lastIndexOf(":");
  return colon > s.lastIndexOf("/") ? s.slice(colon + 1) : "latest";
}

function pathOnly(path: string): string {
  return path.split("?")[0] || "/";
}

function queryParam(path: string, name: string): string {
  const q = path.split("?")[1] ?? "";
  for (const part of q.split("&")) {
    const [k, v = ""] = part.split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.replace(/\+/g, " "));
    } catch {
      return ""; // Go's url.ParseQuery drops a value with a bad escape
    }
  }
  return "";
}

// ---------------------------------------------------------------- nginx

const CRLF = "\r\n";

/** The welcome page of the nginx package (615 bytes since 1.21.1 added the color-scheme line). */
function nginxWelcome(version: string): string {
  const colorScheme = versionAtLeast(version, [1, 21, 1]) ? "html { color-scheme: light dark; }\n" : "";
  return `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
${colorScheme}body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
}

function versionAtLeast(version: string, min: number[]): boolean {
  const v = version.split(".").map(Number);
  for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
  return true;
}

/** nginx's built-in error pages (`ngx_http_error_pages`): CRLF line ends, version in the tail. */
function nginxErrorPage(status: number, version: string): string {
  const title = `${status} ${REASONS[status]}`;
  return [`<html>`, `<head><title>${title}</title></head>`, `<body>`, `<center><h1>${title}</h1></center>`, `<hr><center>nginx/${version}</center>`, `</body>`, `</html>`, ""].join(CRLF);
}

/** nginx's version for an image tag (`nginx` ⇒ 1.27.5 as in May 2025), as logs.ts prints it. */
function nginxVersion(image: string): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tagOf(image));
  if (!m) return "1.27.5";
  if (m[3] !== undefined) return `${m[1]}.${m[2]}.${m[3]}`;
  const latestPatch: Record<string, string> = { "1.21": "6", "1.22": "1", "1.23": "4", "1.24": "0", "1.25": "5", "1.26": "3", "1.27": "5", "1.28": "0" };
  return `${m[1]}.${m[2]}.${latestPatch[`${m[1]}.${m[2]}`] ?? "0"}`;
}

/**
 * The nginx image's static site. The welcome page's Last-Modified and ETag are those of the
 * nginx:1.27.5 image (`"67ff9c07-267"` = mtime and size in hex); other tags reuse that mtime.
 */
const nginxApp: App = {
  ports: () => [80],
  readyLine: () => /start worker processes/,
  serviceMs: 1,
  handle({ container, req, ctx }) {
    const version = nginxVersion(container.image);
    const path = pathOnly(req.path);
    const base: [string, string][] = [
      ["Server", `nginx/${version}`],
      ["Date", httpDate(ctx.nowMs)],
    ];
    const conn: [string, string] = ["Connection", closes(req) ? "close" : "keep-alive"];
    let reply: AppReply;
    let errorLog: string | undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const page = nginxErrorPage(405, version);
      reply = http(405, [...base, ["Content-Type", "text/html"], ["Content-Length", String(page.length)], conn], bodyFor(req, page), nginxApp.serviceMs);
    } else if (path === "/" || path === "/index.html") {
      const page = nginxWelcome(version);
      const mtime = 0x67ff9c07;
      reply = http(
        200,
        [...base, ["Content-Type", "text/html"], ["Content-Length", String(page.length)], ["Last-Modified", httpDate(mtime * 1000)], conn, ["ETag", `"${mtime.toString(16)}-${page.length.toString(16)}"`], ["Accept-Ranges", "bytes"]],
        bodyFor(req, page),
        nginxApp.serviceMs,
      );
    } else {
      const page = nginxErrorPage(404, version);
      reply = http(404, [...base, ["Content-Type", "text/html"], ["Content-Length", String(page.length)], conn], bodyFor(req, page), nginxApp.serviceMs);
      // The first worker (pid 29 in logs.ts's start-up lines) handles the connection.
      errorLog = `${slashTime(ctx.nowMs)} [error] 29#29: *1 open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${ctx.clientIp}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host}"`;
    }
    const sent = reply.kind === "http" ? utf8Length(reply.body) : 0;
    const accessLog = `${ctx.clientIp} - - [${clfTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${reply.kind === "http" ? reply.status : 0} ${sent} "${header(req, "Referer") ?? "-"}" "${req.userAgent || "-"}" "${header(req, "X-Forwarded-For") ?? "-"}"`;
    return { reply, accessLog, errorLog };
  },
};

// ---------------------------------------------------------------- httpd

const HTTPD_INDEX = "<html><body><h1>It works!</h1></body></html>\n";

function apacheErrorPage(status: number, title: string, text: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>${text}</p>\n</body></html>\n`;
}

/** The httpd image: `htdocs/index.html` ("It works!", unchanged since 2007) and Apache's 404. */
const httpdApp: App = {
  ports: () => [80],
  readyLine: () => /AH00094: Command line/,
  serviceMs: 1,
  handle({ container, req, ctx }) {
    const version = /^2\.4\.\d+/.exec(tagOf(container.image))?.[0] ?? "2.4.63";
    const path = pathOnly(req.path);
    const base: [string, string][] = [
      ["Date", httpDate(ctx.nowMs)],
      ["Server", `Apache/${version} (Unix)`],
    ];
    const conn: [string, string][] = closes(req) ? [["Connection", "close"]] : [];
    let reply: AppReply;
    if (path === "/" || path === "/index.html") {
      reply = http(
        200,
        [...base, ["Last-Modified", "Mon, 11 Jun 2007 18:53:14 GMT"], ["ETag", `"2d-432a5e4a73a80"`], ["Accept-Ranges", "bytes"], ["Content-Length", String(HTTPD_INDEX.length)], ...conn, ["Content-Type", "text/html"]],
        bodyFor(req, HTTPD_INDEX),
        httpdApp.serviceMs,
      );
    } else {
      const page = apacheErrorPage(404, "Not Found", "The requested URL was not found on this server.");
      reply = http(404, [...base, ["Content-Length", String(page.length)], ...conn, ["Content-Type", "text/html; charset=iso-8859-1"]], bodyFor(req, page), httpdApp.serviceMs);
    }
    const bytes = reply.kind === "http" && reply.body.length > 0 ? String(utf8Length(reply.body)) : "-";
    const accessLog = `${ctx.clientIp} - - [${clfTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${reply.kind === "http" ? reply.status : 0} ${bytes}`;
    return { reply, accessLog };
  },
};

// ---------------------------------------------------------------- wordpress

const WP_NOCACHE: [string, string][] = [
  ["Expires", "Wed, 11 Jan 1984 05:00:00 GMT"],
  ["Cache-Control", "no-cache, must-revalidate, max-age=0, no-store, private"],
];

/**
 * `WORDPRESS_DB_HOST` split into host and port, and the login, with wp-config-docker.php's
 * defaults: host `mysql`, user "example username", password "example password", database
 * "wordpress".
 */
function wordpressDb(c: Container): { host: string; port: number; login?: DbLogin } {
  const env = (name: string, fallback: string) => c.env?.find((e) => e.name === name)?.value || fallback;
  const [host, port] = env("WORDPRESS_DB_HOST", "mysql").split(":");
  const login = { user: env("WORDPRESS_DB_USER", "example username"), password: env("WORDPRESS_DB_PASSWORD", "example password"), database: env("WORDPRESS_DB_NAME", "wordpress") };
  // A login read from a Secret (valueFrom) is not checked.
  const fromSecret = c.env?.some((e) => e.name.startsWith("WORDPRESS_DB_") && e.value === undefined);
  return { host, port: Number(port) || 3306, login: fromSecret ? undefined : login };
}

/** `wp_die()`'s page (`_default_wp_die_handler`), whitespace as WordPress 6.8 prints it. */
function wpDiePage(title: string, message: string): string {
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
	<meta name="viewport" content="width=device-width">
	<meta name='robots' content='max-image-preview:large, noindex, follow' />
	<title>${title}</title>
	<style type="text/css">
		html {
			background: #f1f1f1;
		}
		body {
			background: #fff;
			border: 1px solid #ccd0d4;
			color: #444;
			font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Oxygen-Sans, Ubuntu, Cantarell, "Helvetica Neue", sans-serif;
			margin: 2em auto;
			padding: 1em 2em;
			max-width: 700px;
			-webkit-box-shadow: 0 1px 1px rgba(0, 0, 0, .04);
			box-shadow: 0 1px 1px rgba(0, 0, 0, .04);
		}
		h1 {
			border-bottom: 1px solid #dadada;
			clear: both;
			color: #666;
			font-size: 24px;
			margin: 30px 0 0 0;
			padding: 0;
			padding-bottom: 7px;
		}
		#error-page {
			margin-top: 50px;
		}
		#error-page p,
		#error-page .wp-die-message {
			font-size: 14px;
			line-height: 1.5;
			margin: 25px 0 20px;
		}
		#error-page code {
			font-family: Consolas, Monaco, monospace;
		}
		ul li {
			margin-bottom: 10px;
			font-size: 14px ;
		}
		a {
			color: #2271b1;
		}
		a:hover,
		a:active {
			color: #135e96;
		}
		a:focus {
			color: #043959;
			box-shadow: 0 0 0 2px #2271b1;
			outline: 2px solid transparent;
		}
	</style>
</head>
<body id="error-page">
	<div class="wp-die-message">${message}</div></body>
</html>
`;
}

/** The first page of the installer (language chooser), abridged to its visible text. */
function wpInstallPage(): string {
  return `<!DOCTYPE html>
<html lang="en-US" xml:lang="en-US">
<head>
	<meta name="viewport" content="width=device-width" />
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
	<meta name='robots' content='max-image-preview:large, noindex, nofollow' />
	<title>WordPress &rsaquo; Installation</title>
	<link rel='stylesheet' id='install-css' href='css/install.min.css?ver=6.8.1' type='text/css' media='all' />
</head>
<body class="wp-core-ui language-chooser">
<p id="logo">WordPress</p>

	<form id="setup" method="post" action="?step=1"><label class='screen-reader-text' for='language'>Select a default language</label>
<select size='14' name='language' id='language'>
<option value="" lang="en" selected="selected" data-continue="Continue" data-installed="1">English (United States)</option>
</select>
<p class="step"><span class="spinner"></span><input id="language-continue" type="submit" class="button button-primary button-large" value="Continue" /></p></form>
</body>
</html>
`;
}

/**
 * The wordpress image (Apache 2.4.62 + PHP 8.2.28, as logs.ts prints). Every page loads
 * wp-config, which connects to `WORDPRESS_DB_HOST`: when that fails (name not resolving,
 * refused, or timing out after PHP's 60 s default_socket_timeout) WordPress answers 500
 * "Error establishing a database connection"; when it works, the empty database means "not
 * installed", so `/` redirects to the installer. The access log is Debian's `combined` with
 * `%a` (the image enables remoteip) and `%O` (bytes sent, headers included).
 */
const wordpressApp: App = {
  ports: () => [80],
  readyLine: () => /AH00094: Command line/,
  serviceMs: 35,
  handle({ container, req, ctx }) {
    const db = wordpressDb(container);
    const outcome = ctx.dial ? ctx.dial(db.host, db.port, db.login) : "ok";
    const base: [string, string][] = [
      ["Date", httpDate(ctx.nowMs)],
      ["Server", "Apache/2.4.62 (Debian)"],
      ["X-Powered-By", "PHP/8.2.28"],
    ];
    const conn: [string, string][] = closes(req) ? [["Connection", "close"]] : [];
    const path = pathOnly(req.path);
    let reply: AppReply;
    if (outcome !== "ok") {
      // A refused login and a missing database end on the same page (wpdb's dead_db()).
      const page = wpDiePage("Database Error", "<h1>Error establishing a database connection</h1>");
      const wait = outcome === "timeout" ? 60_000 : 0;
      reply = http(500, [...base, ...WP_NOCACHE, ["Content-Length", String(utf8Length(page))], ["Connection", "close"], ["Content-Type", "text/html; charset=utf-8"]], bodyFor(req, page), wordpressApp.serviceMs + wait);
    } else if (path.startsWith("/wp-admin/install.php")) {
      const page = wpInstallPage();
      reply = http(200, [...base, ...WP_NOCACHE, ["Vary", "Accept-Encoding"], ["Content-Length", String(utf8Length(page))], ...conn, ["Content-Type", "text/html; charset=utf-8"]], bodyFor(req, page), wordpressApp.serviceMs);
    } else {
      reply = http(302, [...base, ...WP_NOCACHE, ["X-Redirect-By", "WordPress"], ["Location", `http://${req.host}/wp-admin/install.php`], ["Content-Length", "0"], ...conn, ["Content-Type", "text/html; charset=UTF-8"]], "", wordpressApp.serviceMs);
    }
    const status = reply.kind === "http" ? reply.status : 0;
    const accessLog = `${ctx.clientIp} - - [${clfTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${wireBytes(reply, req.method)} "${header(req, "Referer") ?? "-"}" "${req.userAgent || "-"}"`;
    return { reply, accessLog };
  },
};

// ---------------------------------------------------------------- servers that do not speak HTTP

/**
 * mysql: the server speaks first, a binary greeting starting with the packet length and
 * protocol version 10, then the version string. curl reads that as an HTTP/0.9 reply. The
 * temporary server of the first start runs with networking off, so 3306 and 33060 only accept
 * after the final "ready for connections … port: 3306" line.
 */
const mysqlApp: App = {
  ports: () => [3306, 33060],
  readyLine: () => /ready for connections\. Version: .* port: 3306 /,
  serviceMs: 1,
  handle({ container }) {
    const version = /^\d+\.\d+\.\d+/.exec(tagOf(container.image))?.[0] ?? "9.3.0";
    return { reply: { kind: "not-http", banner: `J\0\0\0\n${version}\0` } };
  },
};

/**
 * redis: `GET / HTTP/1.1` is an inline GET command with the wrong arity, answered with an
 * error line; the `Host:` line that follows makes redis drop the connection as a
 * cross-protocol attack, and log why.
 */
const redisApp: App = {
  ports: () => [6379],
  readyLine: () => /Ready to accept connections/,
  serviceMs: 1,
  handle({ ctx }) {
    const t = ctx.nowMs;
    const d = new Date(t);
    const stamp = `${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clockTime(d)}.${String(Math.floor(t % 1000)).padStart(3, "0")}`;
    return {
      reply: { kind: "not-http", banner: "-ERR wrong number of arguments for 'get' command\r\n" },
      errorLog: `1:M ${stamp} # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from ${ctx.clientIp}:${ctx.clientPort} aborted.`,
    };
  },
};

/** A Go server that sniffs `text/plain; charset=utf-8`; headers in net/http's order. */
function goReply(status: number, body: string, nowMs: number, req: HttpRequest, serviceMs: number): AppReply {
  const headers: [string, string][] = [
    ["Date", httpDate(nowMs)],
    ["Content-Length", String(utf8Length(body))],
  ];
  if (body.length > 0) headers.push(["Content-Type", "text/plain; charset=utf-8"]);
  if (closes(req)) headers.push(["Connection", "close"]);
  return http(status, headers, bodyFor(req, body), serviceMs, status === 412 ? "Precondition Failed" : undefined);
}

/** Go's `time.Time.String()` with the monotonic reading: `2025-05-12 09:05:00.123456789 +0000 UTC m=+300.123456789`. */
function goNow(nowMs: number, startedMs: number, salt: string): string {
  const subMs = hash(`${salt}/${nowMs}`) % 1_000_000;
  const nanos = (((nowMs % 1000) + 1000) % 1000) * 1_000_000 + subMs;
  const d = new Date(nowMs);
  const frac = String(nanos).padStart(9, "0").replace(/0+$/, "");
  const wall = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${clockTime(d)}${frac ? "." + frac : ""}`;
  const mono = Math.max(0, nowMs - startedMs) / 1000;
  return `${wall} +0000 UTC m=+${mono.toFixed(3)}${String(subMs).padStart(6, "0")}`;
}

/** The flag value of `--name=v` or `--name v` in a container's args. */
function flagValue(c: Container, name: string): string | undefined {
  const args = [...(c.command ?? []), ...(c.args ?? [])];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
    if (args[i] === `--${name}`) return args[i + 1];
  }
  return undefined;
}

function agnhostMode(c: Container): string | undefined {
  const args = [...(c.command ?? []), ...(c.args ?? [])].filter((a) => !a.endsWith("agnhost"));
  return args[0];
}

function hostnameOf(pod: Pod): string {
  return pod.spec.hostname ?? pod.metadata.name;
}

/**
 * agnhost's `netexec` (the e2e test server): `/` says `NOW: <time>`, `/hostname` the pod's
 * hostname, `/echo?msg=` the message, `/clientip` the caller's `ip:port`, `/healthz` 200.
 * Each handler logs `GET /…` through Go's log package.
 */
const agnhostNetexecApp: App = {
  ports: (c) => [Number(flagValue(c, "http-port") ?? 8080)],
  serviceMs: 1,
  handle({ pod, container, req, ctx }) {
    const path = pathOnly(req.path);
    const started = Date.parse(pod.status.containerStatuses?.find((s) => s.name === container.name)?.state.running?.startedAt ?? "") || ctx.nowMs;
    let body: string;
    let line: string;
    let status = 200;
    if (path === "/hostname" || path === "/hostName") {
      body = hostnameOf(pod);
      line = `GET ${path}`;
    } else if (path === "/echo") {
      body = queryParam(req.path, "msg");
      const code = queryParam(req.path, "code");
      if (code && /^\d+$/.test(code)) status = Number(code);
      line = `GET /echo?msg=${body}&code=${code}`;
    } else if (path === "/clientip") {
      body = `${ctx.clientIp}:${ctx.clientPort}`;
      line = "GET /clientip";
    } else if (path === "/healthz") {
      body = "";
      line = "GET /healthz";
    } else {
      body = `NOW: ${goNow(ctx.nowMs, started, pod.metadata.uid)}`;
      line = "GET /";
    }
    return { reply: goReply(status, body, ctx.nowMs, req, agnhostNetexecApp.serviceMs), errorLog: `${slashTime(ctx.nowMs)} ${line}` };
  },
};

/** agnhost `serve-hostname` (port 9376 unless `--port`): answers the hostname, nothing else. */
const agnhostServeHostnameApp: App = {
  ports: (c) => [Number(flagValue(c, "port") ?? 9376)],
  serviceMs: 1,
  handle({ pod, req, ctx }) {
    return { reply: goReply(200, hostnameOf(pod), ctx.nowMs, req, 1) };
  },
};

/**
 * The lab's own demo image, `podflow/hello` (a BusyBox base with one small Go server on 8080):
 * it answers every path with one line naming the pod, so load balancing shows in the output,
 * and logs each request.
 */
const helloApp: App = {
  ports: (c) => [Number(c.env?.find((e) => e.name === "PORT")?.value) || 8080],
  serviceMs: 2,
  handle({ pod, req, ctx }) {
    const body = `Hello from ${pod.metadata.name} (${pod.status.podIP ?? ""})\n`;
    return { reply: goReply(200, body, ctx.nowMs, req, helloApp.serviceMs), accessLog: `${slashTime(ctx.nowMs)} ${ctx.clientIp}:${ctx.clientPort} "${req.method} ${req.path}" 200 ${utf8Length(body)}` };
  },
};

/** Google's `hello-app` sample (GKE tutorials): three lines, `Serving request: /` logged. */
const googleHelloApp: App = {
  ports: (c) => [Number(c.env?.find((e) => e.name === "PORT")?.value) || 8080],
  serviceMs: 1,
  handle({ pod, container, req, ctx }) {
    const tag = tagOf(container.image);
    const version = /^\d+\.\d+/.test(tag) ? `${/^\d+\.\d+/.exec(tag)![0]}.0` : "1.0.0";
    const body = `Hello, world!\nVersion: ${version}\nHostname: ${hostnameOf(pod)}\n`;
    return { reply: goReply(200, body, ctx.nowMs, req, 1), errorLog: `${slashTime(ctx.nowMs)} Serving request: ${pathOnly(req.path)}` };
  },
};

/**
 * CoreDNS (kubeadm's Corefile): DNS on 53, `health` on 8080 (`/health` → OK), `ready` on 8181
 * (`/ready` → OK), prometheus on 9153. HTTP sent to the DNS port is not DNS: the connection is
 * closed without a reply.
 */
const corednsApp: App = {
  ports: () => [53, 8080, 8181, 9153],
  readyLine: () => /^CoreDNS-/,
  serviceMs: 1,
  handle({ port, req, ctx }) {
    if (port === 53) return { reply: { kind: "empty" } };
    const path = pathOnly(req.path);
    if ((port === 8080 && path === "/health") || (port === 8181 && path === "/ready")) return { reply: goReply(200, "OK", ctx.nowMs, req, 1) };
    if (port === 9153 && path === "/metrics") {
      const body = '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.23.3",revision="51e11f1",version="1.12.0"} 1\n';
      return { reply: { ...goReply(200, body, ctx.nowMs, req, 1), headers: [["Content-Type", "text/plain; version=0.0.4; charset=utf-8"], ["Date", httpDate(ctx.nowMs)], ["Content-Length", String(body.length)]] } };
    }
    return { reply: goReply(404, "404 page not found\n", ctx.nowMs, req, 1) };
  },
};

/**
 * Go TLS servers (kube-apiserver 6443, etcd 2379) given plain HTTP: Go's TLS listener answers
 * with a bare HTTP/1.0 400 and closes.
 */
function tlsOnly(ports: number[]): App {
  return {
    ports: () => ports,
    serviceMs: 1,
    handle() {
      return { reply: { ...http(400, [], "Client sent an HTTP request to an HTTPS server.\n", 1), httpVersion: "1.0" } };
    },
  };
}

/**
 * An image the lab does not know: it listens on the container ports it declares, but what it
 * speaks is unknown, so it closes the connection without a reply.
 */
const unknownApp: App = {
  ports: (c) => (c.ports ?? []).filter((p) => (p.protocol ?? "TCP") === "TCP").map((p) => p.containerPort),
  serviceMs: 1,
  handle() {
    return { reply: { kind: "empty" } };
  },
};

// ---------------------------------------------------------------- which app a container runs

/** The server binaries an image's entrypoint may be replaced with and still be that server. */
const SERVER_COMMANDS: Record<string, string[]> = {
  nginx: ["nginx", "/docker-entrypoint.sh"],
  httpd: ["httpd", "httpd-foreground"],
  mysql: ["mysqld", "docker-entrypoint.sh"],
  redis: ["redis-server", "docker-entrypoint.sh"],
  wordpress: ["apache2-foreground", "docker-entrypoint.sh"],
};

const APPS: Record<string, App> = { nginx: nginxApp, httpd: httpdApp, mysql: mysqlApp, redis: redisApp, wordpress: wordpressApp, "podflow/hello": helloApp };

/** Images that never serve anything (shells and tools). */
const SILENT = /^(busybox|alpine|curlimages\/curl|ubuntu|debian|registry\.k8s\.io\/pause|nicolaka\/netshoot)$/;

/** The app `c` runs, or undefined when nothing in it listens. */
function appOf(c: Container): App | undefined {
  const repo = imageRepository(c.image);
  const base = repo.split("/").pop() ?? repo;
  if (SILENT.test(repo) || /\/pause$/.test(repo)) return undefined;
  if (base === "agnhost") {
    const mode = agnhostMode(c);
    return mode === "netexec" ? agnhostNetexecApp : mode === "serve-hostname" ? agnhostServeHostnameApp : undefined;
  }
  if (base === "coredns") return corednsApp;
  if (base === "kube-apiserver") return tlsOnly([6443]);
  if (base === "etcd") return tlsOnly([2379, 2380]);
  if (base === "hello-app") return googleHelloApp;
  if (repo.startsWith("calico/") || base === "kube-proxy" || base === "kube-scheduler" || base === "kube-controller-manager") return undefined;
  const app = Object.hasOwn(APPS, repo) ? APPS[repo] : undefined;
  if (!app) return unknownApp;
  const cmd = c.command?.[0];
  if (cmd !== undefined) {
    const name = cmd.split("/").pop()!;
    if (!(SERVER_COMMANDS[repo] ?? []).some((s) => s === cmd || s === name)) return undefined;
  }
  return app;
}

function containerOf(pod: Pod, container: Container | string): Container | undefined {
  return typeof container === "string" ? pod.spec.containers.find((c) => c.name === container) : container;
}

/** TCP ports the container's server listens on (empty for shells, tools and sleeping images). */
export function listeningPorts(pod: Pod, container: Container | string): number[] {
  const c = containerOf(pod, container);
  if (!c) return [];
  return appOf(c)?.ports(c) ?? [];
}

/**
 * Milliseconds after the container's start at which `port` starts accepting, or undefined if it
 * never does (not a listening port, or a server that fails to start, like mysql without a root
 * password option). Read from the start-up log so logs and connections agree.
 */
export function readyAfterMs(pod: Pod, container: Container | string, port: number): number | undefined {
  const c = containerOf(pod, container);
  const app = c && appOf(c);
  if (!c || !app || !app.ports(c).includes(port)) return undefined;
  if (!app.readyLine) return 0;
  const re = app.readyLine(port);
  // The same instance start as `kubectl logs` uses, so the sub-ms jitter matches too.
  const start = startedAt(pod, c.name) ?? 0;
  const lines = imageLog({ pod, container: c, startedAt: start, proxyMode: "iptables", k8sVersion: "" }, start + 120_000);
  const line = lines.find((l) => re.test(l.text));
  return line === undefined ? undefined : Math.ceil(line.time - start);
}

/** When the container's current instance started (virtual ms), if it is running. */
function startedAt(pod: Pod, container: string): number | undefined {
  const running = pod.status.containerStatuses?.find((s) => s.name === container)?.state.running;
  if (!running) return undefined;
  const t = Date.parse(running.startedAt);
  return Number.isNaN(t) ? undefined : t;
}

/** Whether a SYN to `port` of this container is accepted at `nowMs` (false ⇒ RST, refused). */
export function acceptsAt(pod: Pod, container: Container | string, port: number, nowMs: number): boolean {
  const c = containerOf(pod, container);
  if (!c) return false;
  const start = startedAt(pod, c.name);
  if (start === undefined) return false;
  const after = readyAfterMs(pod, c, port);
  return after !== undefined && nowMs >= start + after;
}

/** The container of `pod` whose server listens on `port` at `nowMs`, if any (containers share the pod's network namespace). */
export function listenerAt(pod: Pod, port: number, nowMs: number): string | undefined {
  return pod.spec.containers.find((c) => acceptsAt(pod, c, port, nowMs))?.name;
}

/** The pod's `podflow.dev/response-delay` in ms (0 when absent or invalid). */
export function responseDelayMs(pod: Pod): number {
  const raw = pod.metadata.annotations?.[RESPONSE_DELAY_ANNOTATION];
  if (!raw) return 0;
  const d = parseGoDuration(raw.trim());
  return d.ok && d.ms > 0 ? d.ms : 0;
}

/**
 * What the server in `container` answers to `request` on `port`, with the log lines it writes.
 * The pod's response-delay annotation is added to `serviceMs`. A container with no server on
 * that port gives an empty reply (the caller should have been refused at connect).
 */
export function serve(pod: Pod, container: Container | string, port: number, request: HttpRequest, ctx: ServeContext): ServeResult {
  const c = containerOf(pod, container);
  const app = c && appOf(c);
  if (!c || !app || !app.ports(c).includes(port)) return { reply: { kind: "empty" } };
  const r = app.handle({ pod, container: c, port, req: request, ctx });
  const delay = responseDelayMs(pod);
  if (delay > 0 && r.reply.kind === "http") r.reply = { ...r.reply, serviceMs: r.reply.serviceMs + delay };
  return r;
}
