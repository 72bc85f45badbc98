import type { Scenario } from "../scenarios";

/** Lesson 1 (three IP ranges) starts on the empty cluster; its closing check uses other ranges. */
export const LESSON_1: readonly Scenario[] = [
  {
    id: "lesson-ranges-check",
    title: "Lesson 1 check: a cluster set up with other ranges",
    description: "kubeadm init --pod-network-cidr=10.244.0.0/16 --service-cidr=10.100.0.0/16; nothing deployed.",
    options: { podCidr: "10.244.0.0/16", serviceCidr: "10.100.0.0/16" },
    steps: [],
  },
];
