import {
  ECS_MANAGED_TAG,
  renderAutoScalingGroupTags,
  renderInstancesDistribution,
  renderManagedScaling,
  usesMixedInstancesPolicy,
} from "../../src/cluster/ec2-capacity-render";
import { execKeyPolicy, renderExecuteCommandConfiguration } from "../../src/cluster/exec-logging";
import { execAuditStatements } from "../../src/core/exec-audit";
import {
  amiVariantFor,
  architectureOf,
  ecsAmiImageId,
  instanceFamily,
  isGpuInstanceType,
  isInstanceTypeName,
  isNeuronInstanceType,
} from "../../src/cluster/instance-types";
import { encodeUserData, renderEcsConfig, renderUserData } from "../../src/cluster/user-data";
import { bottlerocketAmiParameter, encodeBottlerocketUserData, renderBottlerocketUserData } from "../../src/cluster/bottlerocket";

describe("instance types", () => {
  test("Graviton families are arm64, whatever follows the g", () => {
    for (const type of [
      "m7g.large",
      "c7gn.xlarge",
      "t4g.micro",
      "g5g.2xlarge",
      "r8gd.metal",
      "im4gn.large",
      "is4gen.xlarge",
      "x2gd.medium",
      "a1.large",
      "hpc7g.4xlarge",
    ]) {
      expect([type, architectureOf(type)]).toEqual([type, "arm64"]);
    }
  });

  test("Intel, AMD, GPU, Inferentia and Trainium families are x86_64", () => {
    for (const type of [
      "m7i.large",
      "m7a.large",
      "c6in.xlarge",
      "g4dn.xlarge",
      "g5.xlarge",
      "p4d.24xlarge",
      "inf2.xlarge",
      "trn1.2xlarge",
      "m7i-flex.large",
      "u7i-12tb.224xlarge",
    ]) {
      expect([type, architectureOf(type)]).toEqual([type, "x86_64"]);
    }
  });

  test("recognises GPU and Neuron types, and instance type names", () => {
    expect(["g4dn.xlarge", "p5.48xlarge", "g6e.xlarge", "gr6.4xlarge"].every(isGpuInstanceType)).toBe(true);
    expect(isGpuInstanceType("g5g.xlarge")).toBe(false);
    expect(isGpuInstanceType("m7i.large")).toBe(false);
    expect(isNeuronInstanceType("inf2.xlarge") && isNeuronInstanceType("trn1.32xlarge")).toBe(true);
    expect(instanceFamily("c7gn.16xlarge")).toBe("c7gn");
    expect(isInstanceTypeName("m7g.large")).toBe(true);
    expect(isInstanceTypeName("m7g")).toBe(false);
    expect(isInstanceTypeName("M7G.LARGE")).toBe(false);
  });

  test("derives the AMI variant from the instance types", () => {
    expect(amiVariantFor(["m7g.large", "c7g.large"])).toBe("arm64");
    expect(amiVariantFor(["g5.xlarge", "g4dn.xlarge"])).toBe("gpu");
    expect(amiVariantFor(["inf2.xlarge"])).toBe("neuron");
    expect(amiVariantFor(["m7i.large", "g5.xlarge"])).toBe("x86_64");
  });

  test("resolves the AL2023 ECS-optimized AMI from the public SSM parameter of each variant", () => {
    expect(ecsAmiImageId("x86_64")).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
    expect(ecsAmiImageId("arm64")).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");
    expect(ecsAmiImageId("gpu")).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id");
    expect(ecsAmiImageId("neuron")).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/neuron/recommended/image_id");
  });
});

describe("user data", () => {
  const settings = { clusterName: "acme-test", spotInstanceDraining: true, blockTaskMetadataAccess: true, gpuSupport: false };

  test("joins the cluster with Spot draining and task metadata blocking", () => {
    expect(renderEcsConfig(settings)).toEqual([
      "ECS_CLUSTER=acme-test",
      "ECS_ENABLE_SPOT_INSTANCE_DRAINING=true",
      "ECS_AWSVPC_BLOCK_IMDS=true",
    ]);
  });

  test("adds GPU support, container instance tags as JSON and extra agent settings", () => {
    expect(
      renderEcsConfig({
        ...settings,
        gpuSupport: true,
        spotInstanceDraining: false,
        containerInstanceTags: { Pool: "gpu", Team: "ml" },
        extraSettings: { ECS_IMAGE_PULL_BEHAVIOR: "prefer-cached" },
      }),
    ).toEqual([
      "ECS_CLUSTER=acme-test",
      "ECS_ENABLE_SPOT_INSTANCE_DRAINING=false",
      "ECS_AWSVPC_BLOCK_IMDS=true",
      "ECS_ENABLE_GPU_SUPPORT=true",
      'ECS_CONTAINER_INSTANCE_TAGS={"Pool":"gpu","Team":"ml"}',
      "ECS_IMAGE_PULL_BEHAVIOR=prefer-cached",
    ]);
  });

  test("writes the settings to /etc/ecs/ecs.config through a quoted heredoc, base64-encoded for the template", () => {
    const script = renderUserData(settings);
    expect(script).toBe(
      [
        "#!/bin/bash",
        "set -euo pipefail",
        "cat <<'ECS_CONFIG' >> /etc/ecs/ecs.config",
        "ECS_CLUSTER=acme-test",
        "ECS_ENABLE_SPOT_INSTANCE_DRAINING=true",
        "ECS_AWSVPC_BLOCK_IMDS=true",
        "ECS_CONFIG",
        "",
      ].join("\n"),
    );
    expect(Buffer.from(encodeUserData(settings), "base64").toString("utf8")).toBe(script);
  });
});

describe("Bottlerocket rendering", () => {
  test("the TOML writes each value as a TOML basic string or boolean, escaping quotes and backslashes", () => {
    expect(renderBottlerocketUserData({ clusterName: 'a"b\\c', spotInstanceDraining: false, blockTaskMetadataAccess: true })).toBe(
      '[settings.ecs]\ncluster = "a\\"b\\\\c"\nenable-spot-instance-draining = false\nawsvpc-block-imds = true\n',
    );
  });

  test("the user data is the TOML in base64", () => {
    const settings = { clusterName: "acme", spotInstanceDraining: true, blockTaskMetadataAccess: true };
    expect(Buffer.from(encodeBottlerocketUserData(settings), "base64").toString("utf8")).toBe(renderBottlerocketUserData(settings));
  });

  test("the public parameters: aws-ecs-2 per architecture, aws-ecs-2-nvidia for GPUs, a version in place of latest", () => {
    expect(bottlerocketAmiParameter("x86_64")).toBe("/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id");
    expect(bottlerocketAmiParameter("arm64", "1.40.0")).toBe("/aws/service/bottlerocket/aws-ecs-2/arm64/1.40.0/image_id");
    expect(bottlerocketAmiParameter("gpu")).toBe("/aws/service/bottlerocket/aws-ecs-2-nvidia/x86_64/latest/image_id");
  });
});

describe("EC2 capacity rendering", () => {
  const purchase = {
    instanceTypes: ["m7g.large"],
    onDemandBaseCapacity: 0,
    spotPercentage: 0,
    spotAllocationStrategy: "price-capacity-optimized" as const,
  };

  test("uses a mixed instances policy only for several types or any Spot", () => {
    expect(usesMixedInstancesPolicy(purchase)).toBe(false);
    expect(usesMixedInstancesPolicy({ ...purchase, instanceTypes: ["m7g.large", "m6g.large"] })).toBe(true);
    expect(usesMixedInstancesPolicy({ ...purchase, spotPercentage: 100 })).toBe(true);
  });

  test("turns the Spot percentage into EC2's on-demand percentage above base", () => {
    expect(
      renderInstancesDistribution({
        ...purchase,
        onDemandBaseCapacity: 2,
        spotPercentage: 70,
        spotAllocationStrategy: "capacity-optimized",
      }),
    ).toEqual({
      onDemandBaseCapacity: 2,
      onDemandPercentageAboveBaseCapacity: 30,
      onDemandAllocationStrategy: "prioritized",
      spotAllocationStrategy: "capacity-optimized",
    });
  });

  test("renders managed scaling, or only its status when disabled", () => {
    const scaling = {
      enabled: true,
      targetCapacityPercent: 80,
      minimumScalingStepSize: 2,
      maximumScalingStepSize: 5,
      instanceWarmupPeriodSeconds: 60,
    };
    expect(renderManagedScaling(scaling)).toEqual({
      status: "ENABLED",
      targetCapacity: 80,
      minimumScalingStepSize: 2,
      maximumScalingStepSize: 5,
      instanceWarmupPeriod: 60,
    });
    expect(renderManagedScaling({ ...scaling, enabled: false })).toEqual({ status: "DISABLED" });
  });

  test("tags the group with Name, AmazonECSManaged and user tags, all propagated at launch; Name cannot be overridden", () => {
    expect(renderAutoScalingGroupTags("acme-test-general", { Team: "platform", Name: "other" })).toEqual([
      { key: ECS_MANAGED_TAG, value: "true", propagateAtLaunch: true },
      { key: "Name", value: "acme-test-general", propagateAtLaunch: true },
      { key: "Team", value: "platform", propagateAtLaunch: true },
    ]);
  });
});

describe("exec audit rendering", () => {
  const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/00000005-0000-4000-8000-000000000005";
  const full = {
    kmsKeyArn: keyArn,
    logGroupName: "/ecs/acme-test/exec",
    logGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/acme-test/exec",
    s3BucketName: "audit",
    s3KeyPrefix: "exec/",
  };

  test("logs sessions with OVERRIDE to the encrypted log group and bucket, with the session key", () => {
    expect(renderExecuteCommandConfiguration(full)).toEqual({
      kmsKeyId: keyArn,
      logging: "OVERRIDE",
      logConfiguration: {
        cloudWatchLogGroupName: "/ecs/acme-test/exec",
        cloudWatchEncryptionEnabled: true,
        s3BucketName: "audit",
        s3BucketEncryptionEnabled: true,
        s3KeyPrefix: "exec/",
      },
    });
    expect(renderExecuteCommandConfiguration({ kmsKeyArn: keyArn, s3BucketName: "audit" }).logConfiguration).toEqual({
      s3BucketName: "audit",
      s3BucketEncryptionEnabled: true,
    });
  });

  test("key policy: the account administers through IAM; CloudWatch Logs may use the key for the session log group only", () => {
    const policy = JSON.parse(
      execKeyPolicy({ partition: "aws", region: "eu-west-1", account: "123456789012", logGroupName: "/ecs/acme-test/exec" }),
    );
    expect(policy.Statement[0]).toMatchObject({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*" });
    expect(policy.Statement[1]).toMatchObject({
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Condition: {
        ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/acme-test/exec" },
      },
    });
    expect(JSON.parse(execKeyPolicy({ partition: "aws", region: "eu-west-1", account: "123456789012" })).Statement).toHaveLength(1);
  });

  test("task role statements name the exact key, log group and bucket prefix", () => {
    const statements = execAuditStatements(full);
    expect(statements).toEqual([
      { sid: "ExecSessionKey", actions: ["kms:Decrypt"], resources: [keyArn] },
      { sid: "ExecDescribeLogGroups", actions: ["logs:DescribeLogGroups"], resources: ["*"] },
      {
        sid: "ExecSessionLogs",
        actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
        resources: [`${full.logGroupArn}:*`],
      },
      { sid: "ExecSessionBucketEncryption", actions: ["s3:GetEncryptionConfiguration"], resources: ["arn:aws:s3:::audit"] },
      { sid: "ExecSessionUploads", actions: ["s3:PutObject"], resources: ["arn:aws:s3:::audit/exec/*"] },
    ]);
    expect(execAuditStatements({ kmsKeyArn: keyArn })).toHaveLength(1);
  });
});
