import { Construct } from "constructs";
import * as library from "../../src";
import { ValidationError } from "../../src/core/errors";
import { validationErrorOf } from "../helpers";

/*
 * A config read from JSON or written in plain JavaScript skips the compiler: every public construct
 * must turn a missing or mistyped required prop into a ValidationError naming the prop, never a
 * TypeError from deep inside. The table restates each construct's required props from its Props
 * interface; the first test fails when a construct is exported without a row.
 */

/** The kind of value a required prop holds; `{ attributes }` is a construct reference, `{ fake }` a realistic value. */
type Kind = "string" | "number" | "boolean" | "strings" | "list" | "object" | "record" | { attributes: string[] } | { fake: unknown };

const ref = (...attributes: string[]): Kind => ({ attributes });
const NETWORK = ref("vpcId", "workloadSubnetIds");
const CLUSTER = ref("clusterArn", "clusterName", "network");
const TASK_DEFINITION = ref("taskDefinitionArn", "family");
const LISTENER = ref("listenerArn");

const REQUIRED: Record<string, Record<string, Kind>> = {
  AccountBootstrap: {
    org: "string",
    accountId: "string",
    region: "string",
    github: { fake: { repository: "acme/app" } },
    deployEnvironments: "strings",
  },
  ApplicationListener: { loadBalancer: ref("loadBalancerArn"), port: "number", protocol: "string" },
  ApplicationLoadBalancer: { name: "string", network: NETWORK },
  ApplicationTargetGroup: { name: "string", network: NETWORK, port: "number" },
  BatchJobSchedule: { name: "string", jobQueue: ref("jobQueueArn"), jobDefinition: ref("jobDefinitionArn"), schedule: "string" },
  BlueGreenDeployment: {
    name: "string",
    clusterName: "string",
    serviceName: "string",
    serviceArn: "string",
    productionListener: LISTENER,
    testListener: LISTENER,
    blueTargetGroup: ref("targetGroupArn"),
    greenTargetGroupProps: "object",
    rule: "object",
    passRoleArns: "strings",
  },
  CloudMapService: { name: "string", namespace: ref("namespaceId") },
  Cluster: { name: "string", network: NETWORK },
  ClusterNamespace: { vpcId: "string", clusterName: "string", type: "string", name: "string" },
  ComputeEnvironment: { name: "string", type: "string", network: NETWORK },
  ContainerInstances: { clusterName: "string", vpcId: "string" },
  DnsValidatedCertificate: { domainName: "string", hostedZone: "object" },
  Ec2CapacityProvider: {
    clusterName: "string",
    cluster: ref("fqn"),
    defaultName: "string",
    subnetIds: "strings",
    securityGroupId: "string",
    instanceProfileArn: "string",
    instanceDependencies: "list",
    instanceTypes: "strings",
    maxSize: "number",
  },
  EnvironmentBudget: {
    name: "string",
    monthlyLimit: { fake: 100 },
    costAllocationTag: { fake: { key: "Environment", values: ["dev"] } },
  },
  EventRuleTrigger: {
    name: "string",
    clusterArn: "string",
    runTask: { fake: { taskDefinitionArn: "x", taskCount: 1, group: "g", enableEcsManagedTags: true } },
    statements: "list",
    summary: "string",
    schedule: "string",
  },
  ExecAuditLogging: { clusterName: "string" },
  ExternalInstances: { clusterName: "string" },
  ExternalService: { name: "string", cluster: ref("clusterArn", "clusterName"), taskDefinition: TASK_DEFINITION },
  FailureEventRule: { ruleName: "string", description: "string", eventPattern: "object", queue: ref("queueArn") },
  FailureQueue: { queueName: "string" },
  FairSharePolicy: { name: "string" },
  FargateStorageEncryption: { clusterName: "string" },
  GithubActionsRole: { name: "string", description: "string", provider: ref("providerArn"), trustedBy: "list" },
  GithubOidcProvider: {},
  InfrastructureRole: { name: "string" },
  InstanceLaunchTemplate: { namePrefix: "string", rootVolumeGiB: "number", metadataHopLimit: "number" },
  InstanceRole: { roleName: "string" },
  InvokeRole: { roleName: "string", service: "string", sourceArns: "strings" },
  JobDefinition: { name: "string", image: ref("imageName") },
  JobQueue: { name: "string", computeEnvironments: "list" },
  LoadBalancedWebService: {
    name: "string",
    cluster: CLUSTER,
    taskDefinition: TASK_DEFINITION,
    loadBalancer: { fake: { listener: { listenerArn: "x" } } },
  },
  LoadBalancerAlias: { loadBalancer: ref("dnsName", "zoneId"), hostedZone: "object", recordNames: "record" },
  Network: { name: "string", cidr: "string", availabilityZones: "strings" },
  NetworkListener: { loadBalancer: ref("loadBalancerArn"), port: "number", targetGroup: ref("targetGroupArn") },
  NetworkLoadBalancer: { name: "string", network: NETWORK },
  NetworkTargetGroup: { name: "string", network: NETWORK, port: "number" },
  NotificationTopic: { name: "string" },
  OperationalNotifications: { name: "string", topic: ref("topicArn") },
  PolicyPack: { environmentClass: "string" },
  Queue: { name: "string" },
  QueueProcessingService: { name: "string", cluster: CLUSTER, taskDefinition: TASK_DEFINITION, queue: ref("queueArn", "queueUrl") },
  RegistryReplication: { destinations: "list", accountId: "string" },
  RegistryScanning: { type: "string" },
  Repository: { name: "string" },
  Role: { name: "string", assumedBy: "string", description: "string" },
  ScheduledTask: { name: "string", cluster: CLUSTER, taskDefinition: TASK_DEFINITION, schedule: "string" },
  SchedulerSchedule: { name: "string", target: { fake: { arn: "x", statements: [], summary: "s" } }, schedule: "string" },
  SecurityGroup: { vpcId: "string", name: "string", description: "string" },
  Service: { name: "string", cluster: CLUSTER, taskDefinition: TASK_DEFINITION },
  ServiceAlarms: { name: "string", clusterName: "string", serviceName: "string" },
  ServiceAutoScaling: { name: "string", clusterName: "string", serviceName: "string", minCapacity: "number", maxCapacity: "number" },
  StateBucket: { bucketName: "string" },
  TaskDefinition: { name: "string", containers: "record" },
  TrustStore: { name: "string", caCertificatesBundle: { fake: { bucket: "acme-pki", key: "ca.pem" } } },
  VpcFlowLog: { vpcId: "string", name: "string" },
};

/** A value of the right kind; its content does not matter because the required-prop check runs first. */
function valueOf(kind: Kind): unknown {
  if (typeof kind === "object") return "fake" in kind ? kind.fake : Object.fromEntries(kind.attributes.map((a) => [a, "x"]));
  return { string: "acme-x", number: 1, boolean: true, strings: ["acme-x"], list: [], object: {}, record: {} }[kind];
}

/** A value of the wrong kind, as a hand-written JSON config might hold it. */
function wrongValueOf(kind: Kind): unknown {
  if (typeof kind === "object") return "fake" in kind ? "x" : {};
  return { string: 42, number: "1", boolean: "true", strings: "acme-x", list: "x", object: "x", record: ["x"] }[kind];
}

type ConstructClass = new (scope: Construct, id: string, props?: unknown) => Construct;
const constructClasses = Object.entries(library as Record<string, unknown>).filter(
  (entry): entry is [string, ConstructClass] => typeof entry[1] === "function" && entry[1].prototype instanceof Construct,
);
const rows = constructClasses.map(([name, cls]) => [name, cls] as const);

/** The error building `cls` with `props` throws: a ValidationError (anything else fails the test). */
const errorBuilding = (cls: ConstructClass, props: unknown): ValidationError =>
  validationErrorOf((scope) => new cls(scope, "Subject", props));

describe("required props of every public construct (configs from JSON or plain JavaScript)", () => {
  test("every construct class exported from the package root has a row", () => {
    expect(constructClasses.length).toBeGreaterThan(40);
    expect(constructClasses.map(([name]) => name).sort()).toEqual(Object.keys(REQUIRED).sort());
  });

  test.each(rows.filter(([name]) => Object.keys(REQUIRED[name] ?? {}).length > 0))(
    "%s built with {} throws a ValidationError naming a required prop",
    (name, cls) => {
      const error = errorBuilding(cls, {});
      expect(Object.keys(REQUIRED[name])).toContain(error.property);
      expect(error.message).toMatch(/^test\/Subject: invalid \w+ \(missing\): expected .+ \(required\) \[PROP_REQUIRED\]$/);
    },
  );

  test.each(rows.filter(([name]) => name !== "GithubOidcProvider"))("%s built without props throws PROP_REQUIRED", (_, cls) => {
    const error = errorBuilding(cls, undefined);
    expect(error.message).toMatch(/^test\/Subject: invalid props \(missing\): expected a \w+Props object \[PROP_REQUIRED\]$/);
  });

  test.each(rows)("%s built with a string for its props throws PROP_TYPE", (_, cls) => {
    expect(errorBuilding(cls, "acme").message).toMatch(/^test\/Subject: invalid props "acme": expected a \w+Props object \[PROP_TYPE\]$/);
  });

  const propRows = Object.entries(REQUIRED).flatMap(([name, props]) =>
    Object.entries(props).map(
      ([prop, kind]) => [name, prop, kind, library[name as keyof typeof library] as unknown as ConstructClass] as const,
    ),
  );
  const others = (name: string, prop: string) =>
    Object.fromEntries(
      Object.entries(REQUIRED[name])
        .filter(([p]) => p !== prop)
        .map(([p, k]) => [p, valueOf(k)]),
    );

  test.each(propRows)("%s without %s throws a ValidationError naming it", (name, prop, _kind, cls) => {
    const error = errorBuilding(cls, others(name, prop));
    expect(error.property === prop || error.property.startsWith(`${prop}.`)).toBe(true);
    expect(error.message).toContain(`test/Subject: invalid ${error.property} `);
  });

  test.each(propRows)("%s with a mistyped %s throws a ValidationError naming it", (name, prop, kind, cls) => {
    const error = errorBuilding(cls, { ...others(name, prop), [prop]: wrongValueOf(kind) });
    expect(error.property === prop || error.property.startsWith(`${prop}.`)).toBe(true);
    expect(error.message).toContain(`test/Subject: invalid ${error.property} `);
  });
});
