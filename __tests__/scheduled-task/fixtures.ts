import { Construct } from "constructs";
import { ScheduledTask, ScheduledTaskProps } from "../../src/scheduled-task";
import { testCluster, testTaskDefinition } from "../fixtures";
import { attributesNetwork } from "../helpers";

/** Props of {@link nightly}: a scheduled task's, with the test cluster and task definition described instead of given. */
export type NightlyProps = Omit<ScheduledTaskProps, "cluster" | "taskDefinition"> & {
  /** @default "FARGATE" */
  compatibility?: "FARGATE" | "EC2";
  /** @default "awsvpc" */
  networkMode?: "awsvpc" | "bridge";
  /** Capacity providers of the test cluster. @default ["FARGATE", "FARGATE_SPOT"] */
  providers?: string[];
};

/** A valid ScheduledTask `Nightly` running the test task definition at 02:00 on the test cluster, with `extra` on top. */
export function nightly(scope: Construct, extra: Partial<NightlyProps> = {}): ScheduledTask {
  const { compatibility, networkMode, providers, ...props } = extra;
  const cluster = testCluster(scope, attributesNetwork(), providers);
  const taskDefinition = testTaskDefinition(scope, compatibility, networkMode);
  return new ScheduledTask(scope, "Nightly", {
    name: "acme-test-nightly-report",
    schedule: "cron(0 2 * * ? *)",
    cluster,
    taskDefinition,
    ...props,
  });
}

export { testCluster, testTaskDefinition };
