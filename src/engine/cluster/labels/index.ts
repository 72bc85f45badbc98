/** Label selectors (`labels.Parse`, `LabelSelectorAsSelector`) and label/selector indexes. */
export {
  everything,
  formatLabels,
  labelSelectorAsSelector,
  newRequirement,
  nothing,
  parseInt64,
  parseSelector,
  requirementMatches,
  requirementToString,
  selectorFromLabelSelector,
  selectorFromMap,
  selectorFromRequirements,
  selectorFromSet,
} from "./selector";
export type { Operator, ParseResult, Requirement, Selector } from "./selector";
export { LabelIndex, SelectorIndex } from "./labelIndex";
