export * from "./actor";
