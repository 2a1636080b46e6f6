import { TerraformStack } from "cdktf";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { Cluster } from "../../../src/cluster/cluster";
import { Ec2CapacityProviderOptions } from "../../../src/cluster/ec2-capacity-provider";
import {
  ec2EncryptedVolumes,
  ec2Imdsv2,
  ec2TaskImdsBlock,
  elbDeletionProtection,
  elbDropInvalidHeaders,
  elbHttps,
} from "../../../src/policy";
import { base, general } from "../../cluster/fixtures";
import { brief, findingsOf, unhashed } from "../helpers";

const forward = [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc" }];

describe("ELB-001 HTTPS", () => {
  test("reports an HTTP listener that forwards: a warning outside production, an error in production", () => {
    const build = (s: TerraformStack) =>
      new LbListener(s, "Http", { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultAction: forward });
    expect(brief(findingsOf(elbHttps, build))).toEqual([
      'warning ELB-001 @ Http: the listener serves plain HTTP on port 80 with default action ["forward"]',
    ]);
    expect(findingsOf(elbHttps, build, { environmentClass: "production" }).map((f) => f.severity)).toEqual(["error"]);
  });

  test("passes an HTTPS listener and an HTTP listener that redirects to HTTPS", () => {
    const findings = findingsOf(
      elbHttps,
      (s) => {
        new LbListener(s, "Https", {
          loadBalancerArn: "arn:lb",
          port: 443,
          protocol: "HTTPS",
          certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/x",
          sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
          defaultAction: forward,
        });
        new LbListener(s, "Http", {
          loadBalancerArn: "arn:lb",
          port: 80,
          protocol: "HTTP",
          defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        });
      },
      { environmentClass: "production" },
    );
    expect(findings).toEqual([]);
  });
});

describe("ELB-002 drop invalid header fields", () => {
  test("reports an application load balancer that keeps invalid headers", () => {
    expect(brief(findingsOf(elbDropInvalidHeaders, (s) => new Lb(s, "Alb", { name: "web" })))).toEqual([
      "error ELB-002 @ Alb: drop_invalid_header_fields is not true",
    ]);
  });

  test("passes an ALB that drops them, and network load balancers (no HTTP headers)", () => {
    const findings = findingsOf(elbDropInvalidHeaders, (s) => {
      new Lb(s, "Alb", { name: "web", dropInvalidHeaderFields: true });
      new Lb(s, "Nlb", { name: "tcp", loadBalancerType: "network" });
    });
    expect(findings).toEqual([]);
  });
});

describe("ELB-003 deletion protection", () => {
  test("reports a production load balancer without deletion protection", () => {
    expect(brief(findingsOf(elbDeletionProtection, (s) => new Lb(s, "Alb", { name: "web" }), { environmentClass: "production" }))).toEqual([
      "error ELB-003 @ Alb: enable_deletion_protection is not true",
    ]);
  });

  test("passes deletion protection in production, and does not run outside production", () => {
    expect(
      findingsOf(elbDeletionProtection, (s) => new Lb(s, "Alb", { name: "web", enableDeletionProtection: true }), {
        environmentClass: "production",
      }),
    ).toEqual([]);
    expect(findingsOf(elbDeletionProtection, (s) => new Lb(s, "Alb", { name: "web" }))).toEqual([]);
  });
});

describe("EC2-001 IMDSv2", () => {
  test("reports launch templates and instances that still answer IMDSv1", () => {
    const findings = findingsOf(ec2Imdsv2, (s) => {
      new LaunchTemplate(s, "Unset", { name: "unset" });
      new LaunchTemplate(s, "Optional", { name: "optional", metadataOptions: { httpTokens: "optional" } });
      new Instance(s, "Host", { ami: "ami-123", instanceType: "t3.micro" });
    });
    expect(brief(findings)).toEqual([
      "error EC2-001 @ Host: metadata_options.http_tokens is not set (IMDSv1 stays enabled)",
      'error EC2-001 @ Optional: metadata_options.http_tokens is "optional"',
      "error EC2-001 @ Unset: metadata_options.http_tokens is not set (IMDSv1 stays enabled)",
    ]);
  });

  test("passes required tokens and a disabled metadata endpoint", () => {
    const findings = findingsOf(ec2Imdsv2, (s) => {
      new LaunchTemplate(s, "V2", {
        name: "v2",
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      });
      new LaunchTemplate(s, "Off", { name: "off", metadataOptions: { httpEndpoint: "disabled" } });
    });
    expect(findings).toEqual([]);
  });
});

describe("EC2-002 encrypted volumes", () => {
  test("reports unencrypted EBS volumes of launch templates and instances", () => {
    const findings = findingsOf(ec2EncryptedVolumes, (s) => {
      new LaunchTemplate(s, "Template", {
        name: "hosts",
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { volumeSize: 30, encrypted: "false" } },
          { deviceName: "/dev/xvdb", ebs: { volumeSize: 100 } },
        ],
      });
      new Instance(s, "Host", { ami: "ami-123", instanceType: "t3.micro", rootBlockDevice: { volumeSize: 20 } });
    });
    expect(brief(findings)).toEqual([
      'error EC2-002 @ Host: the root block device is not encrypted (encrypted is "unset")',
      'error EC2-002 @ Template: block device /dev/xvda is not encrypted (encrypted is "false")',
      'error EC2-002 @ Template: block device /dev/xvdb is not encrypted (encrypted is "unset")',
    ]);
  });

  test("passes encrypted volumes and mappings without EBS", () => {
    const findings = findingsOf(ec2EncryptedVolumes, (s) => {
      new LaunchTemplate(s, "Template", {
        name: "hosts",
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { volumeSize: 30, encrypted: "true" } },
          { deviceName: "/dev/sdb", virtualName: "ephemeral0" },
        ],
      });
      new Instance(s, "Host", { ami: "ami-123", instanceType: "t3.micro", rootBlockDevice: { encrypted: true } });
    });
    expect(findings).toEqual([]);
  });
});

describe("EC2-003 awsvpc tasks blocked from instance metadata", () => {
  const hosts = (options: Partial<Ec2CapacityProviderOptions>) => (s: TerraformStack) =>
    new Cluster(s, "Cluster", { ...base, ec2CapacityProviders: { general: { ...general, ...options } } });
  const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

  test("passes the library's AL2023 and Bottlerocket hosts as they are by default", () => {
    expect(findingsOf(ec2TaskImdsBlock, hosts({}), { environmentClass: "production" })).toEqual([]);
    expect(findingsOf(ec2TaskImdsBlock, hosts({ amiFamily: "bottlerocket" }), { environmentClass: "production" })).toEqual([]);
  });

  test("reports hosts that let awsvpc tasks reach IMDS: an error in production, a warning elsewhere", () => {
    const al2023 = findingsOf(ec2TaskImdsBlock, hosts({ blockTaskMetadataAccess: false }), { environmentClass: "production" });
    expect(brief(al2023).map(unhashed)).toEqual([
      "error EC2-003 @ Cluster/general/LaunchTemplate: the user data sets ECS_AWSVPC_BLOCK_IMDS to false",
    ]);
    const bottlerocket = findingsOf(ec2TaskImdsBlock, hosts({ amiFamily: "bottlerocket", blockTaskMetadataAccess: false }));
    expect(brief(bottlerocket).map(unhashed)).toEqual([
      "warning EC2-003 @ Cluster/general/LaunchTemplate: the Bottlerocket user data sets settings.ecs.awsvpc-block-imds to false",
    ]);
  });

  test("a hand-written ECS host that never sets the block gets the agent's default, false", () => {
    const findings = findingsOf(ec2TaskImdsBlock, (s) => {
      new LaunchTemplate(s, "Script", { name: "script", userData: base64("#!/bin/bash\necho ECS_CLUSTER=acme >> /etc/ecs/ecs.config\n") });
      new LaunchTemplate(s, "Toml", {
        name: "toml",
        userData: base64('[settings.ecs]\ncluster = "acme"\n[settings.kernel]\nlockdown = "integrity"\n'),
      });
      new LaunchTemplate(s, "Later", {
        name: "later",
        userData: base64("ECS_CLUSTER=acme\nECS_AWSVPC_BLOCK_IMDS=true\nECS_AWSVPC_BLOCK_IMDS=false\n"),
      });
    });
    expect(brief(findings)).toEqual([
      "warning EC2-003 @ Later: the user data sets ECS_AWSVPC_BLOCK_IMDS to false",
      "warning EC2-003 @ Script: the user data sets ECS_AWSVPC_BLOCK_IMDS to nothing (the agent's default: false)",
      "warning EC2-003 @ Toml: the Bottlerocket user data sets settings.ecs.awsvpc-block-imds to nothing (Bottlerocket's default: false)",
    ]);
  });

  test("does not judge user data it cannot read: none, an expression, or no ECS agent settings", () => {
    const findings = findingsOf(ec2TaskImdsBlock, (s) => {
      new LaunchTemplate(s, "None", { name: "none" });
      new LaunchTemplate(s, "Expression", { name: "expression", userData: "${base64encode(var.user_data)}" });
      new LaunchTemplate(s, "Other", { name: "other", userData: base64("#!/bin/bash\nyum update -y\n") });
      new LaunchTemplate(s, "Binary", { name: "binary", userData: "H4sIAAAAAAAAA+3BAQ0AAADCoPdPbQ8HFAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    });
    expect(findings).toEqual([]);
  });
});
