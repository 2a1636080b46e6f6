export { Queue } from "./queue";
export type { DeadLetterQueueOptions, IQueue, QueueProps } from "./queue";
