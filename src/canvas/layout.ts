/**
 * Canvas geometry, in flow units. Two bands: on top, Deployments (each with its ReplicaSets
 * under it) on the left and Services on the right; below, the cluster nodes as frames side by
 * side. Each top region has a fixed number of columns and grows upwards in rows; frames grow only
 * downwards. So nothing already drawn moves when something is added.
 */

export const POD_W = 236;
export const POD_H = 124;
export const GAP = 14;
export const FRAME_PAD = 14;
/** Header of a node frame: name, role, InternalIP, pod block, and the kube-system toggle. */
export const FRAME_HEADER = 96;
export const FRAME_GAP = 48;
/** Pod cards per row inside a node frame. */
export const FRAME_COLS = 2;
export const FRAME_W = FRAME_PAD * 2 + FRAME_COLS * POD_W + (FRAME_COLS - 1) * GAP;

export const DEPLOY_W = 250;
export const DEPLOY_H = 92;
export const RS_W = 250;
export const RS_H = 54;
export const SERVICE_W = 290;
export const SERVICE_H = 124;

/** Columns of the Deployments region (left) and the Services region (right). */
export const DEPLOY_COLS = 2;
export const SERVICE_COLS = 3;
const COL_GAP = GAP * 2;
export const SERVICES_X = DEPLOY_COLS * (DEPLOY_W + COL_GAP) + 40;

/** One top row: a Deployment and room for two ReplicaSets (a rollout in progress). */
export const TOP_ROW_H = DEPLOY_H + 2 * (RS_H + 8) + 10;
export const TOP_ROW_GAP = 28;
/** Frames start below the first top row. */
export const FRAME_Y = TOP_ROW_H + 70;

/** Top-left of a Deployment in slot `slot` (its ReplicaSets go under it). */
export function deployPosition(slot: number): { x: number; y: number } {
  const row = Math.floor(slot / DEPLOY_COLS);
  return { x: (slot % DEPLOY_COLS) * (DEPLOY_W + COL_GAP), y: -row * (TOP_ROW_H + TOP_ROW_GAP) };
}

/** Top-left of ReplicaSet `index` (0 = current) under a Deployment at `deploy`. */
export function rsPosition(deploy: { x: number; y: number }, index: number): { x: number; y: number } {
  return { x: deploy.x, y: deploy.y + DEPLOY_H + 10 + index * (RS_H + 8) };
}

/** Top-left of a Service in slot `slot`, bottom-aligned in its row (closest to the pods). */
export function servicePosition(slot: number): { x: number; y: number } {
  const row = Math.floor(slot / SERVICE_COLS);
  return { x: SERVICES_X + (slot % SERVICE_COLS) * (SERVICE_W + COL_GAP), y: TOP_ROW_H - SERVICE_H - row * (TOP_ROW_H + TOP_ROW_GAP) };
}

/** Position of a card in slot `slot`, relative to its frame's top-left; `top` is where the grid starts. */
export function gridPosition(slot: number, top: number): { x: number; y: number } {
  const col = slot % FRAME_COLS;
  const row = Math.floor(slot / FRAME_COLS);
  return { x: FRAME_PAD + col * (POD_W + GAP), y: top + row * (POD_H + GAP) };
}

/** Height of a grid of `slots` cards. */
export function gridHeight(slots: number): number {
  const rows = Math.ceil(slots / FRAME_COLS);
  return rows === 0 ? 0 : rows * POD_H + (rows - 1) * GAP;
}
