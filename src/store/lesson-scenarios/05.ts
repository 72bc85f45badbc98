import type { Scenario } from "../scenarios";

/** kube-state-metrics as the article runs it: one container with two named ports. */
const KSM_DEPLOYMENT = `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: kube-state-metrics
  namespace: kube-system
  labels:
    app.kubernetes.io/name: kube-state-metrics
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: kube-state-metrics
  template:
    metadata:
      labels:
        app.kubernetes.io/name: kube-state-metrics
    spec:
      containers:
      - name: kube-state-metrics
        image: registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.3.0
        ports:
        - containerPort: 8080
          name: http-metrics
        - containerPort: 8081
          name: telemetry
EOF`;

/** A deployment whose container names its two ports: web (80) and admin (9000). */
const API_DEPLOYMENT = `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx
        ports:
        - containerPort: 80
          name: web
        - containerPort: 9000
          name: admin
EOF`;

/** Lesson 5 (the file method): the article's test deployment, a client, and kube-state-metrics. */
export const LESSON_5: readonly Scenario[] = [
  {
    id: "lesson-file",
    title: "Lesson 5: test, a client, and kube-state-metrics",
    description: "kubectl create deployment test --image=nginx, a curl client pod, and the article's kube-state-metrics Deployment in kube-system (container ports http-metrics 8080 and telemetry 8081); no Services yet.",
    steps: ["kubectl create deployment test --image=nginx", "kubectl run client --image=curlimages/curl -- sleep infinity", KSM_DEPLOYMENT, 15_000],
  },
  {
    id: "lesson-file-check",
    title: "Lesson 5 check: deployment api with two named ports",
    description: "Deployment api (2 nginx pods) whose container declares ports web (80) and admin (9000); no Service.",
    steps: [API_DEPLOYMENT, 15_000],
  },
];
