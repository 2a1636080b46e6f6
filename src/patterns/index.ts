export { LoadBalancedWebService } from "./load-balanced-web-service";
export type { LoadBalancedWebServiceProps, ScaleToZeroSchedule } from "./load-balanced-web-service";
export type { ServicePatternOptions } from "./service-pattern";
export { QueueProcessingService } from "./queue-processing-service";
export type { QueueProcessingServiceProps } from "./queue-processing-service";
