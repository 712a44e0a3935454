/** The part of @lhncbc/ucum-lhc (the NLM's UCUM library; it ships no types) that Flarewatch uses. */
declare module "@lhncbc/ucum-lhc" {
  interface UcumLhcUtils {
    validateUnitString(unit: string, suggest?: boolean): { status: "valid" | "invalid" | "error"; ucumCode: string | null; msg: string[] };
    convertUnitTo(fromUnit: string, value: number, toUnit: string): { status: "succeeded" | "failed" | "error"; toVal: number | null; msg: string[] };
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
