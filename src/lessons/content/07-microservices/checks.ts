/**
 * Lesson 7's checks and a value written in code (07-microservices.lesson.md calls them by name):
 * they read the Services, the WordPress settings and MySQL's accounts (the lab's application model)
 * and the calls that came in through a node port, with near misses that name what was typed.
 */
import { registerValue } from "../../file/values";
import { registerCheck } from "../../file/vocabulary";
import type { FlowEvent } from "../../../engine/api";
import type { Service } from "../../../engine/cluster/types";
import { mysqlAccepts } from "../../../engine/lib";
import { isPodReady } from "../../../store/selectors";
import { closedFlows, deployment, endpointPorts, fail, inCidr, pass, podsOfDeployment, ran, readyEndpoints, service, wait } from "../../checks";
import type { CheckContext, CheckResult } from "../../types";


/** A line that looks the name up (or dials it) and so prints the address it resolved to. */
const LOOKUP_MYSQL = /\b(nslookup|dig|host|ping|wget|curl)\b.*\bmysql\b/;

const PASSWORD_VARS = ["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"];
/** The names a pod in `default` may use for Service mysql. */
const MYSQL_NAMES = ["mysql", "mysql.default", "mysql.default.svc", "mysql.default.svc.cluster.local"];

const otherDeployment = (ctx: CheckContext, except: string[]) => ctx.snapshot.deployments.find((d) => (d.metadata.namespace ?? "default") === "default" && !except.includes(d.metadata.name));
const otherService = (ctx: CheckContext, except: string[]) =>
  ctx.snapshot.services.find((s) => (s.metadata.namespace ?? "default") === "default" && !["kubernetes", ...except].includes(s.metadata.name));

/** The node IPs of the cluster. */
const nodeIPs = (ctx: CheckContext) => new Set(ctx.snapshot.ranges.nodes.map((n) => n.ip));

/** The first port's nodePort of a Service, if it has one. */
const nodePortOf = (svc: Service | undefined) => svc?.spec.ports?.[0]?.nodePort;

/**
 * A Service that should be ClusterIP on `port`, in front of ready pods listening on `port`:
 * pass, wait (pods starting) or fail with a hint for the usual slips.
 */
function clusterIpService(ctx: CheckContext, name: string, port: number, what: string): CheckResult {
  const svc = service(ctx.snapshot, name);
  if (!svc) return fail();
  if (svc.spec.type !== "ClusterIP")
    return fail(`\`${name}\` is a ${svc.spec.type}: that opens ${what} on every node's IP. A backend stays inside: delete it (\`kubectl delete svc ${name}\`) and expose it again without \`--type\`.`);
  const p = svc.spec.ports?.[0];
  if (!p || p.port !== port) return fail(`The Service listens on port ${p?.port ?? "?"}, but clients of ${what} dial ${port}: give it \`--port=${port}\`.`);
  const target = [...endpointPorts(ctx.snapshot, name).values()][0];
  if (target !== undefined && target !== port)
    return fail(`The Service forwards to port ${target}, but ${what} listens on ${port}: drop \`--target-port\` (it defaults to the port).`);
  if (readyEndpoints(ctx.snapshot, name).length === 0) {
    const d = deployment(ctx.snapshot, name);
    if (d && podsOfDeployment(ctx.snapshot, name).some((p) => !isPodReady(p))) return wait(`The ${name} pod is starting…`);
    return fail(`\`${name}\` has no endpoints: its selector matches no ready pod. Expose the deployment itself: \`kubectl expose deployment ${name} --port=${port}\`.`);
  }
  return pass;
}

/** An exchange from outside the pods: a node IP and the Service's NodePort. */
const viaNodePort = (ctx: CheckContext, svc: string, nodePort: number | undefined) => (f: FlowEvent) =>
  f.protocol === "tcp" && f.service === `default/${svc}` && nodePort !== undefined && f.dst.port === nodePort && nodeIPs(ctx).has(f.dst.ip);

/** A try at the node port on localhost. */
const loopback = (nodePort: number) => (f: FlowEvent) => f.protocol === "tcp" && f.dst.port === nodePort && f.dst.ip.startsWith("127.");

registerCheck({
  name: "microservicesMysql",
  params: [],
  passes: "Deployment mysql has a root password setting and a ready pod (near misses: another name, no password).",
  nearMisses: [],
  run(_args, ctx) {
    const d = deployment(ctx.snapshot, "mysql");
    if (!d) {
      const other = otherDeployment(ctx, ["mysql"]);
      return fail(other ? `The lesson calls the deployment \`mysql\` (you made \`${other.metadata.name}\`).` : undefined);
    }
    const c = d.spec.template.spec.containers[0];
    if (!c?.env?.some((e) => PASSWORD_VARS.includes(e.name)))
      return fail("MySQL refuses to start without a root password (`kubectl logs deploy/mysql` says so): `kubectl set env deployment/mysql MYSQL_ROOT_PASSWORD=secret MYSQL_DATABASE=wordpress`.");
    const pods = podsOfDeployment(ctx.snapshot, "mysql");
    if (!pods.some((p) => isPodReady(p) && !!p.status.podIP)) return wait("mysql is starting…");
    return pass;
  },
});

registerCheck({
  name: "microservicesExposeMysql",
  params: [],
  passes: "Service mysql is a ClusterIP on 3306 in front of ready mysql pods (near misses: another name or type, another port or target port, no endpoints).",
  nearMisses: [],
  run(_args, ctx) {
    if (!service(ctx.snapshot, "mysql")) {
      const other = otherService(ctx, []);
      return fail(other ? `The Service must be called \`mysql\` (you made \`${other.metadata.name}\`): its name is what WordPress will use. \`kubectl expose deployment mysql --port=3306\`.` : undefined);
    }
    return clusterIpService(ctx, "mysql", 3306, "MySQL");
  },
});

registerCheck({
  name: "microservicesDns",
  params: [],
  passes: "A lookup or call of the name mysql printed its ClusterIP (near misses: nslookup on a node, no pod to ask from, a name that did not resolve).",
  nearMisses: [],
  run(_args, ctx) {
    const ip = service(ctx.snapshot, "mysql")?.spec.clusterIP;
    if (!ip) return fail("The Service mysql is gone: `kubectl expose deployment mysql --port=3306`.");
    if (ran(ctx, LOOKUP_MYSQL, (c) => c.result.output.includes(ip))) return pass;
    const lookup = ran(ctx, /\b(nslookup|dig|host)\b/);
    if (!lookup) return fail();
    if (/command not found/.test(lookup.result.output))
      return fail("This node has no nslookup, and a node does not use the cluster's DNS anyway. Ask from inside a pod: `kubectl exec client -- nslookup mysql`.");
    if (/NotFound|not found|container not found|unable to upgrade/.test(lookup.result.output)) {
      return ctx.snapshot.pods.some((p) => p.metadata.name === "client")
        ? wait("The client pod is starting…")
        : fail("Start a pod to ask from first: `kubectl run client --image=busybox -- sleep infinity`.");
    }
    if (/NXDOMAIN/.test(lookup.result.output)) return fail("That name did not resolve. The Service is `mysql`, in the namespace default: `nslookup mysql`.");
    return fail();
  },
});

registerCheck({
  name: "microservicesWordpress",
  params: [],
  passes: "WordPress is told WORDPRESS_DB_HOST=mysql (by name) and a login MySQL accepts, and has rolled out (near misses: the ClusterIP or a pod IP, another name, a refused login, a missing database).",
  nearMisses: [],
  run(_args, ctx) {
    const d = deployment(ctx.snapshot, "wordpress");
    if (!d) {
      const other = otherDeployment(ctx, ["mysql", "wordpress"]);
      return fail(other ? `The lesson calls the deployment \`wordpress\` (you made \`${other.metadata.name}\`).` : undefined);
    }
    const host = d.spec.template.spec.containers[0]?.env?.find((e) => e.name === "WORDPRESS_DB_HOST")?.value;
    if (!host) return fail("Now tell WordPress where its database is, and how to log in: `kubectl set env deployment/wordpress WORDPRESS_DB_HOST=mysql WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=secret`.");
    const name = host.split(":")[0];
    const clusterIP = service(ctx.snapshot, "mysql")?.spec.clusterIP;
    if (name === clusterIP)
      return fail("That is mysql's ClusterIP. It works, but it is a number you copied: recreate the Service and it is wrong. Use the name: `WORDPRESS_DB_HOST=mysql`.");
    if (inCidr(name, ctx.snapshot.ranges.podCidr))
      return fail("That is a pod IP: it changes when the pod is replaced (lesson 2). Use the Service's name: `WORDPRESS_DB_HOST=mysql`.");
    if (!MYSQL_NAMES.includes(name.toLowerCase())) return fail(`WORDPRESS_DB_HOST is \`${host}\`, but the Service is called \`mysql\`: \`kubectl set env deployment/wordpress WORDPRESS_DB_HOST=mysql\`.`);
    // WordPress must also get in: the image's default login is "example username".
    const env = d.spec.template.spec.containers[0]?.env ?? [];
    const value = (n: string, fallback: string) => env.find((e) => e.name === n)?.value || fallback;
    const mysqlEnv = deployment(ctx.snapshot, "mysql")?.spec.template.spec.containers[0]?.env ?? [];
    const login = mysqlAccepts(mysqlEnv, { user: value("WORDPRESS_DB_USER", "example username"), password: value("WORDPRESS_DB_PASSWORD", "example password"), database: value("WORDPRESS_DB_NAME", "wordpress") });
    if (login === "denied")
      return fail("WordPress would log in as `" + value("WORDPRESS_DB_USER", "example username") + "`, and MySQL would refuse it. Give it mysql's root login: `kubectl set env deployment/wordpress WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=secret`.");
    if (login === "no-database") return fail("MySQL has no database called `" + value("WORDPRESS_DB_NAME", "wordpress") + "`: leave WORDPRESS_DB_NAME unset, so WordPress uses `wordpress`, the one MYSQL_DATABASE created.");
    const pods = podsOfDeployment(ctx.snapshot, "wordpress");
    const rolledOut = pods.length > 0 && pods.every((p) => isPodReady(p) && p.spec.containers[0]?.env?.some((e) => e.name === "WORDPRESS_DB_HOST" && e.value === host));
    return rolledOut ? pass : wait("WordPress is rolling out…");
  },
});

registerCheck({
  name: "microservicesNodePort",
  params: [],
  passes: "Service wordpress is a NodePort on port 80 with an endpoint (near misses: ClusterIP, LoadBalancer, another port).",
  nearMisses: [],
  run(_args, ctx) {
    const svc = service(ctx.snapshot, "wordpress");
    if (!svc) {
      const other = otherService(ctx, ["mysql"]);
      return fail(other ? `Call the Service \`wordpress\` (you made \`${other.metadata.name}\`).` : undefined);
    }
    if (svc.spec.type === "ClusterIP")
      return fail("wordpress is a ClusterIP Service: reachable from inside only. Recreate it with a NodePort: `kubectl delete svc wordpress`, then `kubectl expose deployment wordpress --type=NodePort --port=80`.");
    if (svc.spec.type === "LoadBalancer")
      return fail("A LoadBalancer needs a cloud to hand it an address; on this kubeadm cluster its EXTERNAL-IP stays <pending>. Use `--type=NodePort`.");
    if (svc.spec.type !== "NodePort") return fail();
    const p = svc.spec.ports?.[0];
    if (p?.port !== 80) return fail(`Give the Service port 80 (it has ${p?.port}): \`--port=80\`.`);
    const target = [...endpointPorts(ctx.snapshot, "wordpress").values()][0];
    if (target !== undefined && target !== 80) return fail(`The Service forwards to port ${target}, but Apache in the wordpress pod listens on 80.`);
    if (readyEndpoints(ctx.snapshot, "wordpress").length === 0) return wait("Waiting for the wordpress endpoint…");
    return pass;
  },
});

registerCheck({
  name: "microservicesOutside",
  params: [],
  passes: "A call to a node's IP and wordpress's node port got an HTTP answer below 500 (near misses: a 500 from a missing database, localhost, the ClusterIP).",
  nearMisses: [],
  run(_args, ctx) {
    const np = nodePortOf(service(ctx.snapshot, "wordpress"));
    if (np === undefined) return fail("wordpress has no node port any more: `kubectl expose deployment wordpress --type=NodePort --port=80`.");
    const inbound = closedFlows(ctx, viaNodePort(ctx, "wordpress", np));
    if (inbound.some((f) => f.outcome === "ok" && f.status !== undefined && f.status < 500)) return pass;
    if (inbound.some((f) => f.outcome === "ok" && (f.status ?? 0) >= 500))
      return fail("WordPress answered 500: “Error establishing a database connection”. Check that the Service mysql exists, that WORDPRESS_DB_HOST is `mysql`, and that WORDPRESS_DB_USER / WORDPRESS_DB_PASSWORD are mysql's root login.");
    if (closedFlows(ctx, loopback(np)).length > 0)
      return fail(`That answered, but only this machine can reach its localhost. Use the node's address on the network, not localhost: \`curl -sI 172.30.1.2:${np}\`.`);
    const inside = closedFlows(ctx, (f) => f.service === "default/wordpress" && f.dst.port !== np);
    if (inside.length > 0)
      return fail(`That went to the ClusterIP. It answers here because this shell runs on a node, where kube-proxy's rules are; a user outside the cluster cannot reach it. Use a node IP and the node port: \`curl -sI 172.30.1.2:${np}\`.`);
    return fail();
  },
});

registerCheck({
  name: "microservicesCheck",
  params: [],
  passes: "db is a ClusterIP Service on 6379 in front of redis, api a NodePort with endpoints, and a call through api's node port answered below 400 (a near miss for each part).",
  nearMisses: [],
  run(_args, ctx) {
    const db = service(ctx.snapshot, "db");
    const api = service(ctx.snapshot, "api");
    if (!db && !api) return fail();
    if (!db) return fail("The db needs its Service: `kubectl expose deployment db --port=6379`.");
    const dbState = clusterIpService(ctx, "db", 6379, "redis");
    if (dbState.status !== "pass") return dbState;
    if (!api) return fail("db is wired. Now the way in: `kubectl expose deployment api --type=NodePort --port=80`.");
    if (api.spec.type !== "NodePort") return fail("api must be reachable from outside: make it a NodePort (`kubectl delete svc api`, then expose it with `--type=NodePort`).");
    if (readyEndpoints(ctx.snapshot, "api").length === 0) return fail("api has no endpoints: expose the deployment itself, on port 80.");
    const np = nodePortOf(api);
    const inbound = closedFlows(ctx, viaNodePort(ctx, "api", np));
    if (inbound.some((f) => f.outcome === "ok" && f.status !== undefined && f.status < 400)) return pass;
    return fail(`Both Services are right. Now prove it from outside: \`curl -sI 172.30.1.2:${np}\`.`);
  },
});


registerValue({
  name: "nodePortEntry",
  params: [{ name: "service", type: "text", required: true, doc: "the NodePort Service, in default" }],
  reads: "The node whose IP and node port answered the first successful call to the Service from outside the pods in this step.",
  read(args, ctx) {
    const name = args.text("service", ctx.memory) ?? "";
    const np = nodePortOf(service(ctx.snapshot, name));
    return closedFlows(ctx, viaNodePort(ctx, name, np)).find((x) => x.outcome === "ok")?.node ?? "";
  },
});
