// kubectl output printers: tabwriter, durations, -o yaml / json / jsonpath / custom-columns.
export {
  TabWriter,
  tabwrite,
  tabwriteText,
  KUBECTL_GET_TABWRITER,
  KUBECTL_DESCRIBE_TABWRITER,
  FilterHTML,
  StripEscape,
  AlignRight,
  DiscardEmptyColumns,
  TabIndent,
  Debug,
  RememberWidths,
  type TabwriterOptions,
} from "./tabwriter";
export { humanDuration, shortHumanDuration } from "../../util/duration";
export { toYaml, toYamlList, listWrapper, YamlError } from "./yaml";
export { toJson, toJsonList, toCompactJson } from "./json";
export {
  jsonpath,
  parseJsonPath,
  findResults,
  type JsonPathOptions,
  type JsonPathResult,
  type ParsedJsonPath,
} from "./jsonpath";
export {
  printCustomColumns,
  customColumns,
  parseCustomColumnsSpec,
  relaxedJsonPathExpression,
  type CustomColumn,
  type CustomColumnsOptions,
} from "./customcolumns";
export { escapeTerminal, goFmtV, formatGoFloatG } from "./gofmt";
