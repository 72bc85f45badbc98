/**
 * Canvas geometry, in flow units, designed for the projector: cards are compact and their story
 * text (names, IPs, states) is large, so a whole small cluster fits a 1280×720 screen at about 1×.
 *
 * Two bands. On top, one row: each Deployment with its ReplicaSets beside it on the left, the
 * Services on the right, right above the pods they reach. Below, the cluster nodes as frames side
 * by side, workers first and the control plane last (it rarely holds workload pods, so it is drawn
 * narrow and nothing sits to its right to be pushed). Inside a frame, pods sit at the top, so the
 * Service → pod edges come straight down into them; the node's name, InternalIP and pod block are
 * the frame's footer, where no edge crosses them. Each top region has a fixed number of columns
 * and grows upwards in rows; frames grow only downwards: nothing already drawn moves when
 * something is added.
 */

export const POD_W = 230;
export const POD_H = 142;
export const GAP = 12;
export const FRAME_PAD = 12;
/** Footer of a node frame: name, role, status, InternalIP, pod block, and two buttons. */
export const FRAME_FOOTER = 100;
export const FRAME_GAP = 28;
/** Pod cards per row inside a worker's frame. */
export const FRAME_COLS = 2;

/** A frame's width with `cols` columns of cards. */
export function frameWidth(cols: number): number {
  return FRAME_PAD * 2 + cols * POD_W + (cols - 1) * GAP;
}

export const DEPLOY_W = 200;
export const DEPLOY_H = 112;
export const RS_W = 196;
export const RS_H = 50;
export const SERVICE_W = 288;
export const SERVICE_H = 128;

/** Columns of the Deployments region (left) and the Services region (right). */
export const DEPLOY_COLS = 1;
export const SERVICE_COLS = 2;
const COL_GAP = 24;
/** A Deployment and its ReplicaSets, side by side. */
const WORKLOAD_W = DEPLOY_W + GAP + RS_W;
export const SERVICES_X = DEPLOY_COLS * (WORKLOAD_W + COL_GAP) + 36;

/** One top row. */
export const TOP_ROW_H = Math.max(DEPLOY_H, 2 * RS_H + GAP, SERVICE_H);
export const TOP_ROW_GAP = 24;
/** Frames start below the first top row, with room for the edges to fan out. */
export const FRAME_Y = TOP_ROW_H + 64;

/** Top-left of a Deployment in slot `slot` (its ReplicaSets go beside it). */
export function deployPosition(slot: number): { x: number; y: number } {
  const row = Math.floor(slot / DEPLOY_COLS);
  return { x: (slot % DEPLOY_COLS) * (WORKLOAD_W + COL_GAP), y: TOP_ROW_H - DEPLOY_H - row * (TOP_ROW_H + TOP_ROW_GAP) };
}

/** Top-left of ReplicaSet `index` (0 = current) beside a Deployment at `deploy`. */
export function rsPosition(deploy: { x: number; y: number }, index: number): { x: number; y: number } {
  return { x: deploy.x + DEPLOY_W + GAP, y: deploy.y + index * (RS_H + GAP) };
}

/** Top-left of a Service in slot `slot`, bottom-aligned in its row (closest to the pods). */
export function servicePosition(slot: number): { x: number; y: number } {
  const row = Math.floor(slot / SERVICE_COLS);
  return { x: SERVICES_X + (slot % SERVICE_COLS) * (SERVICE_W + COL_GAP), y: TOP_ROW_H - SERVICE_H - row * (TOP_ROW_H + TOP_ROW_GAP) };
}

/** Position of a card in slot `slot` of a `cols`-column grid, relative to its frame's top-left; `top` is where the grid starts. */
export function gridPosition(slot: number, top: number, cols = FRAME_COLS): { x: number; y: number } {
  const col = slot % cols;
  const row = Math.floor(slot / cols);
  return { x: FRAME_PAD + col * (POD_W + GAP), y: top + row * (POD_H + GAP) };
}

/** Height of a grid of `slots` cards in `cols` columns. */
export function gridHeight(slots: number, cols = FRAME_COLS): number {
  const rows = Math.ceil(slots / cols);
  return rows === 0 ? 0 : rows * POD_H + (rows - 1) * GAP;
}
