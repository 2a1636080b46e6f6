export * from "./queue";
