import { imageRepository } from "../../cluster/images";
import { qualifiedSingular, resourceOf } from "../../cluster/resources";
import type { AnyObject, ConfigMap, Deployment, Namespace, Service, ServicePort, ServiceType } from "../../cluster/types";
import type { Command, Ctx } from "../command";
import { int, list, str, type FlagSpec } from "../flags";
import { applyManifests } from "./manifests";
import { dryRunOf } from "./shared";

import { setOwn } from "../../util/clone";
import { isDNS1123Subdomain, isValidPortName } from "../../cluster/validation";
import { parseOutput, printStructured } from "../output";

export const DRY_RUN_FLAGS: FlagSpec[] = [
  { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" },
  { name: "output", short: "o", type: "string", default: "" },
  { name: "save-config", type: "bool", default: false },
  { name: "validate", type: "string", default: "strict", noOptDefault: "strict" },
  { name: "field-manager", type: "string", default: "kubectl-create" },
];

/**
 * Sends a new object to the API server (or only prints it for --dry-run=client) and prints
 * `kind/name created` or the -o output. `wrap` adds the command's context to server errors.
 */
export function submitCreate(ctx: Ctx, obj: AnyObject, opts: { verb?: string; wrap?: (m: string) => string; clientObject?: AnyObject } = {}): AnyObject | undefined {
  const dry = dryRunOf(ctx);
  if (!dry) return undefined;
  const out = parseOutput(str(ctx.parsed, "output"));
  if (!out.ok) {
    ctx.fail(out.error);
    return undefined;
  }
  let result: AnyObject;
  if (dry === "client") {
    result = opts.clientObject ?? obj;
  } else {
    const r = ctx.api.create(obj, { dryRun: dry === "server" });
    if (!r.ok) {
      if (opts.wrap) {
        // kubectl wraps err.Error(), i.e. the server's own message (`Deployment.apps "x" is invalid: …`).
        ctx.stderr += `error: ${opts.wrap(r.error.message)}\n`;
        ctx.exitCode = 1;
      } else ctx.apiError(r.error);
      return undefined;
    }
    result = r.value;
  }
  if (out.value.kind === "table") {
    const suffix = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
    ctx.line(`${qualifiedSingular(resourceOf(result.kind))}/${result.metadata.name} ${opts.verb ?? "created"}${suffix}`);
  } else {
    printStructured(ctx, out.value, [result], true);
  }
  return result;
}

/** The container name kubectl derives from an image (`create deployment`). */
export function containerNameFromImage(image: string, suffix: () => string): string {
  let name = imageRepository(image).split("/").pop() ?? image;
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, "-")}-${suffix()}`;
  return name;
}

const createDeployment: Command = {
  name: "deployment",
  aliases: ["deploy"],
  short: "Create a deployment with the specified name",
  long: "Create a deployment with the specified name.",
  examples: `  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox

  # Create a deployment with a command
  kubectl create deployment my-dep --image=busybox -- date

  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3

  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubectl create deployment my-dep --image=busybox --port=5701`,
  usage: "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
  flags: [...DRY_RUN_FLAGS, { name: "image", type: "stringSlice", default: [] }, { name: "replicas", short: "r", type: "int", default: 1 }, { name: "port", type: "int", default: -1 }],
  flagHelp: { image: "Image names to run. A deployment can have multiple images set for multi-container pod.", replicas: "Number of replicas to create. Default is 1.", port: "The containerPort that this deployment exposes.", "dry-run": 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  run(ctx) {
    const p = ctx.parsed;
    const images = list(p, "image");
    if (images.length === 0) return ctx.fail('required flag(s) "image" not set');
    if (p.args.length !== 1) return ctx.usage(`exactly one NAME is required, got ${p.args.length}`);
    const name = p.args[0];
    const replicas = int(p, "replicas");
    const port = int(p, "port");
    if (images.length > 1 && p.dashArgs.length > 0) return ctx.fail("cannot specify multiple --image options and command");
    const labels = { app: name };
    const containers = images.map((image) => ({
      name: containerNameFromImage(image, () => ctx.cluster.prng.k8sString(5)),
      image,
      ...(p.dashArgs.length ? { command: [...p.dashArgs] } : {}),
      ...(port >= 0 ? { ports: [{ containerPort: port }] } : {}),
      resources: {},
    }));
    const d = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: ctx.namespace, labels },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } }, strategy: {} },
      status: {},
    } as unknown as Deployment;
    const client = clientView(d);
    submitCreate(ctx, d, { wrap: (m) => `failed to create deployment: ${m}`, clientObject: client });
  },
};

/** What `--dry-run=client -o yaml` shows: the request body, with `creationTimestamp: null`. */
function clientView(o: AnyObject): AnyObject {
  const c = JSON.parse(JSON.stringify(o)) as AnyObject & { spec?: { template?: { metadata: Record<string, unknown> } } };
  const meta = c.metadata as unknown as Record<string, unknown>;
  delete meta.namespace;
  meta.creationTimestamp = null;
  if (c.spec?.template) c.spec.template.metadata.creationTimestamp = null;
  return c;
}

function serviceCommand(type: ServiceType, name: string, short: string): Command {
  const isExternal = type === "ExternalName";
  const flags: FlagSpec[] = [...DRY_RUN_FLAGS, { name: "tcp", type: "stringSlice", default: [] }];
  if (type === "ClusterIP") flags.push({ name: "clusterip", type: "string", default: "" });
  if (type === "NodePort") flags.push({ name: "node-port", type: "int", default: 0 });
  if (isExternal) flags.push({ name: "external-name", type: "string", default: "" });
  return {
    name,
    short,
    long: `${short}.`,
    usage: isExternal ? "kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]" : `kubectl create service ${name} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]`,
    examples:
      type === "ClusterIP"
        ? `  # Create a new ClusterIP service named my-cs
  kubectl create service clusterip my-cs --tcp=5678:8080

  # Create a new ClusterIP service named my-cs (in headless mode)
  kubectl create service clusterip my-cs --clusterip="None"`
        : type === "NodePort"
          ? `  # Create a new NodePort service named my-ns
  kubectl create service nodeport my-ns --tcp=5678:8080`
          : type === "LoadBalancer"
            ? `  # Create a new LoadBalancer service named my-lbs
  kubectl create service loadbalancer my-lbs --tcp=5678:8080`
            : `  # Create a new ExternalName service named my-ns
  kubectl create service externalname my-ns --external-name bar.com`,
    flags,
    flagHelp: { tcp: "Port pairs can be specified as '<port>:<targetPort>'.", clusterip: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).", "node-port": "Port used to expose the service on each node in a cluster.", "external-name": "External name of service" },
    run(ctx) {
      const p = ctx.parsed;
      if (p.args.length !== 1) return ctx.usage(`exactly one NAME is required, got ${p.args.length}`);
      const svcName = p.args[0];
      const tcp = list(p, "tcp");
      const clusterIP = str(p, "clusterip");
      if (isExternal && !str(p, "external-name")) return ctx.fail("external name must be specified");
      if (!isExternal && tcp.length === 0 && clusterIP !== "None") return ctx.fail("at least one tcp port specifier must be provided");
      // create_service.go: each --tcp is `port[:targetPort]`, checked client-side; the port is
      // named after the spec with ':' turned into '-'.
      const ports: ServicePort[] = [];
      for (const spec of tcp) {
        const [portS, targetS] = spec.split(":");
        if (!/^\d+$/.test(portS)) return ctx.fail(`strconv.ParseUint: parsing ${JSON.stringify(portS)}: invalid syntax`);
        const port = Number(portS);
        if (port > 65535) return ctx.fail(`strconv.ParseUint: parsing ${JSON.stringify(portS)}: value out of range`);
        let target: number | string = port;
        if (targetS !== undefined) {
          if (/^\d+$/.test(targetS)) {
            target = Number(targetS);
            if (target < 1 || target > 65535) return ctx.fail("must be between 1 and 65535, inclusive");
          } else {
            const errs = isValidPortName(targetS);
            if (errs.length) return ctx.fail(errs.join(","));
            target = targetS;
          }
        }
        ports.push({ name: spec.replace(/:/g, "-"), port, protocol: "TCP", targetPort: target, ...(type === "NodePort" && int(p, "node-port") ? { nodePort: int(p, "node-port") } : {}) });
      }
      if (isExternal && isDNS1123Subdomain(str(p, "external-name")).length) return ctx.fail(`invalid service external name ${str(p, "external-name")}`);
      const svc = {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: svcName, namespace: ctx.namespace, labels: { app: svcName } },
        spec: {
          ...(ports.length ? { ports } : {}),
          selector: { app: svcName },
          ...(clusterIP ? { clusterIP } : {}),
          ...(isExternal ? { externalName: str(p, "external-name") } : {}),
          type,
        },
        status: { loadBalancer: {} },
      } as unknown as Service;
      submitCreate(ctx, svc, { wrap: (m) => `failed to create ${type} service: ${m}`, clientObject: clientView(svc) });
    },
  };
}

const createService: Command = {
  name: "service",
  aliases: ["svc"],
  short: "Create a service using a specified subcommand",
  long: "Create a service using a specified subcommand.",
  usage: "kubectl create service [flags] [options]",
  subcommands: [
    serviceCommand("ClusterIP", "clusterip", "Create a ClusterIP service"),
    serviceCommand("ExternalName", "externalname", "Create an ExternalName service"),
    serviceCommand("LoadBalancer", "loadbalancer", "Create a LoadBalancer service"),
    serviceCommand("NodePort", "nodeport", "Create a NodePort service"),
  ],
};

const createNamespace: Command = {
  name: "namespace",
  aliases: ["ns"],
  short: "Create a namespace with the specified name",
  long: "Create a namespace with the specified name.",
  examples: "  # Create a new namespace named my-namespace\n  kubectl create namespace my-namespace",
  usage: "kubectl create namespace NAME [--dry-run=server|client|none] [options]",
  flags: DRY_RUN_FLAGS,
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length !== 1) return ctx.usage(`exactly one NAME is required, got ${p.args.length}`);
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: p.args[0] }, spec: {}, status: {} } as unknown as Namespace;
    submitCreate(ctx, ns, { clientObject: clientView(ns) });
  },
};

const createConfigMap: Command = {
  name: "configmap",
  aliases: ["cm"],
  short: "Create a config map from a local file, directory or literal value",
  long: "Create a config map based on a file, directory, or specified literal value.",
  examples: "  # Create a new config map named my-config with key1=config1 and key2=config2\n  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2",
  usage: "kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
  flags: [...DRY_RUN_FLAGS, { name: "from-literal", type: "stringArray", default: [] }],
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length !== 1) return ctx.usage(`exactly one NAME is required, got ${p.args.length}`);
    const data: Record<string, string> = {};
    for (const lit of list(p, "from-literal")) {
      const eq = lit.indexOf("=");
      if (eq <= 0) return ctx.fail(`invalid literal source ${lit}, expected key=value`);
      setOwn(data, lit.slice(0, eq), lit.slice(eq + 1));
    }
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: p.args[0], namespace: ctx.namespace }, data } as unknown as ConfigMap;
    submitCreate(ctx, cm, { clientObject: clientView(cm) });
  },
};

export const create: Command = {
  name: "create",
  group: "Basic Commands (Beginner):",
  short: "Create a resource from a file or from stdin",
  long: "Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.",
  examples: `  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json

  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -

  # Edit the data in registry.yaml in JSON then create the resource using the edited data
  kubectl create -f registry.yaml --edit -o json`,
  usage: "kubectl create -f FILENAME [options]",
  flags: [...DRY_RUN_FLAGS, { name: "filename", short: "f", type: "stringSlice", default: [] }],
  flagHelp: { filename: "Filename, directory, or URL to files to use to create the resource" },
  subcommands: [createConfigMap, createDeployment, createNamespace, createService],
  run(ctx) {
    const files = list(ctx.parsed, "filename");
    if (files.length === 0) {
      if (ctx.parsed.args.length > 0) {
        ctx.stderr += `error: unknown command "${ctx.parsed.args[0]}" for "kubectl create"\n`;
        ctx.exitCode = 1;
        return;
      }
      return ctx.fail("must specify one of -f and -k");
    }
    applyManifests(ctx, files, "create");
  },
};
