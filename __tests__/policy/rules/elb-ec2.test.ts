import { TerraformStack } from "cdktf";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { ec2EncryptedVolumes, ec2Imdsv2, elbDeletionProtection, elbDropInvalidHeaders, elbHttps } from "../../../src/policy";
import { brief, findingsOf } from "../helpers";

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
