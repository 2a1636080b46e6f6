export * from "./compute-environment";
export * from "./fair-share-policy";
export * from "./instance-role";
export * from "./job-container";
export * from "./job-definition";
export * from "./job-queue";
export * from "./job-schedule";
export * from "./launch-template";
