// Re-keys the golden transcripts after a change that shifts the seeded names and IPs (a new
// object in the boot sequence, a new random draw): each transcript is replayed command by
// command; generated-looking tokens (pod names, IPs, NodePorts, UIDs) in the expected output are
// paired with the actual ones in order, and that rename table is applied to later commands, so
// `kubectl delete pod <name>` keeps naming the right pod. Then run
// `UPDATE_TRANSCRIPTS=1 npx vitest run src/engine/transcripts` and review the diff: only
// identifiers may change.
//
//   npx tsx scripts/rename-transcripts.ts
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createCluster, type ClusterOptions } from "../src/engine/index";

const dir = new URL("../src/engine/transcripts/", import.meta.url);
const generated = /^(?:[a-z0-9.-]+-[bcdfghjklmnpqrstvwxz2456789]{5}|\d+\.\d+\.\d+\.\d+(?::\d+)?|3\d{4}|[0-9a-f]{8}-[0-9a-f-]{27})$/;
const WORD = /[A-Za-z0-9._-]+(?:\.[0-9]+)*/g;
const tokens = (s: string) => (s.match(WORD) ?? []).filter((t) => generated.test(t));

for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt") && !f.startsWith("pending-"))) {
  const lines = readFileSync(new URL(file, dir), "utf8").split("\n");
  const options: Record<string, string | number> = {};
  const out: string[] = [];
  let i = 0;
  for (; i < lines.length && !lines[i].startsWith("$ "); i++) {
    const m = /^# (seed|workers|serviceCidr|podCidr|nodeCidr|proxyMode|ipvsScheduler|readinessDelayMs): (.*)$/.exec(lines[i]);
    if (m) options[m[1]] = /^\d+$/.test(m[2]) ? Number(m[2]) : m[2];
    out.push(lines[i]);
  }
  const cluster = createCluster(options as ClusterOptions);
  const renames = new Map<string, string>();
  const rename = (s: string) => s.replace(WORD, (t) => renames.get(t) ?? t);
  while (i < lines.length) {
    const command = [lines[i++]];
    while (i < lines.length && (lines[i].startsWith("> ") || lines[i] === ">")) command.push(lines[i++]);
    const block: string[] = [];
    while (i < lines.length && !lines[i].startsWith("$ ")) block.push(lines[i++]);
    const renamed = command.map(rename);
    out.push(...renamed);
    if (!renamed[0].startsWith("$ #")) {
      const r = cluster.exec([renamed[0].slice(2), ...renamed.slice(1).map((l) => l.slice(2))].join("\n"));
      const expected = block.flatMap((l) => tokens(l.replace(/^! /, "")));
      const actual = tokens(r.stdout + r.stderr);
      const [e, a] = expected.length === actual.length ? [expected, actual] : [[...new Set(expected)], [...new Set(actual)]];
      if (e.length === a.length) e.forEach((t, k) => t !== a[k] && !renames.has(t) && renames.set(t, a[k]));
    }
    out.push(...block.map(rename));
  }
  writeFileSync(new URL(file, dir), out.join("\n"));
}
