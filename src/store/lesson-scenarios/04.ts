import type { Scenario } from "../scenarios";

/** Lesson 4 (selectors, not names): the article's my-service in front of deployment test; its check has a Service whose selector matches nothing. */
export const LESSON_4: readonly Scenario[] = [
  {
    id: "lesson-selectors",
    title: "Lesson 4: my-service in front of deployment test",
    description: "Deployment test (2 nginx pods) exposed as my-service on port 8080 → 80 (selector app=test), and a curl client pod.",
    steps: [
      "kubectl create deployment test --image=nginx --replicas=2",
      "kubectl expose deployment test --port=8080 --target-port=80 --name=my-service",
      "kubectl run client --image=curlimages/curl -- sleep infinity",
      15_000,
    ],
  },
  {
    id: "lesson-selectors-check",
    title: "Lesson 4 check: a Service that selects nothing",
    description: "Service shop (selector app=shop, port 80) with no endpoints, deployment store (app=store, 2 nginx pods), and a curl client pod.",
    steps: [
      "kubectl create deployment store --image=nginx --replicas=2",
      "kubectl create service clusterip shop --tcp=80:80",
      "kubectl run client --image=curlimages/curl -- sleep infinity",
      15_000,
    ],
  },
];
