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
import { apiResources } from "./apiresources";
import { clusterInfo } from "./clusterinfo";
import { config } from "./config";
import { exec } from "./exec";
import { logs } from "./logs";
import { rollout } from "./rollout";
import { set } from "./set";
import { version } from "./version";
import { wait } from "./wait";
import { patch } from "./patch";
import { replace } from "./replace";

/**
 * Every kubectl command Podflow knows, in `kubectl --help` order. One file per verb; a new verb
 * is one more file and one more line here.
 */
export const COMMANDS: Command[] = [create, expose, run, set, get, del, rollout, scale, clusterInfo, describe, logs, exec, apply, patch, replace, wait, label, annotate, apiResources, config, version];
