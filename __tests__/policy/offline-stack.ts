import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { assumeRolePolicy, policyDocument } from "../../src/core/iam";
import { useAwsProviderRange } from "../../src/core/provider-version";
import { applyPolicies, suppress } from "../../src/policy";
import { cluster, container, logGroup, network, role, taskDefinition } from "./fixtures";

const ACCOUNT = "111111111111";
const REGION = "eu-west-1";

/** Rules' subjects in their compliant form: the Terraform the policy pack's fixes ask for. */
function platform(stack: TerraformStack): void {
  const net = network(stack);
  const ecs = cluster(stack);
  const logs = logGroup(stack);
  const family = "acme-policy-web";
  const executionRole = role(stack, "ExecutionRole");
  const taskRole = role(stack, "TaskRole");
  const task = taskDefinition(
    stack,
    [
      container({
        logConfiguration: {
          logDriver: "awslogs",
          options: { "awslogs-group": logs.name, "awslogs-region": REGION, "awslogs-stream-prefix": "web" },
        },
      }),
    ],
    { family, executionRoleArn: executionRole.arn, taskRoleArn: taskRole.arn },
  );
  const executionPolicy = new IamRolePolicy(stack, "ExecutionPolicy", {
    role: executionRole.name,
    policy: policyDocument([
      { actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
      { actions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], resources: [`arn:aws:ecr:${REGION}:123456789012:repository/web`] },
      { actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${logs.arn}:*`] },
      { actions: ["secretsmanager:GetSecretValue"], resources: [`arn:aws:secretsmanager:${REGION}:123456789012:secret:db-AbCdEf`] },
    ]),
  });
  const taskPolicy = new IamRolePolicy(stack, "TaskPolicy", {
    role: taskRole.name,
    policy: policyDocument([
      {
        sid: "EcsExec",
        actions: [
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
        ],
        resources: ["*"],
      },
    ]),
  });

  // Internet-facing ALB: HTTPS, HTTP only redirects, only 80/443 open to the world.
  const albGroup = new SecurityGroup(stack, "AlbSecurityGroup", { name: "acme-policy-alb", description: "Public ALB", vpcId: net.vpcId });
  for (const port of [80, 443]) {
    new VpcSecurityGroupIngressRule(stack, `AlbIngress${port}`, {
      securityGroupId: albGroup.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      cidrIpv4: "0.0.0.0/0",
      description: `HTTP${port === 443 ? "S" : ""} from anywhere`,
    });
  }
  const alb = new Lb(stack, "Alb", {
    name: "acme-policy",
    loadBalancerType: "application",
    internal: false,
    subnets: [...net.publicSubnetIds],
    securityGroups: [albGroup.id],
    dropInvalidHeaderFields: true,
    enableDeletionProtection: true,
    // As the ingress module does: after the internet gateway and the public routes (see __tests__/stacks/ordering.test.ts).
    dependsOn: [...net.internetConnectivity],
  });
  const targets = new LbTargetGroup(stack, "Targets", {
    name: "acme-policy-web",
    port: 8080,
    protocol: "HTTP",
    targetType: "ip",
    vpcId: net.vpcId,
    healthCheck: { path: "/health" },
  });
  new LbListener(stack, "Https", {
    loadBalancerArn: alb.arn,
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/00000000-0000-0000-0000-000000000000`,
    defaultAction: [{ type: "forward", targetGroupArn: targets.arn }],
  });
  new LbListener(stack, "Http", {
    loadBalancerArn: alb.arn,
    port: 80,
    protocol: "HTTP",
    defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
  });

  new EcsService(stack, "Service", {
    name: "web",
    cluster: ecs.arn,
    taskDefinition: task.arn,
    desiredCount: 2,
    launchType: "FARGATE",
    enableExecuteCommand: true,
    networkConfiguration: { subnets: [...net.privateSubnetIds], assignPublicIp: false },
    deploymentCircuitBreaker: { enable: true, rollback: true },
    loadBalancer: [{ targetGroupArn: targets.arn, containerName: "web", containerPort: 8080 }],
    // As the Service module does: after its roles' policies and its subnets' routes.
    dependsOn: [executionPolicy, taskPolicy, ...net.subnetConnectivity.private],
  });

  new LaunchTemplate(stack, "Hosts", {
    name: "acme-policy-hosts",
    imageId: "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    instanceType: "t3.medium",
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3", encrypted: "true" } }],
  });

  scheduledTasks(stack, {
    subnets: [...net.privateSubnetIds],
    clusterArn: ecs.arn,
    taskDefinitionArn: task.arn,
    family,
    passRoles: [executionRole.arn, taskRole.arn],
  });
}

function scheduledTasks(
  scope: Construct,
  props: { subnets: string[]; clusterArn: string; taskDefinitionArn: string; family: string; passRoles: string[] },
): void {
  const dlq = new SqsQueue(scope, "JobsDlq", {
    name: "acme-policy-jobs-dlq",
    sqsManagedSseEnabled: true,
    messageRetentionSeconds: 1209600,
  });
  const retryPolicy = { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 };
  const network = { subnets: props.subnets, assignPublicIp: false };

  const schedulerRole = role(scope, "SchedulerRole", "scheduler.amazonaws.com");
  const schedulerPermissions = new DataAwsIamPolicyDocument(scope, "SchedulerPermissions", {
    statement: [
      { actions: ["ecs:RunTask"], resources: [`arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${props.family}:*`] },
      { actions: ["iam:PassRole"], resources: props.passRoles },
      { actions: ["sqs:SendMessage"], resources: [dlq.arn] },
    ],
  });
  new IamRolePolicy(scope, "SchedulerPolicy", { role: schedulerRole.name, policy: schedulerPermissions.json });
  new SchedulerSchedule(scope, "Nightly", {
    name: "acme-policy-nightly",
    scheduleExpression: "cron(0 3 * * ? *)",
    flexibleTimeWindow: { mode: "OFF" },
    target: {
      arn: props.clusterArn,
      roleArn: schedulerRole.arn,
      ecsParameters: { taskDefinitionArn: props.taskDefinitionArn, launchType: "FARGATE", networkConfiguration: network },
      deadLetterConfig: { arn: dlq.arn },
      retryPolicy,
    },
  });

  const eventsRole = new IamRole(scope, "EventsRole", {
    name: "acme-policy-events",
    assumeRolePolicy: assumeRolePolicy(["events.amazonaws.com"]),
  });
  new IamRolePolicy(scope, "EventsPolicy", {
    role: eventsRole.name,
    policy: policyDocument([
      { actions: ["ecs:RunTask"], resources: [`arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${props.family}:*`] },
      { actions: ["iam:PassRole"], resources: props.passRoles },
    ]),
  });
  const hourly = new CloudwatchEventRule(scope, "Hourly", { name: "acme-policy-hourly", scheduleExpression: "rate(1 hour)" });
  new CloudwatchEventTarget(scope, "HourlyTarget", {
    rule: hourly.name,
    arn: props.clusterArn,
    roleArn: eventsRole.arn,
    ecsTarget: { taskDefinitionArn: props.taskDefinitionArn, launchType: "FARGATE", networkConfiguration: network },
    deadLetterConfig: { arn: dlq.arn },
    retryPolicy,
  });
}

/** Tags the environment stacks require; the provider adds them to every resource as default tags. */
export const POLICY_STACK_TAGS = { Environment: "prod", Owner: "platform-team", CostCenter: "cc-1001" };

/** Name of the policy module's offline stack. */
export const POLICY_OFFLINE_STACK = "policy";

/**
 * The policy module's offline stack: a production stack holding every resource type the rules
 * inspect, in the compliant form, plus one documented exception (an audit log group kept forever,
 * suppressed with its reason). It synthesizes without errors and must pass the real provider's
 * validate and plan.
 */
export function policyOfflineStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, POLICY_OFFLINE_STACK);
  new AwsProvider(stack, "aws", { region: REGION, defaultTags: [{ tags: POLICY_STACK_TAGS }] });
  useAwsProviderRange(stack);
  platform(stack);
  const legacy = new Construct(stack, "Legacy");
  new CloudwatchLogGroup(legacy, "AuditArchive", { name: "/acme/audit-archive" });
  suppress(legacy, "LOG-001", "Audit archive under legal hold: events must not expire until the hold is lifted");
  applyPolicies(stack, { environmentClass: "production", requiredTags: Object.keys(POLICY_STACK_TAGS), printSummary: false });
  return stack;
}
