import type { Scenario } from "../scenarios";

/** Lesson 6 (where the rules live): kube-proxy in iptables mode, the article's my-service and a client. */
export const LESSON_6: readonly Scenario[] = [
  {
    id: "lesson-rules",
    title: "Lesson 6: my-service with two pods, and a client",
    description:
      "kube-proxy in iptables mode; kubectl create deployment test --image=nginx --replicas=2, exposed as my-service on port 8080 → 80, and a curl client pod.",
    options: { proxyMode: "iptables" },
    steps: [
      "kubectl create deployment test --image=nginx --replicas=2",
      "kubectl expose deployment test --port=8080 --target-port=80 --name=my-service",
      "kubectl run client --image=curlimages/curl -- sleep infinity",
      15_000,
    ],
  },
  {
    id: "lesson-rules-check",
    title: "Lesson 6 check: Service web with a pod on each worker",
    description: "kube-proxy in iptables mode; kubectl create deployment web --image=nginx --replicas=2, exposed as web on port 80.",
    options: { proxyMode: "iptables" },
    steps: ["kubectl create deployment web --image=nginx --replicas=2", "kubectl expose deployment web --port=80", 15_000],
  },
];
