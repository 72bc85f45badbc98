import type { AnyObject, Kind } from "../cluster/types";
import type { TableDef } from "../kinds/kind";
import { formatMap } from "../kinds/printing";
import { kindDef } from "../kinds/registry";

/** One printed table: headers and rows of cells (server-side printers' column definitions). */
export interface Table {
  headers: string[];
  rows: string[][];
}

/**
 * `kubectl get`'s table for any registered kind: the kind's own columns (kinds/<kind>/), then the
 * columns every table can add (`-L`, `--show-labels`, the namespace of `-A`).
 */
export function tableFor(kind: Kind, objects: readonly AnyObject[], now: number, opts: { wide: boolean; withNamespace: boolean; showLabels: boolean; labelColumns: string[]; namePrefix?: string }): Table {
  const def = kindDef(kind).table as TableDef;
  const headers = [...def.headers, ...(opts.wide ? def.wideHeaders : [])];
  const nameCol = def.nameColumn ?? 0;
  for (const l of opts.labelColumns) headers.push(l.split("/").pop()!.toUpperCase());
  if (opts.showLabels) headers.push("LABELS");
  if (opts.withNamespace) headers.unshift("NAMESPACE");
  const rows = objects.map((o) => {
    const row = def.row(o, now, opts.wide);
    if (nameCol >= 0 && opts.namePrefix) row[nameCol] = `${opts.namePrefix}/${row[nameCol]}`;
    for (const l of opts.labelColumns) row.push(o.metadata.labels?.[l] ?? "");
    if (opts.showLabels) row.push(formatMap(o.metadata.labels));
    if (opts.withNamespace) row.unshift(o.metadata.namespace ?? "");
    return row;
  });
  return { headers, rows };
}
