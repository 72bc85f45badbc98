/** The union of every stored object type, and the kind names it spans. */
export type { AnyObject, Kind, ObjectOfKind } from "../cluster/types";
