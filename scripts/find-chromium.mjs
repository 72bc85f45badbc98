// Finds a Chromium (or Chrome) binary for the e2e tests, screenshots and canvas benchmarks.
//
// Order: $PODFLOW_CHROMIUM, $CHROMIUM_PATH, then the usual system paths. Playwright's own browser
// download is never used: Podflow's machines cannot fetch it, and a system Chromium is enough.
// As root on Debian/Ubuntu with nothing found, it installs the `chromium` package with apt-get
// (CI runs as root on a fresh machine). Anywhere else it exits with a message saying what to do.
//
// Use as a module:  import { findChromium } from "./find-chromium.mjs";  findChromium() -> path
// or as a command:  node scripts/find-chromium.mjs   (prints the path)

import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Flags for every headless launch: no sandbox (CI runs as root), and nothing that calls home. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const SYSTEM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

const HOW_TO =
  "Podflow needs Chromium or Google Chrome for its browser tests.\n" +
  "Install one (Debian/Ubuntu: `sudo apt-get install chromium`), or point Podflow at a browser:\n\n" +
  "    PODFLOW_CHROMIUM=/path/to/chrome npm test\n";

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first usable browser path without installing anything, or undefined. */
export function locateChromium() {
  for (const name of ["PODFLOW_CHROMIUM", "CHROMIUM_PATH"]) {
    const path = process.env[name];
    if (!path) continue;
    if (isExecutable(path)) return path;
    // A wrong explicit setting is the user's intent gone astray: say so rather than silently
    // falling back to another browser.
    fail(`${name} is set to "${path}", which is not an executable file.`);
  }
  return SYSTEM_PATHS.find(isExecutable);
}

function canApt() {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return process.platform === "linux" && isRoot && existsSync("/usr/bin/apt-get");
}

function aptInstallChromium() {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    console.error(`[find-chromium] $ apt-get ${args.join(" ")}`);
    const r = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env });
    return r.status === 0;
  };
  console.error("[find-chromium] No Chromium found; installing Debian's `chromium` package (running as root).");
  return run(["update"]) && run(["install", "-y", "chromium"]);
}

function fail(reason) {
  console.error(`\n[find-chromium] ${reason}\n\n${HOW_TO}`);
  process.exit(1);
}

/**
 * Returns the path of a Chromium binary, installing Debian's package as root if need be.
 * Exits the process with instructions when no browser can be found or installed.
 */
export function findChromium() {
  let path = locateChromium();
  if (path) return path;
  if (canApt()) {
    if (!aptInstallChromium()) fail("Installing chromium with apt-get failed.");
    path = locateChromium();
    if (path) return path;
    fail("apt-get finished but no Chromium binary appeared in /usr/bin.");
  }
  fail("No Chromium or Chrome was found.");
}

/** The browser's version string, e.g. "Chromium 156.0.8078.79 …", or "" if it cannot be read. */
export function chromiumVersion(path) {
  try {
    return execFileSync(path, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(findChromium());
}
