import type { Construct } from "constructs";
import { type CapacityProviderStrategyItem, FARGATE_SPOT } from "../cluster/types";
import { PropKinds as K } from "../core/required-props";
import { checkIntegerRange, checkMinMax } from "../core/validate";
import type { IQueue } from "../queue/queue";
import type { ServiceAlarmOptions } from "../service/alarms";
import type { ServiceConnectOptions } from "../service/service-connect";
import type { ScaleInStep, ScaleOutStep } from "../service/step-scaling";
import type { TaskDefinition } from "../task/task-definition";
import { ServicePattern, type ServicePatternOptions } from "./service-pattern";

/** Properties of a {@link QueueProcessingService}. */
export interface QueueProcessingServiceProps extends ServicePatternOptions {
  /** Service name, e.g. `acme-dev-worker`; also names its security group, alarms and scaling policies. */
  readonly name: string;
  /** An `awsvpc` task definition; its task role is granted `grantConsume` on the queue. */
  readonly taskDefinition: TaskDefinition;
  /**
   * The queue the tasks consume, usually a `Queue` (dead-letter queue, encryption). Create it
   * before the task definition so the container's environment can carry its URL.
   */
  readonly queue: IQueue;
  /** Fewest tasks, 0 to 5000; 0 stops every task while the queue is empty. @default 0 */
  readonly minCapacity?: number;
  /** Most tasks, 1 to 5000. @default 4 */
  readonly maxCapacity?: number;
  /**
   * Tasks added by queue depth (visible messages, the maximum over a minute).
   * @default - one task from 1 message, three from 100 (`QueueProcessingService.DEFAULT_SCALE_OUT_STEPS`)
   */
  readonly scaleOutSteps?: readonly ScaleOutStep[];
  /** Tasks removed by queue depth. @default - one task per minute while no message is visible */
  readonly scaleInSteps?: readonly ScaleInStep[];
  /** Capacity providers and weights. @default - all Fargate Spot: a worker tolerates interruption (its message returns to the queue) */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** Service Connect client, so the worker reaches other services by name. @default - off */
  readonly serviceConnect?: ServiceConnectOptions;
  /** The service's CloudWatch alarms. @default - the service module's alarms (CPU, memory, task count) */
  readonly alarms?: ServiceAlarmOptions;
}

/**
 * A worker service that consumes an SQS queue: exactly `grantConsume` on the queue for its task
 * role, step scaling on the queue's depth from zero tasks, and Fargate Spot.
 *
 * The service is this construct's `Default` child, which cdktf leaves out of Terraform addresses:
 * `new QueueProcessingService(stack, "Worker", ...)` has exactly the addresses of
 * `new Service(stack, "Worker", ...)` with the same settings.
 */
export class QueueProcessingService extends ServicePattern {
  /** No task while the queue is empty: a worker scales to zero. */
  public static readonly DEFAULT_MIN_CAPACITY = 0;
  /** At most four tasks at once. */
  public static readonly DEFAULT_MAX_CAPACITY = 4;
  /** One task as soon as a message waits, three more at a time once 100 do. */
  public static readonly DEFAULT_SCALE_OUT_STEPS: readonly ScaleOutStep[] = [
    { from: 1, change: 1 },
    { from: 100, change: 3 },
  ];
  /** One task fewer each minute the queue shows no visible message. */
  public static readonly DEFAULT_SCALE_IN_STEPS: readonly ScaleInStep[] = [{ upTo: 0, change: -1 }];
  /** Key of the step scaling policy (part of the policies' and alarms' Terraform addresses). */
  public static readonly SCALING_POLICY_KEY = "queue-depth";

  /** The queue the service consumes. */
  public readonly queue: IQueue;

  constructor(scope: Construct, id: string, props: QueueProcessingServiceProps) {
    const queueKind = K.reference("an IQueue such as a Queue", "queueArn", "queueUrl");
    super(scope, id, "QueueProcessingServiceProps", props, { queue: queueKind }, (self) => {
      const minCapacity = props.minCapacity ?? QueueProcessingService.DEFAULT_MIN_CAPACITY;
      const maxCapacity = props.maxCapacity ?? QueueProcessingService.DEFAULT_MAX_CAPACITY;
      checkIntegerRange(self, "QUEUE_SERVICE_MIN_CAPACITY", "minCapacity", minCapacity, 0, 5000);
      checkIntegerRange(self, "QUEUE_SERVICE_MAX_CAPACITY", "maxCapacity", maxCapacity, 1, 5000);
      checkMinMax(self, "QUEUE_SERVICE_MIN_ABOVE_MAX", "minCapacity", minCapacity, "maxCapacity", maxCapacity);
      props.queue.grantConsume(props.taskDefinition);
      return {
        capacityProviderStrategy: props.capacityProviderStrategy ?? [{ capacityProvider: FARGATE_SPOT, weight: 1 }],
        autoScaling: {
          minCapacity,
          maxCapacity,
          stepScaling: {
            [QueueProcessingService.SCALING_POLICY_KEY]: {
              metric: {
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: props.queue.queueName },
                statistic: "Maximum",
              },
              scaleOut: props.scaleOutSteps ?? QueueProcessingService.DEFAULT_SCALE_OUT_STEPS,
              scaleIn: props.scaleInSteps ?? QueueProcessingService.DEFAULT_SCALE_IN_STEPS,
            },
          },
        },
      };
    });
    this.queue = props.queue;
  }
}
