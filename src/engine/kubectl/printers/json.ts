// `kubectl get -o json`: cli-runtime's JSONPrinter = json.MarshalIndent(obj, "", "    ") + "\n".
// toJson returns the MarshalIndent text WITHOUT the final "\n" the printer appends.
// Objects fetched by kubectl get are unstructured maps, so keys come out sorted; strings use
// encoding/json's HTML-safe escaping (<, >, & as \u003c, \u003e, \u0026; U+2028/U+2029 escaped).

import { goJsonMarshal, goJsonMarshalIndent } from "./gofmt";
import { listWrapper } from "./yaml";

/** `kubectl get -o json` output for one object, minus the final newline kubectl adds. */
export function toJson(obj: unknown): string {
  return goJsonMarshalIndent(obj, "    ");
}

/** `kubectl get <type> -o json` for zero or several objects (`kind: List`), minus the final newline. */
export function toJsonList(items: unknown[]): string {
  return toJson(listWrapper(items));
}

/** Compact json.Marshal form (as jsonpath prints maps and arrays). */
export function toCompactJson(obj: unknown): string {
  return goJsonMarshal(obj);
}
