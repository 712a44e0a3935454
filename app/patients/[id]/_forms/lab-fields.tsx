"use client";

import { useState } from "react";
import { analytes, formatRange, unitLabel, type AnalyteCode } from "@/lib/events";
import { analyteOptions, comparatorOptions } from "./event-fields";
import { NumberField, SelectField } from "@/app/_components/form";
import { textOf, type FormValues } from "@/app/_components/form/form-values";

/**
 * A lab result as printed: the test, a sign when the result reads "< 4", the value in the analyte's
 * unit, and the lab's own reference range (the typical range is only a hint).
 */
export function LabFields({ initialValues }: { initialValues: FormValues }) {
  const [analyte, setAnalyte] = useState<AnalyteCode | undefined>(() => (textOf(initialValues, "payload.analyte") as AnalyteCode) || undefined);
  const known = analyte !== undefined && analyte in analytes ? analytes[analyte] : undefined;
  const units = known ? (known.units as readonly string[]) : [...new Set(Object.values(analytes).flatMap((a) => a.units as readonly string[]))];
  const unit = known ? units[0] : undefined;
  const typical = known ? formatRange(known.typical, units[0]) : undefined;
  return (
    <>
      <SelectField name="payload.analyte" label="Test" options={analyteOptions} blank="Choose…" onChange={(value) => setAnalyte((value || undefined) as AnalyteCode | undefined)} />
      <div className="field-row">
        <SelectField name="payload.comparator" label="Sign (optional)" options={comparatorOptions} blank="None" hint="For “< 4”, choose < and enter 4" />
        <NumberField name="payload.value" label="Result" unit={unit ? unitLabel(unit) : undefined} />
        {/* Remounted when the test changes, so the unit follows the test. */}
        <SelectField key={analyte ?? "none"} name="payload.unit" label="Unit" options={units.map((u) => ({ value: u, label: unitLabel(u) }))} defaultValue={unit} />
      </div>
      <fieldset className="field group" aria-describedby="range-hint">
        <legend>Reference range as printed by the lab</legend>
        <p className="hint" id="range-hint">
          Leave a limit empty if the lab printed none, as in “&lt; 5”.{typical ? ` Typical adult range: ${typical}.` : ""}
        </p>
        <div className="group-fields">
          <NumberField name="payload.referenceRange.low" label="Low limit" unit={unit ? unitLabel(unit) : undefined} />
          <NumberField name="payload.referenceRange.high" label="High limit" unit={unit ? unitLabel(unit) : undefined} />
        </div>
      </fieldset>
    </>
  );
}
