import { describe, expect, it } from "vitest";
import { helpText, lab } from "./testlab";

/** `kubectl <path> --help` from a real kubectl v1.33.1 (verbatim). */
const REAL_HELP: Record<string, string> = {
  "api-resources": "Print the supported API resources on the server.\n\nExamples:\n  # Print the supported API resources\n  kubectl api-resources\n  \n  # Print the supported API resources with more information\n  kubectl api-resources -o wide\n  \n  # Print the supported API resources sorted by a column\n  kubectl api-resources --sort-by=name\n  \n  # Print the supported namespaced resources\n  kubectl api-resources --namespaced=true\n  \n  # Print the supported non-namespaced resources\n  kubectl api-resources --namespaced=false\n  \n  # Print the supported API resources with a specific APIGroup\n  kubectl api-resources --api-group=rbac.authorization.k8s.io\n\nOptions:\n    --api-group='':\n\tLimit to resources in the specified API group.\n\n    --cached=false:\n\tUse the cached list of resources if available.\n\n    --categories=[]:\n\tLimit to resources that belong to the specified categories.\n\n    --namespaced=true:\n\tIf false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.\n\n    --no-headers=false:\n\tWhen using the default or custom-column output format, don't print headers (default print headers).\n\n    -o, --output='':\n\tOutput format. One of: (wide, name).\n\n    --sort-by='':\n\tIf non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.\n\n    --verbs=[]:\n\tLimit to resources that support the specified verbs.\n\nUsage:\n  kubectl api-resources [flags] [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n",
};
/** Captured from kubectl v1.33.1 against a stub API server whose discovery serves exactly these resources. */
const REAL: Record<string, string> = {
  plain: "NAME             SHORTNAMES   APIVERSION            NAMESPACED   KIND\nconfigmaps       cm           v1                    true         ConfigMap\nendpoints        ep           v1                    true         Endpoints\nevents           ev           v1                    true         Event\nnamespaces       ns           v1                    false        Namespace\nnodes            no           v1                    false        Node\npods             po           v1                    true         Pod\nservices         svc          v1                    true         Service\ndaemonsets       ds           apps/v1               true         DaemonSet\ndeployments      deploy       apps/v1               true         Deployment\nreplicasets      rs           apps/v1               true         ReplicaSet\nendpointslices                discovery.k8s.io/v1   true         EndpointSlice\n",
  wide: "NAME             SHORTNAMES   APIVERSION            NAMESPACED   KIND            VERBS                                                        CATEGORIES\nconfigmaps       cm           v1                    true         ConfigMap       create,delete,deletecollection,get,list,patch,update,watch   \nendpoints        ep           v1                    true         Endpoints       create,delete,deletecollection,get,list,patch,update,watch   \nevents           ev           v1                    true         Event           create,delete,deletecollection,get,list,patch,update,watch   \nnamespaces       ns           v1                    false        Namespace       create,delete,get,list,patch,update,watch                    \nnodes            no           v1                    false        Node            create,delete,deletecollection,get,list,patch,update,watch   \npods             po           v1                    true         Pod             create,delete,deletecollection,get,list,patch,update,watch   all\nservices         svc          v1                    true         Service         create,delete,deletecollection,get,list,patch,update,watch   all\ndaemonsets       ds           apps/v1               true         DaemonSet       create,delete,deletecollection,get,list,patch,update,watch   all\ndeployments      deploy       apps/v1               true         Deployment      create,delete,deletecollection,get,list,patch,update,watch   all\nreplicasets      rs           apps/v1               true         ReplicaSet      create,delete,deletecollection,get,list,patch,update,watch   all\nendpointslices                discovery.k8s.io/v1   true         EndpointSlice   create,delete,deletecollection,get,list,patch,update,watch   \n",
  name: "configmaps\nendpoints\nevents\nnamespaces\nnodes\npods\nservices\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nendpointslices.discovery.k8s.io\n",
  cluster: "NAME         SHORTNAMES   APIVERSION   NAMESPACED   KIND\nnamespaces   ns           v1           false        Namespace\nnodes        no           v1           false        Node\n",
  kind: "configmaps       cm       v1                    true    ConfigMap\ndaemonsets       ds       apps/v1               true    DaemonSet\ndeployments      deploy   apps/v1               true    Deployment\nendpointslices            discovery.k8s.io/v1   true    EndpointSlice\nendpoints        ep       v1                    true    Endpoints\nevents           ev       v1                    true    Event\nnamespaces       ns       v1                    false   Namespace\nnodes            no       v1                    false   Node\npods             po       v1                    true    Pod\nreplicasets      rs       apps/v1               true    ReplicaSet\nservices         svc      v1                    true    Service\n",
  apps: "NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND         VERBS                                                        CATEGORIES\ndaemonsets    ds           apps/v1      true         DaemonSet    create,delete,deletecollection,get,list,patch,update,watch   all\ndeployments   deploy       apps/v1      true         Deployment   create,delete,deletecollection,get,list,patch,update,watch   all\nreplicasets   rs           apps/v1      true         ReplicaSet   create,delete,deletecollection,get,list,patch,update,watch   all\n",
  verbs: "NAME    SHORTNAMES   APIVERSION   NAMESPACED   KIND\nnodes   no           v1           false        Node\n",
  cat: "NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND\ndaemonsets    ds           apps/v1      true         DaemonSet\ndeployments   deploy       apps/v1      true         Deployment\npods          po           v1           true         Pod\nreplicasets   rs           apps/v1      true         ReplicaSet\nservices      svc          v1           true         Service\n",
};

describe("kubectl api-resources", () => {
  const cases: [string, string][] = [
    ["kubectl api-resources", "plain"],
    ["kubectl api-resources -o wide", "wide"],
    ["kubectl api-resources -o name", "name"],
    ["kubectl api-resources --namespaced=false", "cluster"],
    ["kubectl api-resources --sort-by=kind --no-headers", "kind"],
    ["kubectl api-resources --api-group=apps -o wide", "apps"],
    ["kubectl api-resources --verbs=deletecollection --namespaced=false", "verbs"],
    ["kubectl api-resources --categories=all --sort-by=name", "cat"],
  ];
  for (const [line, key] of cases) {
    it(`${line.slice(8)}: as kubectl prints it`, () => {
      const { run } = lab();
      expect(run(line)).toEqual({ stdout: REAL[key], stderr: "", exitCode: 0 });
    });
  }

  it("prints kubectl's errors", () => {
    const { run } = lab();
    expect(run("kubectl api-resources -o foo")).toEqual({ stdout: "", stderr: "error: --output foo is not available\n", exitCode: 1 });
    expect(run("kubectl api-resources --sort-by=foo").stderr).toBe("error: --sort-by accepts only name or kind\n");
    expect(run("kubectl api-resources extra").stderr).toBe("error: unexpected arguments: [extra]\nSee 'kubectl api-resources -h' for help and examples\n");
  });

  it("--help is kubectl's text", () => {
    expect(helpText("kubectl api-resources")).toBe(REAL_HELP["api-resources"]);
  });
});
