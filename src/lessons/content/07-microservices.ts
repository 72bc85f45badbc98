/**
 * Lesson 7: two microservices. MySQL gets a ClusterIP Service and is reached by its DNS name;
 * WordPress is told that name, and is itself exposed outside the cluster with a NodePort.
 */
import type { FlowEvent } from "../../engine/api";
import type { Service } from "../../engine/cluster/types";
import { mysqlAccepts } from "../../engine/lib";
import { MYSQL_MANIFEST } from "../../store/scenarios";
import { isPodReady } from "../../store/selectors";
import { closedFlows, deployment, endpointPorts, fail, inCidr, pass, podsOfDeployment, ran, readyEndpoints, service, wait } from "../checks";
import type { CheckContext, CheckResult, Lesson } from "../types";

export { MYSQL_MANIFEST };

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


export const microservices: Lesson = {
  id: "microservices",
  number: 7,
  title: "Two microservices",
  summary: "Give a database a ClusterIP Service, reach it by its DNS name, and open the web front end to the outside with a NodePort.",
  scenario: "empty",
  steps: [
    {
      id: "mysql",
      title: "The backend: MySQL",
      body: `Two apps will talk: WordPress (the front end) keeps its data in MySQL (the backend). Start with MySQL: a Deployment \`mysql\` running \`mysql:8.0\` on port 3306, with a root password (MySQL will not start without one) and a database for WordPress. "Show me" pastes it as one manifest. By hand, it is:

$ kubectl create deployment mysql --image=mysql:8.0 --port=3306
$ kubectl set env deployment/mysql MYSQL_ROOT_PASSWORD=secret MYSQL_DATABASE=wordpress
$ kubectl rollout status deployment/mysql

The first pod crashes until \`set env\` adds the password; the rollout then replaces it.`,
      check(ctx) {
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
      hints: ["Press “Show me” to paste the manifest, or write it yourself: a Deployment `mysql`, image `mysql:8.0`, env MYSQL_ROOT_PASSWORD, containerPort 3306."],
      showMe: [MYSQL_MANIFEST, "kubectl rollout status deployment/mysql", "kubectl get pods -o wide"],
      explain: `MySQL runs in one pod, **{{mysqlPod}}**, at **{{mysqlIP}}**, listening on port 3306. You already know not to hand that IP to anyone: the next time the pod is replaced, it changes (lesson 2). WordPress needs an address that stays.`,
      remember(ctx) {
        const p = podsOfDeployment(ctx.snapshot, "mysql").find((x) => isPodReady(x) && x.status.podIP);
        return { mysqlPod: p?.metadata.name ?? "", mysqlIP: p?.status.podIP ?? "" };
      },
      highlight: (ctx) => {
        const p = podsOfDeployment(ctx.snapshot, "mysql")[0];
        return p ? { select: { kind: "Pod", namespace: "default", name: p.metadata.name } } : undefined;
      },
      notes: "The manifest is the article's mysql example, with MYSQL_DATABASE=wordpress added: the real WordPress image expects that database to exist.",
    },
    {
      id: "expose-mysql",
      title: "A stable address for the database",
      predict: {
        question: "You will run `kubectl expose deployment mysql --port=3306` without `--type`. What type of Service do you get?",
        options: ["ClusterIP: an address inside the cluster only", "NodePort: a port on every node", "LoadBalancer: an address from the cloud"],
        answer: 0,
        reveal: "ClusterIP is the default, and the right choice for a backend.",
      },
      body: `Give MySQL a Service on its own port:

$ kubectl expose deployment mysql --port=3306
$ kubectl get svc mysql`,
      check(ctx) {
        if (!service(ctx.snapshot, "mysql")) {
          const other = otherService(ctx, []);
          return fail(other ? `The Service must be called \`mysql\` (you made \`${other.metadata.name}\`): its name is what WordPress will use. \`kubectl expose deployment mysql --port=3306\`.` : undefined);
        }
        return clusterIpService(ctx, "mysql", 3306, "MySQL");
      },
      hints: ["`kubectl expose deployment mysql --port=3306`"],
      showMe: ["kubectl expose deployment mysql --port=3306", "kubectl get svc mysql"],
      explain: `The Service **mysql** got the ClusterIP **{{mysqlClusterIP}}**, handed out by the API server (kube-proxy only writes the rules for it). Its endpoint is the pod at {{mysqlIP}}:3306. A ClusterIP is reachable from every pod and node of the cluster, and from nowhere else: just what a database wants. The IP stays as long as the Service exists, whatever happens to the pods behind it.`,
      remember: (ctx) => ({ mysqlClusterIP: service(ctx.snapshot, "mysql")?.spec.clusterIP ?? "" }),
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "mysql" } }),
      notes: "The article: “always provide the service cluster IP, not the container IP”. Right idea; the next step shows something even better than the IP: the name.",
    },
    {
      id: "dns",
      title: "Find it by name",
      predict: {
        question: "A pod asks for the name `mysql`. Who answers?",
        options: ["The node's own DNS server, from /etc/hosts", "CoreDNS, behind the kube-dns Service", "kube-proxy, which knows every Service"],
        answer: 1,
        reveal: "CoreDNS answers, reached through the kube-dns Service at 10.96.0.10.",
      },
      body: `Start a small pod to look from, and ask it for the name \`mysql\`:

$ kubectl run client --image=busybox -- sleep infinity
$ kubectl exec client -- nslookup mysql

Compare the address with mysql's CLUSTER-IP. Then see where the pod sends its DNS questions:

$ kubectl exec client -- cat /etc/resolv.conf`,
      check(ctx) {
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
      hints: ["`kubectl exec POD -- nslookup NAME` asks the cluster's DNS from inside a pod.", "`kubectl exec client -- nslookup mysql`"],
      showMe: ["kubectl run client --image=busybox -- sleep infinity", "kubectl wait --for=condition=Ready pod/client --timeout=60s", "kubectl exec client -- nslookup mysql", "kubectl exec client -- cat /etc/resolv.conf"],
      explain: `\`mysql\` became **mysql.default.svc.cluster.local → {{mysqlClusterIP}}**: the ClusterIP, not the pod IP. The server that answered, **10.96.0.10**, is the kube-dns Service: CoreDNS pods behind a ClusterIP of their own. The kubelet writes it into every pod's /etc/resolv.conf, with a \`search\` line that turns a short name into full ones. busybox tries them all, for IPv4 and again for IPv6, and prints NXDOMAIN ("no such name") for each miss: that is why it exits 1 although the name resolved. CoreDNS answers from the Services it watches; kube-proxy plays no part in names.`,
      highlight: () => ({ select: { kind: "Service", namespace: "kube-system", name: "kube-dns" } }),
      notes: "Ask what happens from another namespace: the short name fails there; `mysql.default.svc.cluster.local` works everywhere. `mysql.default` works for apps (`ping mysql.default` resolves), but busybox's nslookup skips the search list for any name with a dot, so it fails there. The nodes use the host's resolver, not CoreDNS, and have no nslookup here.",
    },
    {
      id: "wordpress",
      title: "The front end: WordPress",
      predict: {
        question: "WordPress needs to know where its database is. What should you give it?",
        options: ["The mysql pod's IP", "The mysql Service's ClusterIP", "The name `mysql`"],
        answer: 2,
        reveal: "The name: it resolves to the ClusterIP, and it is the same in every cluster you deploy to.",
      },
      body: `Create WordPress and point it at the database by name:

$ kubectl create deployment wordpress --image=wordpress --port=80
$ kubectl set env deployment/wordpress WORDPRESS_DB_HOST=mysql WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=secret
$ kubectl rollout status deployment/wordpress`,
      check(ctx) {
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
      hints: ["`kubectl create deployment wordpress --image=wordpress --port=80`", "`kubectl set env deployment/wordpress WORDPRESS_DB_HOST=mysql WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=secret`"],
      showMe: [
        "kubectl create deployment wordpress --image=wordpress --port=80",
        "kubectl set env deployment/wordpress WORDPRESS_DB_HOST=mysql WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=secret",
        "kubectl rollout status deployment/wordpress",
      ],
      explain: `\`kubectl set env\` changed the pod template, so the Deployment rolled out a new pod with the variable. Every page WordPress serves opens a connection to \`mysql:3306\`: its resolver asks CoreDNS, gets {{mysqlClusterIP}}, and kube-proxy's rules on its node send the connection to the mysql pod. Nothing in WordPress's config is an IP. (The wordpress image assumes \`mysql\` when the variable is missing, which is why some tutorials work by luck. Set it anyway.)`,
      highlight: () => ({ select: { kind: "Deployment", namespace: "default", name: "wordpress" } }),
      notes: "Run `kubectl exec deploy/wordpress -- curl -sS mysql:3306`: curl complains about HTTP/0.9 because MySQL speaks first, in its own protocol. The connection itself worked.",
    },
    {
      id: "nodeport",
      title: "Open the front end",
      predict: {
        question: "Users outside the cluster must open WordPress. What kind of Service does it need?",
        options: ["ClusterIP, like mysql: it is an IP after all", "NodePort: a port opened on every node's IP", "None: give users the pod IP"],
        answer: 1,
        reveal: "A ClusterIP only exists inside the cluster. A NodePort opens the same port on every node, and the node IPs are reachable from outside.",
      },
      body: `Expose WordPress with a NodePort and look at its ports:

$ kubectl expose deployment wordpress --type=NodePort --port=80
$ kubectl get svc wordpress

PORT(S) reads \`80:3xxxx/TCP\`: the Service port, then the node port.`,
      check(ctx) {
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
      hints: ["`kubectl expose deployment wordpress --type=NodePort --port=80`"],
      showMe: ["kubectl expose deployment wordpress --type=NodePort --port=80", "kubectl get svc wordpress"],
      explain: `wordpress got a ClusterIP like any Service, **and** the node port **{{nodePort}}**, picked by the API server from the default range 30000–32767. kube-proxy on every node now accepts connections to any node IP on {{nodePort}} and sends them to the wordpress pod, wherever it runs. mysql stays a ClusterIP: nothing outside needs to, or should, reach the database.`,
      remember: (ctx) => ({ nodePort: String(nodePortOf(service(ctx.snapshot, "wordpress")) ?? "") }),
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "wordpress" } }),
      notes: "The article asks: “will it be service IP for wordpress too?” Yes, every Service has a ClusterIP; the NodePort is added on top of it.",
    },
    {
      id: "outside",
      title: "Come in from outside",
      body: `A user's browser would open a node's IP and the node port. Your terminal runs on the control plane, on the same node network (172.30.1.0/24), so do the same:

$ curl -sI 172.30.1.2:{{nodePort}}

172.30.1.2 is the control plane's own IP; node01 (172.30.1.3) and node02 (172.30.1.4) answer too. Or, in the Traffic panel, send traffic From **users outside the cluster (NodePort)** To **wordpress**.`,
      enter: (ctx) => ({ nodePort: String(nodePortOf(service(ctx.snapshot, "wordpress")) ?? "") }),
      check(ctx) {
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
      hints: ["A node IP is in `kubectl get nodes -o wide`; the node port is the second number in `kubectl get svc wordpress`.", "`curl -sI 172.30.1.2:{{nodePort}}`"],
      showMe: (ctx) => {
        const np = nodePortOf(service(ctx.snapshot, "wordpress"));
        return np === undefined ? [] : [`curl -sI 172.30.1.2:${np}`];
      },
      explain: `**302 Found**, Location: …/wp-admin/install.php: WordPress reached its database, found it empty, and sends you to its installer. Follow that one request: it reached a node on the node port, and kube-proxy's KUBE-NODEPORTS rule sent it on to the wordpress pod (rewriting the source to the node's address, so the reply comes back the same way). To build the page, WordPress asked CoreDNS for \`mysql\`, connected to its ClusterIP, and its own node's rules sent that to the mysql pod. Two Services, two jobs: a ClusterIP for the inside, a NodePort for the way in.`,
      highlight: (ctx) => {
        const np = nodePortOf(service(ctx.snapshot, "wordpress"));
        const f = closedFlows(ctx, viaNodePort(ctx, "wordpress", np)).find((x) => x.outcome === "ok");
        return f?.node ? { rules: f.node } : undefined;
      },
      notes: "A real user would type http://NODE-IP:PORT in a browser. In production a LoadBalancer or an Ingress sits in front of the NodePort; on bare kubeadm there is no cloud to provide one.",
    },
    {
      id: "check",
      title: "Your turn: an api and its db",
      fresh: "lesson-microservices-check",
      body: `A fresh cluster runs two deployments: \`api\` (nginx, port 80) and \`db\` (redis, port 6379). Wire them like WordPress and MySQL. Give db a ClusterIP Service called \`db\` on port 6379. Give api a NodePort Service on port 80. Then, from the terminal, show that api answers on a node's IP and its node port.`,
      check(ctx) {
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
      hints: ["`kubectl expose deployment db --port=6379` and `kubectl expose deployment api --type=NodePort --port=80`.", "Then curl a node's IP on api's node port (`kubectl get svc api` shows it)."],
      showMe: ["kubectl expose deployment db --port=6379", "kubectl create service nodeport api --tcp=80:80 --node-port=30080", "kubectl get svc", { wait: 2000 }, "curl -sI 172.30.1.2:30080"],
      explain: `db has a stable inside address (and the name \`db\` for api to use), api has a way in on every node. "Show me" used \`kubectl create service nodeport --node-port=30080\` to choose the port itself; \`kubectl expose\` lets the API server pick one. Either way: ClusterIP for what stays inside, NodePort for what users reach.`,
      highlight: () => ({ select: { kind: "Service", namespace: "default", name: "api" } }),
    },
  ],
};
