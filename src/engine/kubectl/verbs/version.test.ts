import { describe, expect, it } from "vitest";
import { helpText, lab } from "./testlab";

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "version": "Print the client and server version information for the current context.\n\nExamples:\n  # Print the client and server versions for the current context\n  kubectl version\n\nOptions:\n    --client=false:\n\tIf true, shows client version only (no server required).\n\n    -o, --output='':\n\tOne of 'yaml' or 'json'.\n\nUsage:\n  kubectl version [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};

describe("kubectl version", () => {
  it("prints the client, Kustomize and server versions", () => {
    const { run } = lab();
    expect(run("kubectl version")).toEqual({ stdout: "Client Version: v1.33.0\nKustomize Version: v5.6.0\nServer Version: v1.33.0\n", stderr: "", exitCode: 0 });
    expect(run("kubectl version --client").stdout).toBe("Client Version: v1.33.0\nKustomize Version: v5.6.0\n");
  });

  it("-o yaml: keys sorted, a blank line at the end; the v1.33 server adds its emulation and compatibility versions", () => {
    const { run } = lab();
    expect(run("kubectl version -o yaml").stdout).toBe(`clientVersion:
  buildDate: "2025-04-23T13:07:12Z"
  compiler: gc
  gitCommit: 60a317eadfcb839692a68eab88b2096f4d708f4f
  gitTreeState: clean
  gitVersion: v1.33.0
  goVersion: go1.24.2
  major: "1"
  minor: "33"
  platform: linux/amd64
kustomizeVersion: v5.6.0
serverVersion:
  buildDate: "2025-04-23T13:00:14Z"
  compiler: gc
  emulationMajor: "1"
  emulationMinor: "33"
  gitCommit: 60a317eadfcb839692a68eab88b2096f4d708f4f
  gitTreeState: clean
  gitVersion: v1.33.0
  goVersion: go1.24.2
  major: "1"
  minCompatibilityMajor: "1"
  minCompatibilityMinor: "32"
  minor: "33"
  platform: linux/amd64

`);
    expect(run("kubectl version --client -o yaml").stdout).toBe(
      'clientVersion:\n  buildDate: "2025-04-23T13:07:12Z"\n  compiler: gc\n  gitCommit: 60a317eadfcb839692a68eab88b2096f4d708f4f\n  gitTreeState: clean\n  gitVersion: v1.33.0\n  goVersion: go1.24.2\n  major: "1"\n  minor: "33"\n  platform: linux/amd64\nkustomizeVersion: v5.6.0\n\n',
    );
  });

  it("-o json: fields in the Go struct's order, four-space indent", () => {
    const { run } = lab();
    expect(run("kubectl version -o json").stdout).toBe(`{
    "clientVersion": {
        "major": "1",
        "minor": "33",
        "gitVersion": "v1.33.0",
        "gitCommit": "60a317eadfcb839692a68eab88b2096f4d708f4f",
        "gitTreeState": "clean",
        "buildDate": "2025-04-23T13:07:12Z",
        "goVersion": "go1.24.2",
        "compiler": "gc",
        "platform": "linux/amd64"
    },
    "kustomizeVersion": "v5.6.0",
    "serverVersion": {
        "major": "1",
        "minor": "33",
        "emulationMajor": "1",
        "emulationMinor": "33",
        "minCompatibilityMajor": "1",
        "minCompatibilityMinor": "32",
        "gitVersion": "v1.33.0",
        "gitCommit": "60a317eadfcb839692a68eab88b2096f4d708f4f",
        "gitTreeState": "clean",
        "buildDate": "2025-04-23T13:00:14Z",
        "goVersion": "go1.24.2",
        "compiler": "gc",
        "platform": "linux/amd64"
    }
}
`);
  });

  it("prints kubectl's errors", () => {
    const { run } = lab();
    expect(run("kubectl version -o wide")).toEqual({ stdout: "", stderr: "error: --output must be 'yaml' or 'json'\n", exitCode: 1 });
    expect(run("kubectl version extra").stderr).toBe("error: extra arguments: [extra]\n");
  });

  it("--help is kubectl's text", () => {
    expect(helpText("kubectl version")).toBe(REAL_HELP.version);
  });
});
