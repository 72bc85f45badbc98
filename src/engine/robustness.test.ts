/**
 * Nothing breaks the engine: random and hostile lines and manifests never throw, never make
 * unbounded work, and never change the cluster when the command fails; and the same seed and
 * lines give the same bytes whatever ran before or in between.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClusterImpl } from "./cluster/cluster";
import { STORAGE_OBJECT_QUOTA } from "./cluster/quota";
import { createCluster } from "./index";

/** Runs the clock until nothing is queued (at most a minute), so a failed line can be compared. */
function settle(c: ClusterImpl): boolean {
  for (let i = 0; i < 60 && c.rt.clock.pending() > 0; i++) c.rt.clock.advance(1_000);
  return c.rt.clock.pending() === 0;
}

const NAMES = ["web", "db", "x", "__proto__", "constructor", "toString", "a".repeat(254), "a".repeat(3000), "Web", "-x", "x.", "ünïcode", "", "a/b", "..", "$HOME"];
const COUNTS = ["0", "1", "3", "-1", "2147483647", "2147483648", "99999999999999999999", "1e9", "0x10", "3.5", "NaN", "", "٣"];
const name = fc.constantFrom(...NAMES);
const count = fc.constantFrom(...COUNTS);
const junk = fc.string({ maxLength: 40 });

/** One manifest, as a heredoc body: a real one with a hostile part, or junk. */
const manifest = fc.oneof(
  fc.tuple(fc.constantFrom("ConfigMap", "Pod", "Service", "Deployment", "Secret", "Nope"), name, fc.constantFrom("__proto__", "constructor", "a b", "ok", "x".repeat(300))).map(
    ([kind, n, key]) => `apiVersion: ${kind === "Deployment" ? "apps/v1" : "v1"}\nkind: ${kind}\nmetadata:\n  name: ${JSON.stringify(n)}\n  labels:\n    ${JSON.stringify(key)}: v\ndata:\n  ${JSON.stringify(key)}: v`,
  ),
  fc.integer({ min: 1, max: 3000 }).map((d) => `kind: ConfigMap\napiVersion: v1\nmetadata: {name: deep}\ndata: ${"[".repeat(d)}${"]".repeat(d)}`),
  fc.integer({ min: 1, max: 3000 }).map((d) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}`),
  fc.integer({ min: 1, max: 700 }).map((d) => Array.from({ length: d }, (_, i) => `${" ".repeat(i)}a:`).join("\n")),
  fc.constant('a: &a ["x","x","x","x","x","x","x","x"]\n' + "bcdefgh".split("").map((k, i) => `${k}: &${k} [${Array(8).fill(`*${"abcdefgh"[i]}`).join(",")}]`).join("\n")),
  fc.integer({ min: 1, max: 50_000 }).map((d) => "[".repeat(d)),
  junk,
);

const line: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(name, count).map(([n, c]) => `kubectl create deployment ${n} --image=nginx --replicas=${c}`),
  fc.tuple(name, count).map(([n, c]) => `kubectl scale deploy ${n} --replicas=${c}`),
  fc.tuple(name, fc.constantFrom("--image=nginx", "--image=", "--port=99999", "--labels=__proto__=x", "--labels=constructor=y")).map(([n, f]) => `kubectl run ${n} ${f}`),
  fc.tuple(name, fc.constantFrom("__proto__", "constructor", "a", "=")).map(([n, k]) => `kubectl create configmap ${n} --from-literal=${k}=v`),
  fc.tuple(fc.constantFrom("get", "describe", "delete", "label", "annotate", "expose", "edit", "patch"), fc.constantFrom("pod", "deploy", "svc", "cm", "nope", ""), name).map(([v, r, n]) => `kubectl ${v} ${r} ${n}`),
  fc.tuple(fc.constantFrom("apply", "create", "replace"), manifest).map(([v, m]) => `kubectl ${v} -f - <<EOF\n${m}\nEOF`),
  manifest.map((m) => `kubectl apply -f - <<EOF\n${m}`), // unterminated heredoc
  fc.tuple(name, junk).map(([n, j]) => `kubectl patch cm ${n} -p '${j}'`),
  fc.constantFrom("sleep 99999999", "sleep -1", "sleep 1e400", "kubectl get pods -o jsonpath='{{{{'", "((((((((", "'''''", "kubectl " + "-".repeat(5000), "$(".repeat(500)),
  junk,
  fc.string({ maxLength: 20, unit: "binary" }),
);

describe("random and hostile lines", () => {
  it("never throw, stay bounded, and leave the cluster as it was when they fail", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
        const c = new ClusterImpl({ seed: 3 });
        c.exec("kubectl create deployment web --image=nginx --replicas=2");
        c.exec("kubectl create configmap keep --from-literal=__proto__=kept");
        for (const l of lines) {
          const idle = settle(c);
          const before = c.rt.store.revision;
          const r = c.exec(l);
          expect(typeof r.stdout).toBe("string");
          expect(typeof r.stderr).toBe("string");
          expect(Number.isInteger(r.exitCode)).toBe(true);
          // Output is proportional to the input, never a blow-up of it.
          expect(r.stdout.length + r.stderr.length).toBeLessThan(20 * l.length + 100_000);
          if (r.exitCode !== 0 && idle) expect([l.slice(0, 200), c.rt.store.revision]).toEqual([l.slice(0, 200), before]);
        }
        // Bounded work: however large the counts asked for, the store stays under the quota.
        c.advance(30_000);
        expect(c.rt.store.size()).toBeLessThan(STORAGE_OBJECT_QUOTA + 5_000);
        expect(c.exec("kubectl get cm keep -o jsonpath={.data}").stdout).toBe('{"__proto__":"kept"}');
      }),
      { seed: 20261207, numRuns: 30 },
    );
    // A hang would never end; the generous limit only keeps a shared, busy machine from failing it.
  }, 30_000);
});

const SCRIPT = [
  "kubectl create deployment web --image=nginx --replicas=3",
  "kubectl expose deployment web --port=80",
  "sleep 10",
  "kubectl scale deployment web --replicas=2147483647",
  "sleep 3",
  "kubectl create configmap keys --from-literal=__proto__=a --from-literal=constructor=b",
  "kubectl scale deployment web --replicas=2",
  "sleep 30",
  "kubectl get pods,svc,ep,cm -o wide",
  "kubectl get events",
  "kubectl get all,cm -A -o yaml",
];

function transcript(seed: number, between?: () => void): string {
  const c = createCluster({ seed });
  let out = "";
  for (const l of SCRIPT) {
    const r = c.exec(l);
    out += `$ ${l}\n${r.stdout}${r.stderr}[${r.exitCode}]\n`;
    between?.();
  }
  return out;
}

describe("determinism", () => {
  it("gives the same bytes for the same seed and lines, whatever ran before or in between", () => {
    const first = transcript(11);
    // Other clusters, other seeds, hostile and huge work, before and interleaved.
    const other = createCluster({ seed: 99 });
    for (const l of ["kubectl create deployment big --image=nginx --replicas=2147483647", "sleep 60", "kubectl apply -f - <<EOF\n" + "[".repeat(9000), "kubectl create configmap c --from-literal=__proto__=z"]) other.exec(l);
    const again = transcript(11);
    const noisy = createCluster({ seed: 11 });
    const interleaved = transcript(11, () => {
      noisy.exec("kubectl scale deployment web --replicas=7");
      noisy.advance(1_234);
    });
    expect(again).toBe(first);
    expect(interleaved).toBe(first);
    expect(first).toContain("configmap/keys created");
    expect(transcript(12)).not.toBe(first);
  }, 30_000);
});
