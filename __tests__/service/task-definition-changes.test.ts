import { Service } from "../../src/service/service";
import { expectedMessage, resourceAt, synth, testRejections } from "../helpers";
import { platform, webTask } from "./fixtures";

describe("Service taskDefinitionChanges", () => {
  const build = (taskDefinitionChanges?: "terraform" | "ignore") =>
    synth((stack) => {
      const { cluster } = platform(stack);
      new Service(stack, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(stack), taskDefinitionChanges });
    });

  test('"ignore" leaves the running revision to the pipeline and keeps Terraform\'s revisions registered', () => {
    const s = build("ignore");
    expect(resourceAt(s, "aws_ecs_service", "Web").lifecycle.ignore_changes).toEqual(["task_definition"]);
    expect(resourceAt(s, "aws_ecs_task_definition", "Task").skip_destroy).toBe(true);
  });

  test('"terraform" (the default) manages the revision on every apply and deregisters replaced ones', () => {
    const s = build();
    expect(resourceAt(s, "aws_ecs_service", "Web").lifecycle?.ignore_changes ?? []).not.toContain("task_definition");
    expect(resourceAt(s, "aws_ecs_task_definition", "Task").skip_destroy).toBeUndefined();
  });

  testRejections([
    [
      "an unknown value",
      (stack) => {
        const { cluster } = platform(stack);
        new Service(stack, "Web", {
          name: "acme-test-web",
          cluster,
          taskDefinition: webTask(stack),
          taskDefinitionChanges: "pipeline" as never,
        });
      },
      expectedMessage("test/Web", "taskDefinitionChanges", "pipeline", 'one of "terraform", "ignore"', "SERVICE_TASK_DEFINITION_CHANGES"),
    ],
  ]);
});
