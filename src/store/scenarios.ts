/**
 * The scenarios a lab can start from. A scenario is data: cluster options plus the commands (and
 * waits) that build it, run through the same `cluster.exec` door as everything else. Its steps are
 * shown in the terminal when the lab starts, but they are not part of the action log: the
 * scenario id stands for them, so saved and shared labs stay short.
 */
import type { ClusterOptions } from "../engine/api";
import { LESSON_SCENARIOS } from "./lesson-scenarios";

export interface Scenario {
  /** Stable id, used in saved state, shared links and `#scenario=ID` deep links. */
  id: string;
  title: string;
  description: string;
  /** Cluster options this scenario needs (merged over the lab's own). */
  options?: ClusterOptions;
  /** Exec lines and advances (virtual ms) that build the scenario, in order. */
  steps: readonly (string | number)[];
}

/** MySQL as a Deployment, applied from a heredoc (the wordpress scenario and lesson 7 use it). */
export const MYSQL_MANIFEST = `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mysql
  labels:
    app: mysql
spec:
  selector:
    matchLabels:
      app: mysql
  template:
    metadata:
      labels:
        app: mysql
    spec:
      containers:
      - name: mysql
        image: mysql:8.0
        env:
        - name: MYSQL_ROOT_PASSWORD
          value: secret
        - name: MYSQL_DATABASE
          value: wordpress
        ports:
        - containerPort: 3306
EOF`;

/** Every scenario the top bar offers, the default first (lessons' starting clusters are in lesson-scenarios.ts). */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: "empty",
    title: "Empty kubeadm cluster",
    description: "A control-plane node and two workers, Calico and CoreDNS running; nothing deployed.",
    steps: [],
  },
  {
    id: "article",
    title: "The article's test deployment",
    description: "kubectl create deployment test --image=nginx, exposed as my-service on port 8080 → 80.",
    steps: ["kubectl create deployment test --image=nginx", "kubectl expose deployment test --port=8080 --target-port=80 --name=my-service", 15_000],
  },
  {
    id: "wordpress",
    title: "MySQL + WordPress",
    description: "Two microservices: WordPress reaches MySQL through mysql's ClusterIP Service (WORDPRESS_DB_HOST=mysql, logging in as root); WordPress is a NodePort.",
    steps: [
      MYSQL_MANIFEST,
      "kubectl expose deploy mysql --port=3306",
      "kubectl create deployment wordpress --image=wordpress --port=80",
      // The image's defaults ("example username") would not get in: log in as mysql's root.
      "kubectl set env deployment/wordpress WORDPRESS_DB_HOST=mysql WORDPRESS_DB_USER=root WORDPRESS_DB_PASSWORD=secret",
      "kubectl expose deploy wordpress --port=80 --type=NodePort",
      15_000,
    ],
  },
  {
    id: "slow-lc",
    title: "A slow pod behind an lc Service",
    description:
      "kube-proxy in IPVS mode with the lc (least connection) scheduler; web has two fast pods and one orphan pod, web-slow, that answers after 2 s; a curl client pod sends the traffic.",
    options: { proxyMode: "ipvs", ipvsScheduler: "lc" },
    steps: [
      "kubectl create deployment web --image=nginx --replicas=2 --port=80",
      "kubectl run web-slow --image=nginx --labels=app=web --port=80",
      "kubectl annotate pod web-slow podflow.dev/response-delay=2s",
      "kubectl expose deployment web --port=80",
      // The pod the traffic comes from, as in the lessons.
      "kubectl run client --image=curlimages/curl -- sleep infinity",
      15_000,
    ],
  },
];

/** Every scenario a lab may run: the ones above and the lessons' starting clusters. */
const ALL: readonly Scenario[] = [...SCENARIOS, ...LESSON_SCENARIOS];

/** The scenario a new lab starts from. */
export const DEFAULT_SCENARIO_ID = "empty";

/** The scenario with this id, or undefined. */
export function findScenario(id: string): Scenario | undefined {
  return ALL.find((s) => s.id === id);
}
