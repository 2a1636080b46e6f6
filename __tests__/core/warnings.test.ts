import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { Cluster } from "../../src/cluster/cluster";
import { WARNING_CODES, WarningCode, Warnings } from "../../src/core/warnings";
import { ApplicationLoadBalancer } from "../../src/ingress/application-load-balancer";
import { Network } from "../../src/network/network";
import { Queue } from "../../src/queue/queue";
import { Service, ServiceProps } from "../../src/service/service";
import { Role } from "../../src/core/role";
import { annotationsUnder, expectedMessage, validationErrorOf } from "../helpers";
import { network as importedNetwork, base as clusterBase, general } from "../cluster/fixtures";
import { platform, webTask } from "../service/fixtures";

const REPO = join(__dirname, "..", "..");

const warningsUnder = (scope: IConstruct) => annotationsUnder(scope);
const infosUnder = (scope: IConstruct) => annotationsUnder(scope, "info");
function newStack(id = "test"): TerraformStack {
  return new TerraformStack(new App({ outdir: "unused" }), id);
}

const service = (scope: Construct, props: Partial<ServiceProps> = {}) => {
  const { cluster } = platform(scope);
  return new Service(scope, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(scope), ...props });
};
const network = (scope: Construct, props: object) =>
  new Network(scope, "Network", { name: "acme-test", cidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], ...props });

/** One input per warning code that makes the library emit it. */
const triggers: Record<WarningCode, (scope: Construct) => void> = {
  CLUSTER_EXEC_AUDIT_OFF: (s) => new Cluster(s, "Cluster", { ...clusterBase, execAudit: { enabled: false } }),
  CLUSTER_GPU_WITHOUT_GPU_AMI: (s) =>
    new Cluster(s, "Cluster", {
      ...clusterBase,
      ec2CapacityProviders: { mixed: { instanceTypes: ["m7i.large", "g5.xlarge"], maxSize: 2 } },
    }),
  CLUSTER_IMDS_REACHABLE: (s) =>
    new Cluster(s, "Cluster", { ...clusterBase, ec2CapacityProviders: { general: { ...general, metadataHopLimit: 2 } } }),
  CLUSTER_SCALE_IN_PROTECTION_STUCK: (s) =>
    new Cluster(s, "Cluster", {
      ...clusterBase,
      ec2CapacityProviders: { general: { ...general, managedTerminationProtection: false, protectFromScaleIn: true } },
    }),
  IAM_WILDCARD_RESOURCE: (s) =>
    new Role(s, "Role", { name: "acme-test", assumedBy: "ecs-tasks.amazonaws.com", description: "test" }).addToPolicy({
      actions: ["ecr:GetAuthorizationToken"],
      resources: ["*"],
    }),
  INGRESS_LEGACY_TLS_POLICY: (s) =>
    new ApplicationLoadBalancer(s, "Alb", {
      name: "acme-test",
      network: importedNetwork,
      internetFacing: false,
      certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b7d2c1e-1111-2222-3333-444455556666",
      sslPolicy: "ELBSecurityPolicy-2016-08",
    }),
  INGRESS_PLAIN_HTTP: (s) => new ApplicationLoadBalancer(s, "Alb", { name: "acme-test", network: importedNetwork, internetFacing: false }),
  NETWORK_FLOW_LOGS_OFF: (s) => network(s, { flowLogs: { enabled: false } }),
  NETWORK_NAT_WITHOUT_PRIVATE_TIER: (s) => network(s, { natGateways: "single", tiers: { public: { prefixLength: 24 } } }),
  NETWORK_PRIVATE_WITHOUT_NAT: (s) => network(s, { natGateways: "none" }),
  QUEUE_NO_DEAD_LETTER_QUEUE: (s) => new Queue(s, "Queue", { name: "acme-test-jobs", deadLetterQueue: false }),
  SERVICE_ALARM_ROLLBACK_OFF: (s) => service(s, { deployment: { type: "rolling", rollbackAlarmNames: [] } }),
  SERVICE_ALARMS_OFF: (s) => service(s, { alarms: { enabled: false } }),
  SERVICE_CIRCUIT_BREAKER_OFF: (s) => service(s, { deployment: { type: "rolling", circuitBreaker: false } }),
  SERVICE_CONNECT_IDLE_TIMEOUT: (s) =>
    service(s, { serviceConnect: { endpoints: [{ portName: "http", idleTimeoutSeconds: 10, perRequestTimeoutSeconds: 60 }] } }),
  SERVICE_EBS_UNENCRYPTED: (s) =>
    service(s, { taskDefinition: webTask(s, "EbsTask", { ebsVolumeName: "data" }), ebsVolume: { sizeGiB: 10, encrypted: false } }),
  SERVICE_EXEC_READONLY_ROOT: (s) => service(s, { enableExec: true }),
  SERVICE_PUBLIC_IP_ASSIGNED: (s) => service(s, { subnetTier: "public", assignPublicIp: true }),
  SERVICE_PUBLIC_SUBNET_WITHOUT_IP: (s) => service(s, { subnetTier: "public" }),
};

describe("warnings", () => {
  test.each(Object.keys(triggers) as WarningCode[])("%s: the warning ends with its code", (code) => {
    const stack = newStack();
    triggers[code](stack);
    const warnings = warningsUnder(stack);
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`\\S \\[${code}\\]$`)));
    // Every warning the library emits carries a code from the catalogue, whatever else this input set off.
    for (const text of warnings) expect(Object.keys(WARNING_CODES)).toContain(/\[([A-Z0-9_]+)\]$/.exec(text)?.[1]);
  });

  test("acknowledging a code on a scope before its children are built silences it there and only there", () => {
    const stack = newStack();
    const team = new Construct(stack, "Team");
    const other = new Construct(stack, "Other");
    Warnings.acknowledge(team, "QUEUE_NO_DEAD_LETTER_QUEUE", "replayed from the source system");
    new Queue(team, "Queue", { name: "acme-team-jobs", deadLetterQueue: false });
    new Queue(other, "Queue", { name: "acme-other-jobs", deadLetterQueue: false });

    expect(warningsUnder(team)).toEqual([]);
    expect(warningsUnder(other)).toEqual([
      expect.stringMatching(/^Queue acme-other-jobs has no dead-letter queue.* \[QUEUE_NO_DEAD_LETTER_QUEUE\]$/),
    ]);
    expect(infosUnder(team)).toEqual([
      "Acknowledged warning QUEUE_NO_DEAD_LETTER_QUEUE for this scope and its children: replayed from the source system",
      expect.stringMatching(/^Acknowledged: Queue acme-team-jobs has no dead-letter queue.*\(replayed from the source system\)$/),
    ]);
  });

  test("acknowledging after the construct warned turns its warning into an acknowledged info", () => {
    const stack = newStack();
    const web = service(stack, { alarms: { enabled: false }, deployment: { type: "rolling", circuitBreaker: false } });
    Warnings.acknowledge(web, "SERVICE_ALARMS_OFF", "alarms live in the team's own monitoring stack");

    expect(warningsUnder(web)).toEqual([expect.stringMatching(/\[SERVICE_CIRCUIT_BREAKER_OFF\]$/)]);
    expect(infosUnder(web)).toContainEqual(
      expect.stringMatching(/^Acknowledged: Alarms are off for service acme-test-web.*\(alarms live in the team's own monitoring stack\)$/),
    );
  });

  test("an acknowledgement covers only the code it names", () => {
    const stack = newStack();
    Warnings.acknowledge(stack, "NETWORK_FLOW_LOGS_OFF", "dev");
    network(stack, { flowLogs: { enabled: false }, natGateways: "none" });
    expect(warningsUnder(stack)).toEqual([expect.stringMatching(/\[NETWORK_PRIVATE_WITHOUT_NAT\]$/)]);
  });

  test("an unknown code is a ValidationError", () => {
    const error = validationErrorOf((scope) => Warnings.acknowledge(scope, "NETWORK_FLOWLOGS_OFF" as WarningCode, "typo"));
    expect(error.message).toMatch(
      expectedMessage("test", "code", "NETWORK_FLOWLOGS_OFF", "a warning code listed in docs/errors.md", "WARNING_UNKNOWN_CODE"),
    );
  });

  test.each([[""], ["   "], [undefined]])("an acknowledgement without a reason (%p) is a ValidationError", (reason) => {
    const error = validationErrorOf((scope) => Warnings.acknowledge(scope, "NETWORK_FLOW_LOGS_OFF", reason as string));
    expect(error.message).toMatch(expectedMessage("test", "reason", reason, "a non-empty reason", "WARNING_ACK_REASON"));
  });

  test("docs/errors.md lists every warning code with its meaning, and no other", () => {
    const docs = readFileSync(join(REPO, "docs", "errors.md"), "utf8");
    const rows = [...docs.matchAll(/^\| `([A-Z0-9_]+)` \| (.+) \|$/gm)].map(([, code, meaning]) => [code, meaning]);
    expect(Object.fromEntries(rows)).toEqual(WARNING_CODES);
  });

  test("library code emits warnings only through warn(), so every one has a code", () => {
    const offenders = sourceFiles(join(REPO, "src")).filter((file) => {
      if (file.endsWith(join("core", "warnings.ts")) || file.endsWith(join("policy", "policy-pack.ts"))) return false;
      return /\.addWarning\(/.test(readFileSync(file, "utf8"));
    });
    expect(offenders).toEqual([]);
  });

  test("each warning code is emitted by warn() in one place and used for nothing else (no error shares it)", () => {
    const library = sourceFiles(join(REPO, "src"))
      .filter((file) => !file.endsWith(join("core", "warnings.ts")))
      .map((file) => readFileSync(file, "utf8"));
    for (const code of Object.keys(WARNING_CODES)) {
      const uses = library.flatMap((text) => [...text.matchAll(new RegExp(`(warn\\(\\s*\\w+,\\s*)?"${code}"`, "g"))]);
      expect({ code, uses: uses.length, throughWarn: uses.every((m) => m[1] !== undefined) }).toEqual({ code, uses: 1, throughWarn: true });
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}
