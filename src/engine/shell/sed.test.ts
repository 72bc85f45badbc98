import { describe, expect, it } from "vitest";
import { FILTERS } from "./filters";

const sed = (input: string, ...args: string[]) => FILTERS.sed(args, input);
const out = (input: string, ...args: string[]) => sed(input, ...args).stdout;

// Every expectation here is what GNU sed 4.9 prints for the same input and arguments.
describe("sed, as GNU sed prints it", () => {
  const conf = ['    ipvs:', '      scheduler: ""', '    detectLocalMode: ""', '    mode: ""', "    nftables:"].join("\n") + "\n";

  it("edits kube-proxy's ConfigMap the way MetalLB's docs do: one s command per -e", () => {
    expect(out(conf, "-e", 's/mode: ""/mode: "ipvs"/', "-e", 's/scheduler: ""/scheduler: "lc"/')).toBe(
      ['    ipvs:', '      scheduler: "lc"', '    detectLocalMode: ""', '    mode: "ipvs"', "    nftables:"].join("\n") + "\n",
    );
    // A regular expression takes any current value; detectLocalMode's capital M is not "mode".
    expect(out(conf, 's/^\\( *mode:\\).*/\\1 "iptables"/')).toContain('    mode: "iptables"\n    nftables:');
    expect(out(conf, "-E", "s/^( *scheduler:).*/\\1 rr/")).toContain("      scheduler: rr\n");
  });

  it("replaces the first match, the Nth, or all with g; & is the match, \\1 a group, \\n a newline", () => {
    expect(out("aaa\n", "s/a/b/")).toBe("baa\n");
    expect(out("aaa\n", "s/a/b/2g")).toBe("abb\n");
    expect(out("abc\n", "s/b/[&]/;s/x*/-/g")).toBe("-a-[-b-]-c-\n");
    expect(out("abc\n", "s/b*/-/g")).toBe("-a-c-\n"); // no empty match right after a match
    expect(out("abc\n", "s/\\(a\\)\\(b\\)/\\2\\1/")).toBe("bac\n");
    expect(out("a\n", "s/a/&&\\&/")).toBe("aa&\n");
    expect(out("a.b\n", "s/a\\.b/x\\ny/")).toBe("x\ny\n");
    expect(out("abc\n", "s|b|/|")).toBe("a/c\n");
    expect(out("abc\n", "s/b/\\//")).toBe("a/c\n");
    expect(out("abc\n", "s/B/x/I")).toBe("axc\n");
    expect(out("abc\n", "--expression=s/a/1/", "-e", "s/b/2/")).toBe("12c\n");
  });

  it("prints with p and -n, deletes with d, quits with q, and takes addresses, ranges and !", () => {
    const n = "1\n2\n3\n";
    expect(out("abc\n", "-n", "s/b/X/p")).toBe("aXc\n");
    expect(out("abc\n", "-n", "p;p")).toBe("abc\nabc\n");
    expect(out(n, "2d")).toBe("1\n3\n");
    expect(out(n, "-n", "/2/,$p")).toBe("2\n3\n");
    expect(out(n, "2q")).toBe("1\n2\n");
    expect(out(n, "/2/!d")).toBe("2\n");
    expect(out("x\n", "$p")).toBe("x\nx\n");
    expect(out("a\nb", "s/b/c/")).toBe("a\nc"); // a missing last newline stays missing
  });

  it("reports script errors with GNU's expression number and character position", () => {
    expect(sed("abc\n", "s/a/b")).toEqual({ stdout: "", stderr: "sed: -e expression #1, char 5: unterminated `s' command\n", exitCode: 1 });
    expect(sed("abc\n", "s/a/b/z").stderr).toBe("sed: -e expression #1, char 7: unknown option to `s'\n");
    expect(sed("abc\n", "k").stderr).toBe("sed: -e expression #1, char 1: unknown command: `k'\n");
    expect(sed("abc\n", "s/b/X/;k").stderr).toBe("sed: -e expression #1, char 8: unknown command: `k'\n");
    expect(sed("abc\n", "-e", "s/a/b/", "-e", "s/x").stderr).toBe("sed: -e expression #2, char 3: unterminated `s' command\n");
    expect(sed("abc\n", "-E", "s/(/x/").stderr).toBe("sed: -e expression #1, char 6: Unmatched ( or \\(\n");
    expect(sed("abc\n", "s/a/\\2/").stderr).toBe("sed: -e expression #1, char 7: invalid reference \\2 on `s' command's RHS\n");
    expect(sed("abc\n", "s/a/b/ x").stderr).toBe("sed: -e expression #1, char 8: unknown option to `s'\n");
    expect(out("abc\n", "s/(/x/")).toBe("abc\n"); // in a basic regular expression ( is literal
  });

  it("answers a missing script or a bad option with its usage, exit 1", () => {
    const none = sed("abc\n");
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toMatch(/^Usage: sed \[OPTION\]\.\.\. \{script-only-if-no-other-script\} \[input-file\]\.\.\./);
    expect(sed("abc\n", "-x").stderr).toMatch(/^sed: invalid option -- 'x'\nUsage: sed/);
    expect(sed("abc\n", "--foo").stderr).toMatch(/^sed: unrecognized option '--foo'\nUsage: sed/);
    expect(sed("abc\n", "-e").stderr).toMatch(/^sed: option requires an argument -- 'e'\nUsage: sed/);
  });
});
