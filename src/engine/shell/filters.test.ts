import { describe, expect, it } from "vitest";
import { FILTERS } from "./filters";

const text = ["Chain KUBE-SERVICES", "target prot", "KUBE-SVC-A tcp", "KUBE-NODEPORTS all", "", "Chain KUBE-SVC-A", "KUBE-SEP-1 all", "KUBE-SEP-2 all"].join("\n") + "\n";
const grep = (...args: string[]) => FILTERS.grep(args, text);

describe("grep, as GNU grep prints it", () => {
  it("matches basic regular expressions, case-insensitively with -i, inverted with -v, counted with -c", () => {
    expect(grep("KUBE-SEP").stdout).toBe("KUBE-SEP-1 all\nKUBE-SEP-2 all\n");
    expect(grep("-i", "chain").stdout).toBe("Chain KUBE-SERVICES\nChain KUBE-SVC-A\n");
    expect(grep("-vc", "KUBE").stdout).toBe("2\n"); // "target prot" and the empty line
    expect(grep("nothing")).toEqual({ stdout: "", stderr: "", exitCode: 1 });
    expect(grep("-q", "SEP")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(grep("SEP-1\\|SEP-2").stdout).toBe("KUBE-SEP-1 all\nKUBE-SEP-2 all\n"); // BRE alternation
    expect(grep("-E", "SEP-(1|2)").stdout).toBe("KUBE-SEP-1 all\nKUBE-SEP-2 all\n");
    expect(grep("-F", "SVC-A tcp").stdout).toBe("KUBE-SVC-A tcp\n");
  });

  it("numbers lines with -n: a colon after a match, a dash after context", () => {
    expect(grep("-n", "Chain").stdout).toBe("1:Chain KUBE-SERVICES\n6:Chain KUBE-SVC-A\n");
    expect(grep("-nA2", "Chain KUBE-SVC").stdout).toBe("6:Chain KUBE-SVC-A\n7-KUBE-SEP-1 all\n8-KUBE-SEP-2 all\n");
  });

  it("prints context with -A, -B, -C and a -- between groups that do not touch", () => {
    expect(grep("-A", "1", "Chain").stdout).toBe("Chain KUBE-SERVICES\ntarget prot\n--\nChain KUBE-SVC-A\nKUBE-SEP-1 all\n");
    expect(grep("-B1", "KUBE-SEP-1").stdout).toBe("Chain KUBE-SVC-A\nKUBE-SEP-1 all\n");
    // Overlapping context is printed once; a match inside another's context is still a match.
    expect(grep("-n", "-C1", "SEP").stdout).toBe("6-Chain KUBE-SVC-A\n7:KUBE-SEP-1 all\n8:KUBE-SEP-2 all\n");
    expect(grep("--after-context=1", "NODEPORTS").stdout).toBe("KUBE-NODEPORTS all\n\n");
  });

  it("matches whole words with -w, whole lines with -x, and prints only the match with -o", () => {
    expect(grep("-w", "KUBE-SE").stdout).toBe(""); // followed by "P", a word character
    expect(grep("-w", "KUBE-SEP").stdout).toBe("KUBE-SEP-1 all\nKUBE-SEP-2 all\n"); // "-" is not one
    expect(grep("-w", "all").stdout).toBe("KUBE-NODEPORTS all\nKUBE-SEP-1 all\nKUBE-SEP-2 all\n");
    expect(grep("-x", "target prot").stdout).toBe("target prot\n");
    expect(grep("-o", "KUBE-SEP-[0-9]").stdout).toBe("KUBE-SEP-1\nKUBE-SEP-2\n");
    expect(grep("-on", "SVC-[A-Z]").stdout).toBe("3:SVC-A\n6:SVC-A\n");
  });

  it("rejects what GNU grep rejects, with its words and exit status 2", () => {
    expect(grep("-z", "x")).toEqual({ stdout: "", stderr: "grep: invalid option -- 'z'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 });
    expect(grep("-A", "x", "y")).toEqual({ stdout: "", stderr: "grep: x: invalid context length argument\n", exitCode: 2 });
    expect(grep("-A")).toMatchObject({ stderr: expect.stringContaining("grep: option requires an argument -- 'A'"), exitCode: 2 });
    expect(grep("--colour-me", "x")).toMatchObject({ stderr: expect.stringContaining("grep: unrecognized option '--colour-me'"), exitCode: 2 });
    expect(grep()).toMatchObject({ exitCode: 2 });
  });
});
