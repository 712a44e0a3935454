export { commensurableTarget, convertUcum, isUcumUnit, ucumFactor, type Conversion } from "./ucum";
