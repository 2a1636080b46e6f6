export * from "./offline-check";
export * from "./provider-mirror";
