import { Fn, TerraformResource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { CodedeployApp } from "@cdktf/provider-aws/lib/codedeploy-app";
import { CodedeployDeploymentConfig } from "@cdktf/provider-aws/lib/codedeploy-deployment-config";
import { CodedeployDeploymentGroup } from "@cdktf/provider-aws/lib/codedeploy-deployment-group";
import { safeName } from "../core/naming";
import { checkIntegerRange, checkOneOf } from "../core/validate";
import type { AddTargetGroupOptions, ApplicationListener } from "../ingress/application-listener";
import { ApplicationTargetGroup, ApplicationTargetGroupProps } from "../ingress/application-target-group";
import { Role, RoleOptions } from "../core/role";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** CodeDeploy's predefined traffic shifts for ECS. */
export type PredefinedDeploymentConfig =
  | "CodeDeployDefault.ECSAllAtOnce"
  | "CodeDeployDefault.ECSLinear10PercentEvery1Minutes"
  | "CodeDeployDefault.ECSLinear10PercentEvery3Minutes"
  | "CodeDeployDefault.ECSCanary10Percent5Minutes"
  | "CodeDeployDefault.ECSCanary10Percent15Minutes";

/** A custom traffic shift: `canary` moves `percentage` first and the rest after `intervalMinutes`; `linear` moves `percentage` every `intervalMinutes`. */
export interface CustomDeploymentConfig {
  /** `canary`: two shifts (TimeBasedCanary); `linear`: equal shifts until all traffic moved (TimeBasedLinear). */
  readonly type: "canary" | "linear";
  /** Percent of traffic moved per shift, 1 to 99. */
  readonly percentage: number;
  /** Minutes between shifts, 1 to 2880 (two days, CodeDeploy's limit). */
  readonly intervalMinutes: number;
}

/** An alarm that stops and rolls back a deployment. */
export interface AlarmRef {
  /** The alarm name, which the CodeDeploy deployment group's alarm configuration lists. */
  readonly alarmName: string;
  /** The alarm ARN, which the CodeDeploy role may `cloudwatch:DescribeAlarms` on. */
  readonly alarmArn: string;
}

/** A CodeDeploy blue/green deployment: new tasks start behind a test listener, then traffic shifts to them. */
export interface BlueGreenDeploymentOptions {
  /** Selects the CodeDeploy deployment controller. */
  readonly type: "blueGreen";
  /** Port of a new test listener on the service's load balancer (`alb.addTestListener(port)`); or give `testListener`. @default - testListener */
  readonly testListenerPort?: number;
  /** An existing test listener of the same load balancer (to share one between services). @default - a new one on testListenerPort */
  readonly testListener?: ApplicationListener;
  /** How traffic shifts to the new tasks: a predefined CodeDeploy config or a custom canary/linear one. @default "CodeDeployDefault.ECSAllAtOnce" */
  readonly config?: PredefinedDeploymentConfig | CustomDeploymentConfig;
  /** Minutes the old (blue) tasks keep running after traffic moved, for a fast rollback, 0 to 2880. @default 5 */
  readonly terminationWaitMinutes?: number;
  /**
   * Hold the new tasks on the test listener for up to this many minutes until someone continues the
   * deployment (then it stops), 1 to 2880.
   * @default - traffic moves as soon as the new tasks are healthy
   */
  readonly approvalWaitMinutes?: number;
  /** Alarms that stop and roll back a deployment. @default - the service's own alarms */
  readonly rollbackAlarms?: readonly AlarmRef[];
}

/** Properties of a {@link BlueGreenDeployment}. */
export interface BlueGreenDeploymentProps {
  /** Names the CodeDeploy application, deployment group and role. */
  readonly name: string;
  /** The ECS cluster of the service the deployment group deploys. */
  readonly clusterName: string;
  /** The ECS service the deployment group deploys (with the CODE_DEPLOY controller). */
  readonly serviceName: string;
  /** The ECS service ARN (its `id`). */
  readonly serviceArn: string;
  /** The listener that carries production traffic; CodeDeploy moves its rule to the green target group. */
  readonly productionListener: ApplicationListener;
  /** The listener new tasks are tested on before traffic shifts; gets a rule to the green target group. */
  readonly testListener: ApplicationListener;
  /** The production target group, which the service's load balancer block names. */
  readonly blueTargetGroup: ApplicationTargetGroup;
  /** Settings for the second (green) target group: the blue group's, under another name. */
  readonly greenTargetGroupProps: ApplicationTargetGroupProps;
  /** The production rule's priority and conditions, repeated on the test listener for the green group. */
  readonly rule: Omit<AddTargetGroupOptions, "targetGroup">;
  /** How traffic shifts to the new tasks. @default "CodeDeployDefault.ECSAllAtOnce" */
  readonly config?: PredefinedDeploymentConfig | CustomDeploymentConfig;
  /** Minutes the blue tasks keep running after traffic moved, 0 to 2880. @default 5 */
  readonly terminationWaitMinutes?: number;
  /** Minutes to hold new tasks on the test listener until someone continues, 1 to 2880. @default - no wait: traffic moves once the new tasks are healthy */
  readonly approvalWaitMinutes?: number;
  /** Alarms that stop and roll back a deployment. @default [] (roll back on deployment failure only) */
  readonly rollbackAlarms?: readonly AlarmRef[];
  /** The task definition's execution and task roles, which CodeDeploy passes to ECS. */
  readonly passRoleArns: readonly string[];
  /** Tags for the CodeDeploy application, deployment group, role and green target group. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Permissions boundary and path of the IAM roles this construct creates (the CodeDeploy role).
   * @default - the stack's `RoleDefaults` (none unless the stack declares them)
   */
  readonly roleOptions?: RoleOptions;
}

/** Every predefined CodeDeploy ECS deployment config, the values `config` accepts as a string. */
export const PREDEFINED_DEPLOYMENT_CONFIGS: readonly PredefinedDeploymentConfig[] = [
  "CodeDeployDefault.ECSAllAtOnce",
  "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
  "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
  "CodeDeployDefault.ECSCanary10Percent5Minutes",
  "CodeDeployDefault.ECSCanary10Percent15Minutes",
];

/**
 * CodeDeploy blue/green for one ECS service: the second (green) target group behind the test
 * listener, the application, the deployment group (production and test listeners, two target groups,
 * auto-rollback on failure and on alarms) and a service role scoped to this service, its listeners
 * and its roles.
 *
 * CodeDeploy then owns the service's task definition and the listener rules' target groups, so the
 * rules ignore changes to their action; the service itself ignores `task_definition` and
 * `load_balancer` (set by the Service construct).
 */
export class BlueGreenDeployment extends Construct {
  /** Shift all traffic at once once the test listener checks pass: CodeDeploy's own default for ECS. */
  public static readonly DEFAULT_CONFIG: PredefinedDeploymentConfig = "CodeDeployDefault.ECSAllAtOnce";
  /** Minutes blue tasks outlive the shift: a short window for a rollback without a fresh start of tasks. */
  public static readonly DEFAULT_TERMINATION_WAIT_MINUTES = 5;

  /** Name of the CodeDeploy application (compute platform ECS). */
  public readonly applicationName: string;
  /** Name of the CodeDeploy deployment group, which `aws deploy create-deployment` targets. */
  public readonly deploymentGroupName: string;
  /** The predefined or custom deployment config the group uses. */
  public readonly deploymentConfigName: string;
  /** CodeDeploy's service role, scoped to this service's task sets, listeners, alarms and task roles. */
  public readonly role: Role;
  /** The second target group, which new task sets start in behind the test listener. */
  public readonly greenTargetGroup: ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: BlueGreenDeploymentProps) {
    super(scope, id);
    checkRequiredProps(this, "BlueGreenDeploymentProps", props, {
      name: K.string,
      clusterName: K.string,
      serviceName: K.string,
      serviceArn: K.string,
      productionListener: K.reference("an ApplicationListener", "listenerArn"),
      testListener: K.reference("an ApplicationListener", "listenerArn"),
      blueTargetGroup: K.reference("an ApplicationTargetGroup", "targetGroupArn"),
      greenTargetGroupProps: K.object("ApplicationTargetGroupProps"),
      rule: K.object("listener rule options"),
      passRoleArns: K.strings,
    });
    const config = props.config ?? BlueGreenDeployment.DEFAULT_CONFIG;
    const terminationWaitMinutes = props.terminationWaitMinutes ?? BlueGreenDeployment.DEFAULT_TERMINATION_WAIT_MINUTES;
    const rollbackAlarms = props.rollbackAlarms ?? [];
    // CodeDeploy names (application, group, config) are limited to 100 characters.
    const name = safeName(props.name, 100);
    checkBlueGreen(this, "deployment", { config, terminationWaitMinutes, approvalWaitMinutes: props.approvalWaitMinutes });

    this.greenTargetGroup = new ApplicationTargetGroup(this, "GreenTargetGroup", props.greenTargetGroupProps);
    props.testListener.addTargetGroup(`${scope.node.id}Green`, { ...props.rule, targetGroup: this.greenTargetGroup });

    const app = new CodedeployApp(this, "Application", { name, computePlatform: "ECS", tags: props.tags });
    this.applicationName = app.name;

    if (typeof config === "string") {
      this.deploymentConfigName = config;
    } else {
      const custom = new CodedeployDeploymentConfig(this, "Config", {
        deploymentConfigName: safeName(`${props.name}-${config.type}-${config.percentage}pct-${config.intervalMinutes}min`, 100),
        computePlatform: "ECS",
        trafficRoutingConfig:
          config.type === "canary"
            ? { type: "TimeBasedCanary", timeBasedCanary: { percentage: config.percentage, interval: config.intervalMinutes } }
            : { type: "TimeBasedLinear", timeBasedLinear: { percentage: config.percentage, interval: config.intervalMinutes } },
      });
      this.deploymentConfigName = custom.deploymentConfigName;
    }

    this.role = new Role(this, "Role", {
      name: `${props.name}-codedeploy`,
      assumedBy: "codedeploy.amazonaws.com",
      description: `CodeDeploy shifts traffic for ECS service ${props.serviceName} with this role`,
      tags: props.tags,
      ...props.roleOptions,
    });
    this.grantDeploy(props, rollbackAlarms);

    // CodeDeploy swaps the target group each rule forwards to; Terraform must not swap it back.
    for (const rule of [...props.blueTargetGroup.attachments, ...this.greenTargetGroup.attachments]) {
      ignoreAction(rule);
    }

    const group = new CodedeployDeploymentGroup(this, "Resource", {
      appName: app.name,
      deploymentGroupName: name,
      serviceRoleArn: this.role.roleArn,
      deploymentConfigName: this.deploymentConfigName,
      deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
      ecsService: { clusterName: props.clusterName, serviceName: props.serviceName },
      blueGreenDeploymentConfig: {
        deploymentReadyOption:
          props.approvalWaitMinutes === undefined
            ? { actionOnTimeout: "CONTINUE_DEPLOYMENT" }
            : { actionOnTimeout: "STOP_DEPLOYMENT", waitTimeInMinutes: props.approvalWaitMinutes },
        terminateBlueInstancesOnDeploymentSuccess: { action: "TERMINATE", terminationWaitTimeInMinutes: terminationWaitMinutes },
      },
      loadBalancerInfo: {
        targetGroupPairInfo: {
          prodTrafficRoute: { listenerArns: [props.productionListener.listenerArn] },
          testTrafficRoute: { listenerArns: [props.testListener.listenerArn] },
          targetGroup: [{ name: props.blueTargetGroup.targetGroupName }, { name: this.greenTargetGroup.targetGroupName }],
        },
      },
      autoRollbackConfiguration: {
        enabled: true,
        events: rollbackAlarms.length > 0 ? ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] : ["DEPLOYMENT_FAILURE"],
      },
      alarmConfiguration: rollbackAlarms.length > 0 ? { enabled: true, alarms: rollbackAlarms.map((a) => a.alarmName) } : undefined,
      tags: props.tags,
    });
    this.deploymentGroupName = group.deploymentGroupName;
  }

  /**
   * The actions of AWS's AWSCodeDeployRoleForECS managed policy, scoped to this service's task
   * sets, listeners, rules, alarms and roles. Only the Describe calls of Elastic Load Balancing
   * have no resource-level permissions.
   */
  private grantDeploy(props: BlueGreenDeploymentProps, rollbackAlarms: readonly AlarmRef[]): void {
    const listeners = [props.productionListener.listenerArn, props.testListener.listenerArn];
    // `arn:...:service/<cluster>/<service>` → `arn:...:task-set/<cluster>/<service>/*`
    const taskSets = `${Fn.replace(props.serviceArn, ":service/", ":task-set/")}/*`;
    // `arn:...:listener/app/<lb>/<id>/<id>` → `arn:...:listener-rule/app/<lb>/<id>/<id>/*`
    const rules = listeners.map((arn) => `${Fn.replace(arn, ":listener/", ":listener-rule/")}/*`);
    this.role.addToPolicy({
      sid: "EcsTaskSets",
      actions: ["ecs:DescribeServices", "ecs:CreateTaskSet", "ecs:UpdateServicePrimaryTaskSet", "ecs:DeleteTaskSet"],
      resources: [props.serviceArn, taskSets],
    });
    this.role.addToPolicy({
      sid: "DescribeLoadBalancing",
      actions: [
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeRules",
      ],
      resources: ["*"],
    });
    this.role.addToPolicy({
      sid: "ShiftTraffic",
      actions: ["elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule"],
      resources: [...listeners, ...rules],
    });
    this.role.addToPolicy({
      sid: "PassTaskRoles",
      actions: ["iam:PassRole"],
      resources: [...props.passRoleArns],
      conditions: { StringLike: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    });
    if (rollbackAlarms.length > 0) {
      this.role.addToPolicy({
        sid: "ReadAlarms",
        actions: ["cloudwatch:DescribeAlarms"],
        resources: rollbackAlarms.map((a) => a.alarmArn),
      });
    }
  }
}

function ignoreAction(rule: TerraformResource): void {
  const ignore = rule.lifecycle?.ignoreChanges;
  const list = Array.isArray(ignore) ? ignore : [];
  if (!list.includes("action")) rule.lifecycle = { ...(rule.lifecycle ?? {}), ignoreChanges: [...list, "action"] };
}

/** Checks the traffic shift and waiting times of a blue/green deployment (CodeDeploy allows up to 2880 minutes). */
export function checkBlueGreen(
  scope: IConstruct,
  property: string,
  options: Pick<BlueGreenDeploymentOptions, "config" | "terminationWaitMinutes" | "approvalWaitMinutes">,
): void {
  const config = options.config;
  if (typeof config === "string") {
    checkOneOf(scope, "BLUE_GREEN_CONFIG", `${property}.config`, config, PREDEFINED_DEPLOYMENT_CONFIGS);
  } else if (config !== undefined) {
    checkOneOf(scope, "BLUE_GREEN_CONFIG", `${property}.config.type`, config.type, ["canary", "linear"]);
    checkIntegerRange(scope, "BLUE_GREEN_CONFIG", `${property}.config.percentage`, config.percentage, 1, 99, "percent");
    checkIntegerRange(scope, "BLUE_GREEN_CONFIG", `${property}.config.intervalMinutes`, config.intervalMinutes, 1, 2880, "minutes");
  }
  checkIntegerRange(
    scope,
    "BLUE_GREEN_TERMINATION_WAIT",
    `${property}.terminationWaitMinutes`,
    options.terminationWaitMinutes,
    0,
    2880,
    "minutes",
  );
  checkIntegerRange(scope, "BLUE_GREEN_APPROVAL_WAIT", `${property}.approvalWaitMinutes`, options.approvalWaitMinutes, 1, 2880, "minutes");
}
