import type { Pod, Service } from "../../cluster/types";
import type { Command } from "../command";
import { bool, str } from "../flags";
import { DRY_RUN_FLAGS, submitCreate } from "./create";

export const run: Command = {
  name: "run",
  group: "Basic Commands (Beginner):",
  short: "Run a particular image on the cluster",
  long: "Create and run a particular image in a pod.",
  examples: `  # Start a nginx pod
  kubectl run nginx --image=nginx

  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

  # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kubectl run -i -t busybox --image=busybox --restart=Never

  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
  kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>

  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  usage: "kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]",
  flags: [
    ...DRY_RUN_FLAGS,
    { name: "image", type: "string", default: "" },
    { name: "labels", short: "l", type: "string", default: "" },
    { name: "port", type: "string", default: "" },
    { name: "restart", type: "string", default: "Always" },
    { name: "command", type: "bool", default: false },
    { name: "env", type: "stringArray", default: [] },
    { name: "expose", type: "bool", default: false },
    { name: "stdin", short: "i", type: "bool", default: false },
    { name: "tty", short: "t", type: "bool", default: false },
    { name: "rm", type: "bool", default: false },
    { name: "image-pull-policy", type: "string", default: "" },
  ],
  flagHelp: { image: "The image for the container to run.", labels: "Comma separated labels to apply to the pod(s). Will override previous values.", port: "The port that this container exposes.", restart: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].", expose: "If true, create a ClusterIP service associated with the pod.  Requires `--port`." },
  run(ctx) {
    const p = ctx.parsed;
    if (!str(p, "image")) return ctx.fail('required flag(s) "image" not set');
    if (p.args.length === 0) return ctx.usage("NAME is required for run");
    const name = p.args[0];
    const restart = str(p, "restart");
    if (!["Always", "OnFailure", "Never"].includes(restart)) return ctx.usage(`invalid restart policy: ${restart}`);
    const labels: Record<string, string> = {};
    if (str(p, "labels")) {
      for (const kv of str(p, "labels").split(",")) {
        const eq = kv.indexOf("=");
        if (eq < 0) return ctx.fail(`unexpected label spec: ${kv}`);
        labels[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
    } else labels.run = name;
    const portText = str(p, "port");
    if (portText && !/^\d+$/.test(portText)) return ctx.fail(`strconv.Atoi: parsing "${portText}": invalid syntax`);
    if (bool(p, "expose") && !portText) return ctx.fail("--port must be set when exposing a service");
    const argv = [...p.args.slice(1), ...p.dashArgs];
    const env = (p.flags.get("env") as string[]).map((kv) => ({ name: kv.split("=")[0], value: kv.slice(kv.indexOf("=") + 1) }));
    const container = {
      name,
      image: str(p, "image"),
      ...(argv.length ? (bool(p, "command") ? { command: argv } : { args: argv }) : {}),
      ...(env.length ? { env } : {}),
      ...(portText ? { ports: [{ containerPort: Number(portText) }] } : {}),
      ...(str(p, "image-pull-policy") ? { imagePullPolicy: str(p, "image-pull-policy") as "Always" } : {}),
      resources: {},
    };
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: ctx.namespace, labels },
      spec: { containers: [container], dnsPolicy: "ClusterFirst", restartPolicy: restart as "Always" },
      status: {},
    } as unknown as Pod;
    if (bool(p, "expose")) {
      const port = Number(portText);
      const svc = {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace: ctx.namespace },
        spec: { ports: [{ port, protocol: "TCP", targetPort: port }], selector: labels },
        status: { loadBalancer: {} },
      } as unknown as Service;
      if (!submitCreate(ctx, svc)) return;
    }
    submitCreate(ctx, pod);
  },
};
