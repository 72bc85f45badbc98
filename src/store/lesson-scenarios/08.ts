import type { Scenario } from "../scenarios";

/** Lesson 8 (load distribution): three nginx pods behind `web` and a client, kube-proxy in iptables mode. */
export const LESSON_8: readonly Scenario[] = [
  {
    id: "lesson-load",
    title: "Lesson 8: three web pods and a client",
    description: "kube-proxy in iptables mode; deployment web (nginx ×3) exposed on port 80, and a curl client pod.",
    options: { proxyMode: "iptables" },
    steps: [
      "kubectl create deployment web --image=nginx --replicas=3",
      "kubectl expose deployment web --port=80",
      "kubectl run client --image=curlimages/curl -- sleep infinity",
      20_000,
    ],
  },
  {
    id: "lesson-load-check",
    title: "Lesson 8 check: a slow pod behind web",
    description:
      "kube-proxy in iptables mode; web has two nginx pods and one more, web-slow, that answers after 2 s; Service web on port 80 and a curl client pod.",
    options: { proxyMode: "iptables" },
    steps: [
      "kubectl create deployment web --image=nginx --replicas=2 --port=80",
      "kubectl run web-slow --image=nginx --labels=app=web --port=80",
      "kubectl annotate pod web-slow podflow.dev/response-delay=2s",
      "kubectl expose deployment web --port=80",
      "kubectl run client --image=curlimages/curl -- sleep infinity",
      20_000,
    ],
  },
];
