export * from "./load-balanced-web-service";
export * from "./queue-processing-service";
