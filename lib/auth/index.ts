export * from "./actor";
export * from "./password";
