export * from "./dates";
export * from "./kinds";
export * from "./labs";
export * from "./event";
export * from "./problems";
export * from "./patient";
export * from "./examples";
export * from "./describe";
