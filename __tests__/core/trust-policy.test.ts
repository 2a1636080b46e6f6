import { Construct } from "constructs";
import { ACCOUNT_CONTEXT_KEY, awsAccountOf, useAwsAccount } from "../../src/core/account";
import { SERVICE_SOURCE_ARNS, serviceTrustPolicy } from "../../src/core/iam";
import { Network } from "../../src/network";
import { ContainerImage, TaskDefinition } from "../../src/task";
import { Role } from "../../src/core/role";
import { InfrastructureRole } from "../../src/service/infrastructure-role";
import { InvokeRole } from "../../src/schedule/invoke-role";
import { errorOf, resourceAt, synth } from "../helpers";

/** A scope under `stack` that deploys to `account` (context can only be set before children are added). */
function inAccount(stack: Construct, account?: string): Construct {
  const scope = new Construct(stack, "App");
  if (account) useAwsAccount(scope, account);
  return scope;
}

const trustOf = (role: any) => JSON.parse(role.assume_role_policy).Statement[0];

describe("service trust policies carry confused-deputy conditions", () => {
  test("ecs-tasks roles: aws:SourceAccount and an ECS aws:SourceArn in the stack's account", () => {
    const s = synth((stack) => {
      new TaskDefinition(inAccount(stack, "123456789012"), "Task", {
        name: "acme-web",
        containers: { web: { image: ContainerImage.fromRegistry("nginx:1.27") } },
      });
    });
    for (const role of ["Task/ExecutionRole/Resource", "Task/TaskRole/Resource"]) {
      expect(trustOf(resourceAt(s, "aws_iam_role", role))).toEqual({
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "123456789012" },
          ArnLike: { "aws:SourceArn": "arn:*:ecs:*:123456789012:*" },
        },
      });
    }
  });

  test("the flow-log role: a VPC flow log of the account", () => {
    const s = synth((stack) => {
      new Network(inAccount(stack, "123456789012"), "Network", {
        name: "acme",
        cidr: "10.0.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
      });
    });
    expect(trustOf(resourceAt(s, "aws_iam_role", "FlowLog/Role")).Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:*:ec2:*:123456789012:vpc-flow-log/*" },
    });
  });

  test("scheduler and rule roles add aws:SourceAccount to their source ARNs", () => {
    const s = synth((stack) => {
      new InvokeRole(inAccount(stack, "123456789012"), "Invoke", {
        roleName: "acme-report",
        service: "scheduler.amazonaws.com",
        sourceArns: ["arn:*:scheduler:*:*:schedule-group/default"],
      });
    });
    expect(trustOf(resourceAt(s, "aws_iam_role", "Invoke/Resource")).Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:*:scheduler:*:*:schedule-group/default" },
    });
  });

  test("a Role given sourceArns trusts only those (ArnLike), with the account when known, and names its policy", () => {
    const s = synth((stack) => {
      const role = new Role(inAccount(stack, "123456789012"), "Deploys", {
        name: "acme-deploys",
        assumedBy: "codedeploy.amazonaws.com",
        description: "d",
        sourceArns: [
          "arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:acme/web",
          "arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:acme/api",
        ],
        policyName: "deploy",
      });
      role.addToPolicy({ actions: ["ecs:DescribeServices"], resources: ["arn:aws:ecs:eu-west-1:123456789012:service/acme/web"] });
    });
    expect(trustOf(resourceAt(s, "aws_iam_role", "Deploys/Resource")).Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: {
        "aws:SourceArn": [
          "arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:acme/web",
          "arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:acme/api",
        ],
      },
    });
    expect(resourceAt(s, "aws_iam_role_policy", "Deploys/Policy").name).toBe("deploy");
  });

  test("without a known account the source ARN is still limited to the service's resources", () => {
    const s = synth((stack) => {
      new TaskDefinition(inAccount(stack), "Task", {
        name: "acme-web",
        containers: { web: { image: ContainerImage.fromRegistry("nginx:1.27") } },
      });
    });
    expect(trustOf(resourceAt(s, "aws_iam_role", "Task/TaskRole/Resource")).Condition).toEqual({
      ArnLike: { "aws:SourceArn": "arn:*:ecs:*:*:*" },
    });
  });

  test("the ECS infrastructure role is trusted by ecs.amazonaws.com without conditions, as AWS documents it", () => {
    // AWS's "Amazon ECS infrastructure IAM role" page shows no condition and no page says ECS presents a
    // source for it; a condition ECS does not meet would strand tasks' EBS volumes (see SERVICE_SOURCE_ARNS).
    const s = synth((stack) => new InfrastructureRole(inAccount(stack, "123456789012"), "Infra", { name: "acme-store", volumes: true }));
    expect(trustOf(resourceAt(s, "aws_iam_role", "Infra/Role"))).toEqual({
      Effect: "Allow",
      Principal: { Service: "ecs.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
  });

  test("every service principal the library trusts has a source ARN, except EC2 and the ECS infrastructure role", () => {
    expect(Object.keys(SERVICE_SOURCE_ARNS).sort()).toEqual([
      "codedeploy.amazonaws.com",
      "ecs-tasks.amazonaws.com",
      "ssm.amazonaws.com",
      "vpc-flow-logs.amazonaws.com",
    ]);
    const scope = new Construct(undefined as unknown as Construct, "x");
    expect(JSON.parse(serviceTrustPolicy(scope, "ec2.amazonaws.com")).Statement[0].Condition).toBeUndefined();
    expect(JSON.parse(serviceTrustPolicy(scope, "codedeploy.amazonaws.com")).Statement[0].Condition).toEqual({
      ArnLike: { "aws:SourceArn": "arn:*:codedeploy:*:*:deploymentgroup:*" },
    });
  });

  test("useAwsAccount stores the account in context and refuses what is not an account id", () => {
    const root = new Construct(undefined as unknown as Construct, "root");
    useAwsAccount(root, "111122223333");
    expect(root.node.tryGetContext(ACCOUNT_CONTEXT_KEY)).toBe("111122223333");
    expect(awsAccountOf(new Construct(root, "child"))).toBe("111122223333");
    expect(errorOf((stack) => useAwsAccount(new Construct(stack, "Thing"), "1234"))).toBe(
      'test/Thing: invalid accountId "1234": expected a 12-digit AWS account id [AWS_ACCOUNT_ID]',
    );
  });
});
