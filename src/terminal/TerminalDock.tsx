/**
 * The terminal docked under the canvas. Loaded on demand (React.lazy) so xterm.js stays out of
 * the initial bundle. PLACEHOLDER: wraps the pre-xterm terminal until the xterm dock lands.
 */
import { Terminal } from "../app/Terminal";

export default function TerminalDock() {
  return <Terminal />;
}
