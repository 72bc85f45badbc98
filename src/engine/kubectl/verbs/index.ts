import type { Command } from "../command";
import { create } from "./create";
import { del } from "./delete";
import { expose } from "./expose";
import { get } from "./get";
import { annotate, label } from "./label";
import { run } from "./run";
import { scale } from "./scale";
import { apply } from "./apply";
import { describe } from "./describe";

/**
 * Every kubectl command Podflow knows, in `kubectl --help` order. One file per verb; a new verb
 * is one more file and one more line here.
 */
export const COMMANDS: Command[] = [create, expose, run, get, del, scale, describe, apply, label, annotate];
