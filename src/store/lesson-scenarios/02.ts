import type { Scenario } from "../scenarios";

/** Lesson 2 (pod IPs don't last) starts on the empty cluster. */
export const LESSON_2: readonly Scenario[] = [
  {
    id: "lesson-podip-check",
    title: "Lesson 2 check: deployment web and a client pod",
    description: "kubectl create deployment web --image=nginx --replicas=2, and a curl client pod.",
    steps: ["kubectl create deployment web --image=nginx --replicas=2", "kubectl run client --image=curlimages/curl -- sleep infinity", 15_000],
  },
];
