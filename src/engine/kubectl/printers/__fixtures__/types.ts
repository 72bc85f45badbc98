// Shape of kubectl.json (outputs captured from a real kubectl client; see README.md).

export interface Captured {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface CapturedWithInput<T = unknown> extends Captured {
  input: T;
}

export interface JsonPathCase extends Captured {
  object?: string;
  template: string;
  strict?: boolean;
  asJson?: boolean;
}

export interface CustomColumnsCase extends Captured {
  spec: string;
  noHeaders?: boolean;
}

export interface KubectlFixtures {
  yaml: Record<string, CapturedWithInput>;
  json: Record<string, CapturedWithInput>;
  yamlList: CapturedWithInput<unknown[]>;
  jsonList: CapturedWithInput<unknown[]>;
  yamlEmptyList: Captured;
  jsonEmptyList: Captured;
  yamlCtl: Captured;
  yamlCtl2: Captured;
  jsonpath: JsonPathCase[];
  jsonpathList: JsonPathCase[];
  customColumns: { input: unknown[]; cases: CustomColumnsCase[] };
  customColumnsSingle: CapturedWithInput;
}
