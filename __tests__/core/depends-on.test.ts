import { Testing, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { dependsOnAll } from "../../src/core/depends-on";

describe("dependsOnAll", () => {
  test("renders depends_on as the config's dependsOn does, with one token per target shared by every resource", () => {
    const stack = new TerraformStack(Testing.app(), "deps");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const first = new SqsQueue(stack, "First", {});
    const second = new SqsQueue(stack, "Second", {});
    const viaConfig = new SqsQueue(stack, "ViaConfig", { dependsOn: [first, second] });
    const a = new SqsQueue(stack, "A", {});
    const b = new SqsQueue(stack, "B", {});
    a.dependsOn = dependsOnAll([first, second]);
    b.dependsOn = dependsOnAll([second]);
    expect(b.dependsOn).toEqual([a.dependsOn![1]]);
    expect(dependsOnAll([])).toBeUndefined();
    const queues = JSON.parse(Testing.synth(stack)).resource.aws_sqs_queue;
    expect(queues[viaConfig.friendlyUniqueId].depends_on).toEqual(["aws_sqs_queue.First", "aws_sqs_queue.Second"]);
    expect(queues[a.friendlyUniqueId].depends_on).toEqual(queues[viaConfig.friendlyUniqueId].depends_on);
    expect(queues[b.friendlyUniqueId].depends_on).toEqual(["aws_sqs_queue.Second"]);
  });
});
