import type { Scenario } from "../scenarios";

/** Lesson 3 (a Service is a stable virtual IP): two nginx pods and a client, no Service yet; its check uses a deployment web. */
export const LESSON_3: readonly Scenario[] = [
  {
    id: "lesson-vip",
    title: "Lesson 3: deployment test and a client pod",
    description: "kubectl create deployment test --image=nginx --replicas=2, and a curl client pod; no Service yet.",
    steps: ["kubectl create deployment test --image=nginx --replicas=2", "kubectl run client --image=curlimages/curl -- sleep infinity", 15_000],
  },
  {
    id: "lesson-vip-check",
    title: "Lesson 3 check: deployment web and a client pod",
    description: "kubectl create deployment web --image=nginx --replicas=3, and a curl client pod; no Service yet.",
    steps: ["kubectl create deployment web --image=nginx --replicas=3", "kubectl run client --image=curlimages/curl -- sleep infinity", 15_000],
  },
];
