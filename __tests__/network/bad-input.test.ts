import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { Network, Peer, Port, SecurityGroup, VpcFlowLog } from "../../src/network";
import { INTERFACE_ENDPOINT_SERVICES } from "../../src/network/endpoints";
import { ValidationError } from "../../src/core/errors";
import { errorOf, expectedMessage, testRejections } from "../helpers";
import { PATH_ALLOWED } from "../core/role-messages";

const base = { name: "acme-test", cidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] };
const CIDR_ALLOWED = "an IPv4 CIDR block whose address is the start of its range, such as 10\\.0\\.0\\.0/16";
const SG_CHARS = "letters, digits, spaces and \\._-:/\\(\\)#,@\\[\\]\\+=&;\\{\\}!\\$\\*";

describe("Network: bad input", () => {
  test.each<[string, object, RegExp]>([
    [
      "a name with capitals",
      { name: "Acme_Test" },
      /^test\/Network: invalid name "Acme_Test": expected 1 to 40 characters of lowercase letters, digits and inner hyphens \[NETWORK_NAME\]$/,
    ],
    [
      "a name over 40 characters",
      { name: "a".repeat(41) },
      /^test\/Network: invalid name "a{41}": expected 1 to 40 characters of lowercase letters, digits and inner hyphens \[NETWORK_NAME\]$/,
    ],
    [
      "a tag key over 128 characters",
      { tags: { ["k".repeat(129)]: "v" } },
      /^test\/Network: invalid tags\.k{129} "k{129}": expected a key of 1 to 128 characters not starting with "aws:" \[TAG_KEY_INVALID\]$/,
    ],
    [
      "a reserved tag key",
      { tags: { "aws:owner": "x" } },
      /^test\/Network: invalid tags\.aws:owner "aws:owner": expected a key of 1 to 128 characters not starting with "aws:" \[TAG_KEY_INVALID\]$/,
    ],
    [
      "a tag value over 256 characters",
      { tags: { Team: "v".repeat(257) } },
      /^test\/Network: invalid tags\.Team "v{196}\.\.\.: expected a value of at most 256 characters \[TAG_VALUE_TOO_LONG\]$/,
    ],
    [
      "more than 50 tags",
      { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
      /^test\/Network: invalid tags 51: expected at most 50 tags \[TAGS_TOO_MANY\]$/,
    ],
    [
      "an invalid CIDR",
      { cidr: "10.0.0/16" },
      new RegExp(
        `^test/Network: invalid cidr "10\\.0\\.0/16": expected ${CIDR_ALLOWED} \\(An IP4 number cannot have less or greater than 4 octets\\) \\[NETWORK_INVALID_CIDR\\]$`,
      ),
    ],
    [
      "a CIDR with host bits set",
      { cidr: "10.0.0.1/16" },
      new RegExp(
        `^test/Network: invalid cidr "10\\.0\\.0\\.1/16": expected ${CIDR_ALLOWED} \\(Given IP number portion must is not the start of the range\\) \\[NETWORK_INVALID_CIDR\\]$`,
      ),
    ],
    [
      "a VPC prefix outside /16-/28",
      { cidr: "10.0.0.0/12" },
      /^test\/Network: invalid cidr "10\.0\.0\.0\/12": expected a prefix length from \/16 to \/28 \(AWS VPC limits\) \[NETWORK_VPC_PREFIX\]$/,
    ],
    [
      "sized tiers whose reserved zone slots do not fit",
      { cidr: "10.0.0.0/24", tiers: { private: { prefixLength: 24 } } },
      /^test\/Network: invalid tiers\.private "\/24": expected subnets whose 6 reserved zone slots fit in the VPC CIDR 10\.0\.0\.0\/24 alongside the other tiers \(use a larger VPC, smaller subnets or fewer reservedAzs\) \[NETWORK_SUBNETS_DO_NOT_FIT\]$/,
    ],
    [
      "automatic tiers left with less than a /28 per zone slot",
      { cidr: "10.0.0.0/25", natGateways: "none" },
      /^test\/Network: invalid tiers \["public","private"\]: expected subnets that fit in 10\.0\.0\.0\/25: the tiers without a prefixLength would get less than a \/28 for each of their 6 reserved zone slots; use a larger VPC, set prefixLength or fewer reservedAzs \[NETWORK_SUBNETS_DO_NOT_FIT\]$/,
    ],
    [
      "reservedAzs below the zones in use",
      { reservedAzs: 1 },
      /^test\/Network: invalid reservedAzs 1: expected a whole number of zone slots from the zones in use \(2\) to 6 \[NETWORK_RESERVED_AZS\]$/,
    ],
    [
      "an explicit block that is a number (a config from JSON)",
      { tiers: { public: { cidrBlocks: [10, "10.0.1.0/24"] } } },
      new RegExp(`^test/Network: invalid tiers\\.public\\.cidrBlocks\\[0\\] 10: expected ${CIDR_ALLOWED} \\[NETWORK_INVALID_CIDR\\]$`),
    ],
    [
      "an explicit block that is null (a config from JSON)",
      { tiers: { public: { cidrBlocks: ["10.0.0.0/24", null] } } },
      new RegExp(`^test/Network: invalid tiers\\.public\\.cidrBlocks\\[1\\] null: expected ${CIDR_ALLOWED} \\[NETWORK_INVALID_CIDR\\]$`),
    ],
    [
      "an explicit block that is not a CIDR",
      { tiers: { public: { cidrBlocks: ["10.0.0.0/24", "10.0.1/24"] } } },
      new RegExp(
        `^test/Network: invalid tiers\\.public\\.cidrBlocks\\[1\\] "10\\.0\\.1/24": expected ${CIDR_ALLOWED} \\(An IP4 number cannot have less or greater than 4 octets\\) \\[NETWORK_INVALID_CIDR\\]$`,
      ),
    ],
    [
      "both prefixLength and cidrBlocks on a tier",
      { tiers: { public: { prefixLength: 24, cidrBlocks: ["10.0.0.0/24", "10.0.1.0/24"] } } },
      /^test\/Network: invalid tiers\.public \{"prefixLength":24,"cidrBlocks":\["10\.0\.0\.0\/24","10\.0\.1\.0\/24"\]\}: expected either prefixLength or cidrBlocks, not both \[NETWORK_TIER_CONFLICT\]$/,
    ],
    [
      "fewer explicit blocks than zones",
      { tiers: { public: { cidrBlocks: ["10.0.0.0/24"] } } },
      /^test\/Network: invalid tiers\.public\.cidrBlocks \["10\.0\.0\.0\/24"\]: expected one block per availability zone slot: at least 2 \(the zones in use\), at most 6 \[NETWORK_TIER_BLOCK_COUNT\]$/,
    ],
    [
      "a subnet prefix shorter than the VPC's",
      { cidr: "10.0.0.0/20", tiers: { private: { prefixLength: 19 } }, natGateways: "none" },
      /^test\/Network: invalid tiers\.private\.prefixLength 19: expected a subnet prefix length from \/20 \(the VPC's\) to \/28 \[NETWORK_SUBNET_PREFIX\]$/,
    ],
    [
      "an explicit block smaller than a /28",
      { tiers: { public: { cidrBlocks: ["10.0.0.0/29", "10.0.1.0/24"] } } },
      /^test\/Network: invalid tiers\.public\.cidrBlocks\[0\] "10\.0\.0\.0\/29": expected a subnet prefix length from \/16 \(the VPC's\) to \/28 \[NETWORK_SUBNET_PREFIX\]$/,
    ],
    [
      "a block outside the VPC",
      { tiers: { public: { cidrBlocks: ["10.0.0.0/24", "10.9.0.0/24"] } } },
      /^test\/Network: invalid tiers\.public\.cidrBlocks\[1\] "10\.9\.0\.0\/24": expected a block inside the VPC CIDR 10\.0\.0\.0\/16 \[NETWORK_SUBNET_OUTSIDE_VPC\]$/,
    ],
    [
      "overlapping explicit blocks",
      { tiers: { public: { cidrBlocks: ["10.0.0.0/24", "10.0.1.0/24"] }, private: { cidrBlocks: ["10.0.1.0/25", "10.0.2.0/24"] } } },
      /^test\/Network: invalid tiers\.private\.cidrBlocks\[0\] "10\.0\.1\.0\/25": expected a block that does not overlap 10\.0\.1\.0\/24 \(tiers\.public, availability zone 2\) \[NETWORK_SUBNETS_OVERLAP\]$/,
    ],
    [
      "availability zones given as a token",
      { availabilityZones: Lazy.listValue({ produce: () => ["eu-west-1a"] }) },
      /^test\/Network: invalid availabilityZones "\(unresolved token\)": expected an explicit list of zone names, so subnets can be planned at synth time \[NETWORK_AZ_TOKEN\]$/,
    ],
    [
      "fewer than 2 AZs",
      { availabilityZones: ["eu-west-1a"] },
      /^test\/Network: invalid availabilityZones \["eu-west-1a"\]: expected 2 to 6 availability zones \[NETWORK_AZ_COUNT\]$/,
    ],
    [
      "more than 6 AZs",
      { availabilityZones: ["a1", "b1", "c1", "d1", "e1", "f1", "g1"] },
      /^test\/Network: invalid availabilityZones \["a1","b1","c1","d1","e1","f1","g1"\]: expected 2 to 6 availability zones \[NETWORK_AZ_COUNT\]$/,
    ],
    [
      "duplicate AZs",
      { availabilityZones: ["eu-west-1a", "eu-west-1a"] },
      /^test\/Network: invalid availabilityZones "eu-west-1a": expected each zone once \[NETWORK_AZ_DUPLICATE\]$/,
    ],
    [
      "AZs from two regions",
      { availabilityZones: ["eu-west-1a", "us-east-1a"] },
      /^test\/Network: invalid availabilityZones \["eu-west-1a","us-east-1a"\]: expected zone names of one region such as eu-west-1a, or set region explicitly \[NETWORK_REGION\]$/,
    ],
    [
      "a region that is not a region name",
      { region: "Ireland" },
      /^test\/Network: invalid region "Ireland": expected an AWS region code that exists, such as eu-west-1 \[NETWORK_REGION\]$/,
    ],
    [
      "a region that does not exist",
      { region: "eu-west-9", availabilityZones: ["eu-west-9a", "eu-west-9b"] },
      /^test\/Network: invalid region "eu-west-9": expected an AWS region code that exists, such as eu-west-1 \[NETWORK_REGION\]$/,
    ],
    [
      "availability zones of another region than the region prop",
      { region: "eu-central-1" },
      /^test\/Network: invalid availabilityZones "eu-west-1a": expected zones of eu-central-1 such as eu-central-1a \[NETWORK_AZ_REGION\]$/,
    ],
    [
      "an endpoint policy that is not JSON",
      { endpointPolicies: { s3: "Allow everything" } },
      /^test\/Network: invalid endpointPolicies\.s3 "Allow everything": expected an IAM policy document as a JSON object string \[NETWORK_ENDPOINT_POLICY_JSON\]$/,
    ],
    [
      "a KMS alias where the flow-log key ARN is required",
      { flowLogs: { kmsKeyArn: "alias/flow-logs" } },
      /^test\/Network\/FlowLog: invalid flowLogs\.kmsKeyArn "alias\/flow-logs": expected a KMS key ARN \(arn:aws:kms:<region>:<account>:key\/<key-id>\), not an alias \[FLOW_LOG_KMS_KEY\]$/,
    ],
    [
      "a bucket name where the flow-log bucket ARN is required",
      { flowLogs: { destination: "s3", s3BucketArn: "acme-flow-logs" } },
      /^test\/Network\/FlowLog: invalid flowLogs\.s3BucketArn "acme-flow-logs": expected an S3 bucket ARN \(arn:aws:s3:::<bucket>\), not a bucket name \[FLOW_LOG_S3_BUCKET\]$/,
    ],
    [
      "no tiers at all",
      { tiers: {} },
      /^test\/Network: invalid tiers \{\}: expected at least one of public, private, isolated \[NETWORK_NO_TIERS\]$/,
    ],
    [
      "an unknown NAT mode",
      { natGateways: "two" },
      /^test\/Network: invalid natGateways "two": expected "none", "single" or "perAz" \[NETWORK_NAT_MODE\]$/,
    ],
    [
      "NAT without public subnets",
      { tiers: { private: {} }, natGateways: "single" },
      /^test\/Network: invalid natGateways "single": expected "none" when there is no public tier \(NAT gateways live in public subnets\) \[NETWORK_NAT_WITHOUT_PUBLIC\]$/,
    ],
    [
      "an unknown gateway endpoint",
      { gatewayEndpoints: ["s3", "sqs"] },
      /^test\/Network: invalid gatewayEndpoints\[1\] "sqs": expected one of s3, dynamodb \[NETWORK_UNKNOWN_ENDPOINT\]$/,
    ],
    [
      "an unknown interface endpoint",
      { interfaceEndpoints: ["ecr.api", "ecr"] },
      expectedMessage(
        "test/Network",
        "interfaceEndpoints[1]",
        "ecr",
        `a known interface endpoint: ${INTERFACE_ENDPOINT_SERVICES.join(", ")}`,
        "NETWORK_UNKNOWN_ENDPOINT",
      ),
    ],
    [
      "a gateway endpoint listed twice",
      { gatewayEndpoints: ["s3", "s3"] },
      /^test\/Network: invalid gatewayEndpoints "s3": expected each endpoint once \[NETWORK_DUPLICATE_ENDPOINT\]$/,
    ],
    [
      "an interface endpoint listed twice",
      { interfaceEndpoints: ["logs", "logs"] },
      /^test\/Network: invalid interfaceEndpoints "logs": expected each endpoint once \[NETWORK_DUPLICATE_ENDPOINT\]$/,
    ],
    [
      "a policy for an endpoint the network does not create",
      { endpointPolicies: { sqs: "{}" } },
      /^test\/Network: invalid endpointPolicies\.sqs "sqs": expected a policy for an endpoint this network creates \[NETWORK_ENDPOINT_POLICY\]$/,
    ],
    [
      "endpoints in a tier the network lacks",
      { interfaceEndpoints: ["logs"], interfaceEndpointTier: "isolated" },
      /^test\/Network: invalid interfaceEndpointTier "isolated": expected a tier this network has \(add it to tiers, or pick the other tier\) \[NETWORK_ENDPOINT_TIER\]$/,
    ],
    [
      "endpoints in the public tier",
      { interfaceEndpoints: ["logs"], interfaceEndpointTier: "public" },
      /^test\/Network: invalid interfaceEndpointTier "public": expected one of "private", "isolated" \[NETWORK_ENDPOINT_TIER\]$/,
    ],
    [
      "flow logs to S3 without a bucket",
      { flowLogs: { destination: "s3" } },
      /^test\/Network\/FlowLog: invalid flowLogs\.s3BucketArn \(missing\): expected an S3 bucket ARN when flowLogs\.destination is "s3" \[FLOW_LOG_S3_BUCKET\]$/,
    ],
    [
      "a flow log retention CloudWatch does not offer",
      { flowLogs: { retentionDays: 10 } },
      /^test\/Network\/FlowLog: invalid flowLogs\.retentionDays 10: expected one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 \[FLOW_LOG_RETENTION\]$/,
    ],
    [
      "a flow log aggregation interval other than 60 or 600",
      { flowLogs: { maxAggregationIntervalSeconds: 300 } },
      /^test\/Network\/FlowLog: invalid flowLogs\.maxAggregationIntervalSeconds 300: expected one of 60, 600 \[FLOW_LOG_INTERVAL\]$/,
    ],
    [
      "an unknown flow log destination",
      { flowLogs: { destination: "kinesis" } },
      /^test\/Network\/FlowLog: invalid flowLogs\.destination "kinesis": expected one of "cloudwatch", "s3" \[FLOW_LOG_DESTINATION\]$/,
    ],
    [
      "a dualStack that is not a boolean (a JSON config's string)",
      { dualStack: "yes" },
      /^test\/Network: invalid dualStack "yes": expected true or false \[NETWORK_DUAL_STACK\]$/,
    ],
    [
      "an unknown flow log traffic type",
      { flowLogs: { trafficType: "DENY" } },
      /^test\/Network\/FlowLog: invalid flowLogs\.trafficType "DENY": expected one of "ALL", "ACCEPT", "REJECT" \[FLOW_LOG_TRAFFIC_TYPE\]$/,
    ],
  ])("throws on %s", (_name, override, message) => {
    expect(errorOf((scope) => new Network(scope, "Network", { ...base, ...override } as any))).toMatch(message);
  });

  test("bad input is a ValidationError, not a plain Error", () => {
    const scope = new Construct(undefined as unknown as Construct, "test");
    expect(() => new Network(scope, "Network", { ...base, cidr: "nonsense" })).toThrow(ValidationError);
  });

  test.each<[string, string, RegExp]>([
    ["an IPv4 block", "10.0.0.0/16", /expected an IPv6 CIDR block whose address is the start of its range/],
    ["host bits set", "2001:db8:1234:5601::/56", /invalid ipv6CidrBlock "2001:db8:1234:5601::\/56"/],
    ["a prefix over 128", "2001:db8::/129", /\[NETWORK_INVALID_IPV6_CIDR\]$/],
  ])("fromAttributes throws on an ipv6CidrBlock with %s", (_name, ipv6CidrBlock, message) => {
    expect(() =>
      Network.fromAttributes({ vpcId: "vpc-1", vpcCidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a"], ipv6CidrBlock }),
    ).toThrow(message);
  });
});

describe("VpcFlowLog: bad input", () => {
  const flowLog = { vpcId: "vpc-1", name: "acme-test" };
  test.each<[string, object, RegExp]>([
    [
      "a delivery role path without the trailing slash",
      { roleOptions: { path: "/network" } },
      expectedMessage("test/FlowLog", "roleOptions.path", "/network", PATH_ALLOWED, "ROLE_PATH"),
    ],
    [
      "a name the log group and role cannot take",
      { name: "Acme Test" },
      /^test\/FlowLog: invalid name "Acme Test": expected 1 to 40 characters of lowercase letters, digits and inner hyphens \[FLOW_LOG_NAME\]$/,
    ],
    [
      "a reserved tag key",
      { tags: { "aws:owner": "x" } },
      /^test\/FlowLog: invalid tags\.aws:owner "aws:owner": expected a key of 1 to 128 characters not starting with "aws:" \[TAG_KEY_INVALID\]$/,
    ],
  ])("throws on %s", (_name, override, message) => {
    expect(errorOf((scope) => new VpcFlowLog(scope, "FlowLog", { ...flowLog, ...override }))).toMatch(message);
  });
});

describe("SecurityGroup: bad input", () => {
  const group = { vpcId: "vpc-1", name: "acme-app", description: "App tasks" };
  test.each<[string, object, RegExp]>([
    [
      "a name over 228 characters (the prefix Terraform appends 27 to)",
      { name: "n".repeat(229) },
      new RegExp(
        `^test/Group: invalid name "n{196}\\.\\.\\.: expected 1 to 228 characters of ${SG_CHARS}, not starting with "sg-" \\[SECURITY_GROUP_NAME\\]$`,
      ),
    ],
    [
      "a name starting with sg-",
      { name: "sg-app" },
      new RegExp(
        `^test/Group: invalid name "sg-app": expected 1 to 228 characters of ${SG_CHARS}, not starting with "sg-" \\[SECURITY_GROUP_NAME\\]$`,
      ),
    ],
    [
      "a name with characters EC2 refuses",
      { name: "app<1>" },
      new RegExp(
        `^test/Group: invalid name "app<1>": expected 1 to 228 characters of ${SG_CHARS}, not starting with "sg-" \\[SECURITY_GROUP_NAME\\]$`,
      ),
    ],
    [
      "an empty description",
      { description: "" },
      new RegExp(`^test/Group: invalid description "": expected 1 to 255 characters of ${SG_CHARS} \\[SECURITY_GROUP_DESCRIPTION\\]$`),
    ],
    [
      "a description over 255 characters",
      { description: "d".repeat(256) },
      new RegExp(
        `^test/Group: invalid description "d{196}\\.\\.\\.: expected 1 to 255 characters of ${SG_CHARS} \\[SECURITY_GROUP_DESCRIPTION\\]$`,
      ),
    ],
    [
      "a tag value over 256 characters",
      { tags: { Team: "t".repeat(257) } },
      /^test\/Group: invalid tags\.Team "t{196}\.\.\.: expected a value of at most 256 characters \[TAG_VALUE_TOO_LONG\]$/,
    ],
  ])("throws on %s", (_name, override, message) => {
    expect(errorOf((scope) => new SecurityGroup(scope, "Group", { ...group, ...override }))).toMatch(message);
  });
});

describe("Connections: bad input", () => {
  const group = (scope: Construct, id = "Group") =>
    new SecurityGroup(scope, id, { vpcId: "vpc-1", name: `acme-${id.toLowerCase()}`, description: id, allowAllOutbound: false });
  testRejections([
    [
      "port 0",
      (s) => group(s).connections.allowFrom(Peer.anyIpv4(), Port.tcp(0)),
      /^test\/Group: invalid port 0: expected an integer from 1 to 65535 \[PORT_OUT_OF_RANGE\]$/,
    ],
    [
      "port 65536",
      (s) => group(s).connections.allowTo(Peer.anyIpv4(), Port.udp(65536)),
      /^test\/Group: invalid port 65536: expected an integer from 1 to 65535 \[PORT_OUT_OF_RANGE\]$/,
    ],
    [
      "a fractional port",
      (s) => group(s).connections.allowFrom(Peer.anyIpv4(), Port.tcp(80.5)),
      /^test\/Group: invalid port 80\.5: expected an integer from 1 to 65535 \[PORT_OUT_OF_RANGE\]$/,
    ],
    [
      "a range ending above 65535",
      (s) => group(s).connections.allowFrom(Peer.anyIpv4(), Port.tcpRange(1024, 70000)),
      /^test\/Group: invalid port 70000: expected an integer from 1 to 65535 \[PORT_OUT_OF_RANGE\]$/,
    ],
    [
      "a reversed port range",
      (s) => group(s).connections.allowFrom(Peer.anyIpv4(), Port.tcpRange(9000, 8000)),
      /^test\/Group: invalid port "tcp\/9000-8000": expected a range whose start is not above its end \[PORT_RANGE_REVERSED\]$/,
    ],
    [
      "a reversed range towards another group, reported on the receiving group",
      (s) => group(s, "Client").connections.allowTo(group(s, "Server"), Port.tcpRange(9000, 8000)),
      /^test\/Server: invalid port "tcp\/9000-8000": expected a range whose start is not above its end \[PORT_RANGE_REVERSED\]$/,
    ],
    [
      "an IPv4 peer with host bits set",
      (s) => group(s).connections.allowFrom(Peer.ipv4("10.0.0.1/16"), Port.HTTPS),
      /^test\/Group: invalid peer "10\.0\.0\.1\/16": expected an IPv4 CIDR block whose address is the start of its range, such as 10\.0\.0\.0\/16 \[PEER_INVALID_CIDR\]$/,
    ],
    [
      "an IPv4 peer that is not a CIDR",
      (s) => group(s).connections.allowTo(Peer.ipv4("10.0.0.0"), Port.HTTPS),
      /^test\/Group: invalid peer "10\.0\.0\.0": expected an IPv4 CIDR block whose address is the start of its range, such as 10\.0\.0\.0\/16 \[PEER_INVALID_CIDR\]$/,
    ],
    [
      "an IPv6 peer that is not a CIDR",
      (s) => group(s).connections.allowFrom(Peer.ipv6("2001:db8::/129"), Port.HTTPS),
      /^test\/Group: invalid peer "2001:db8::\/129": expected an IPv6 CIDR block whose address is the start of its range, such as 2001:db8::\/32 \[PEER_INVALID_CIDR\]$/,
    ],
    [
      "a rule description EC2 refuses",
      (s) => group(s).connections.allowFrom(Peer.anyIpv4(), Port.HTTPS, "caf\u00e9 > bar"),
      new RegExp(
        `^test/Group: invalid description "caf\u00e9 > bar": expected 1 to 255 characters of ${SG_CHARS} \\[SECURITY_GROUP_RULE_DESCRIPTION\\]$`,
      ),
    ],
    [
      "a rule description over 255 characters",
      (s) => group(s).connections.allowTo(Peer.anyIpv4(), Port.HTTPS, "d".repeat(256)),
      new RegExp(
        `^test/Group: invalid description "d{196}\\.\\.\\.: expected 1 to 255 characters of ${SG_CHARS} \\[SECURITY_GROUP_RULE_DESCRIPTION\\]$`,
      ),
    ],
  ]);
});

describe("network module: required props from a JSON config", () => {
  test.each<[string, string, RegExp]>([
    [
      "Network without cidr",
      '{"name":"acme-test","availabilityZones":["eu-west-1a"]}',
      expectedMessage("test/Subject", "cidr", undefined, "a string (required)", "PROP_REQUIRED"),
    ],
    [
      "Network with one zone as a string",
      '{"name":"acme-test","cidr":"10.0.0.0/16","availabilityZones":"eu-west-1a"}',
      expectedMessage("test/Subject", "availabilityZones", "eu-west-1a", "a list of strings", "PROP_TYPE"),
    ],
  ])("%s is a ValidationError", (_, json, message) => {
    expect(errorOf((scope) => new Network(scope, "Subject", JSON.parse(json)))).toMatch(message);
  });
  test("a SecurityGroup without description is a ValidationError", () => {
    expect(errorOf((scope) => new SecurityGroup(scope, "Subject", JSON.parse('{"vpcId":"vpc-1","name":"acme-sg"}')))).toMatch(
      expectedMessage("test/Subject", "description", undefined, "a string (required)", "PROP_REQUIRED"),
    );
  });
});
