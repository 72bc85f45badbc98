import type { Scenario } from "../scenarios";

/** Lesson 7 (two microservices) starts on the empty cluster; its closing check has two apps to wire. */
export const LESSON_7: readonly Scenario[] = [
  {
    id: "lesson-microservices-check",
    title: "Lesson 7 check: an api and its db",
    description: "kubectl create deployment api --image=nginx --port=80, and db --image=redis --port=6379; no Services yet.",
    steps: ["kubectl create deployment api --image=nginx --port=80", "kubectl create deployment db --image=redis --port=6379", 15_000],
  },
];
