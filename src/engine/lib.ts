/**
 * The engine's public helpers: pure functions the views and lessons share with the engine, so
 * both read selectors, CIDRs, target ports and options the same way. Code outside src/engine
 * imports the engine only through this module, `index.ts`, `core.ts`, `api.ts` and the object
 * types of `cluster/types.ts` (eslint.config.js holds that boundary).
 */
export { parseSelector } from "./cluster/labels";
export { cidrContains, parseCidr, parseIPv4 } from "./cluster/ipam/cidr";
export { resolveTargetPort } from "./cluster/endpointutil";
export { mysqlAccepts } from "./cluster/net/apps";
export { resolveOptions } from "./cluster/cluster";
