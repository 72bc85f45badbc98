/** Maps a canvas node id to the object the inspector shows (ids are built in toGraph). */
import type { Selection } from "../ui/store";

function split(key: string): { namespace: string; name: string } {
  const slash = key.indexOf("/");
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The selection a click or Enter on node `id` makes, or null for nothing selectable. */
export function selectionOf(id: string): Selection | null {
  const colon = id.indexOf(":");
  const prefix = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  switch (prefix) {
    case "pod":
      return { kind: "Pod", ...split(rest) };
    case "svc":
      return { kind: "Service", ...split(rest) };
    case "deploy":
      return { kind: "Deployment", ...split(rest) };
    case "rs":
      return { kind: "ReplicaSet", ...split(rest) };
    case "group":
      return { kind: "Deployment", ...split(rest.slice(0, rest.lastIndexOf("@"))) };
    case "frame":
      return rest === "unscheduled" ? null : { kind: "Node", namespace: "", name: rest };
    default:
      return null;
  }
}
