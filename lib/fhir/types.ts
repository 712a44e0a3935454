/**
 * The parts of FHIR R4 that Flarewatch writes, typed loosely: enough for the exporter to be checked by
 * the compiler. Imported resources are read as unknown JSON and checked field by field.
 */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Quantity {
  value?: number;
  comparator?: "<" | "<=" | ">=" | ">";
  unit?: string;
  system?: string;
  code?: string;
}
export interface Period {
  start?: string;
  end?: string;
}
export interface Reference {
  reference?: string;
  display?: string;
}
export interface Identifier {
  type?: CodeableConcept;
  system?: string;
  value?: string;
}
export interface Extension {
  url: string;
  valueInteger?: number;
  valueDecimal?: number;
  valueString?: string;
  valueCode?: string;
  valueBoolean?: boolean;
  valueDateTime?: string;
  valueQuantity?: Quantity;
  valueCoding?: Coding;
  valueReference?: Reference;
}
export interface Annotation {
  text: string;
}

export interface Resource {
  resourceType: string;
  id?: string;
  extension?: Extension[];
  [field: string]: unknown;
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: Resource;
  request?: { method: string; url: string };
}

export interface Bundle {
  resourceType: "Bundle";
  type: "collection" | "transaction";
  timestamp?: string;
  entry: BundleEntry[];
}
