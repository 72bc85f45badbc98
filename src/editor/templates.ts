/**
 * Manifests the YAML editor starts from. Each is real: the article's Service and its
 * kube-state-metrics Service (from /work/shared/seed/service-ip-article.txt), and what kubectl
 * v1.33 itself prints for a Deployment and a Pod with `--dry-run=client -o yaml`.
 */

export interface Template {
  id: string;
  title: string;
  text: string;
}

/** Every template, in the order the editor offers them. */
export const TEMPLATES: readonly Template[] = [
  {
    id: "article-service",
    title: "The article's Service (my-service → app=test)",
    text: `# The article's Service, written as a file instead of
#   kubectl expose deploy test --port=8080 --target-port=80 --name=my-service
# It selects pods by label (app=test), never by deployment name.
apiVersion: v1
kind: Service
metadata:
  name: my-service
  labels:
    app: test
spec:
  selector:
    app: test
  ports:
  - protocol: TCP
    port: 8080
    targetPort: 80
`,
  },
  {
    id: "deployment",
    title: "Deployment (kubectl create deployment test --image=nginx)",
    // kubectl create deployment test --image=nginx --dry-run=client -o yaml   (kubectl v1.33.1)
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: test
  name: test
spec:
  replicas: 1
  selector:
    matchLabels:
      app: test
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: test
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`,
  },
  {
    id: "pod",
    title: "Pod (kubectl run test --image=nginx)",
    // kubectl run test --image=nginx --dry-run=client -o yaml   (kubectl v1.33)
    text: `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: test
  name: test
spec:
  containers:
  - image: nginx
    name: test
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
  },
  {
    id: "kube-state-metrics",
    title: "The article's kube-state-metrics Service",
    text: `# The kube-state-metrics Service from the article, as it was applied
# (its last-applied-configuration). Fields the server sets are left out:
# uid, resourceVersion, status, and clusterIP 172.20.166.31, which is
# outside this cluster's service range (10.96.0.0/12).
apiVersion: v1
kind: Service
metadata:
  labels:
    app.kubernetes.io/component: exporter
    app.kubernetes.io/name: kube-state-metrics
    app.kubernetes.io/version: 2.3.0
  name: kube-state-metrics
  namespace: kube-system
spec:
  ports:
  - name: http-metrics
    port: 8080
    targetPort: http-metrics
  - name: telemetry
    port: 8081
    targetPort: telemetry
  selector:
    app.kubernetes.io/name: kube-state-metrics
`,
  },
];

/** The template with this id, or undefined. */
export function findTemplate(id: string | undefined): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
