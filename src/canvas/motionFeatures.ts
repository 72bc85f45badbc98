/**
 * framer-motion's animation features, in their own chunk: the canvas draws at once with `m`
 * components that stand still, and motion starts when this arrives (LazyMotion in Canvas.tsx).
 */
import { domAnimation } from "framer-motion";

export default domAnimation;
