import { Cluster } from "../../src/cluster/cluster";
import { Ec2CapacityProviderOptions } from "../../src/cluster/ec2-capacity-provider";
import { resourceAt, synth } from "../helpers";
import { base, general } from "./fixtures";

const userData = (lt: any) => Buffer.from(lt.user_data, "base64").toString("utf8");
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";

/** The launch template of a cluster with one EC2 provider `general` with these options. */
function template(options: Partial<Ec2CapacityProviderOptions>): any {
  const s = synth((stack) => new Cluster(stack, "Cluster", { ...base, ec2CapacityProviders: { general: { ...general, ...options } } }));
  return resourceAt(s, "aws_launch_template", "Cluster/general/LaunchTemplate");
}

describe("Bottlerocket EC2 capacity", () => {
  test("x86_64: the aws-ecs-2 AMI resolved at launch, and TOML user data with the cluster, Spot draining and the IMDS block", () => {
    const lt = template({ amiFamily: "bottlerocket" });
    expect(lt.image_id).toBe("resolve:ssm:/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id");
    expect(userData(lt)).toBe(
      ["[settings.ecs]", 'cluster = "acme-test"', "enable-spot-instance-draining = true", "awsvpc-block-imds = true", ""].join("\n"),
    );
  });

  test("the agent options reach the TOML as set (no shell script, no ecs.config lines)", () => {
    const text = userData(template({ amiFamily: "bottlerocket", spotInstanceDraining: false, blockTaskMetadataAccess: false }));
    expect(text).toContain("enable-spot-instance-draining = false\n");
    expect(text).toContain("awsvpc-block-imds = false\n");
    expect(text).not.toMatch(/#!\/bin\/bash|ECS_/);
  });

  test("Graviton types get the arm64 parameter, GPU types the NVIDIA variant", () => {
    expect(template({ amiFamily: "bottlerocket", instanceTypes: ["m7g.large", "c7g.large"] }).image_id).toBe(
      "resolve:ssm:/aws/service/bottlerocket/aws-ecs-2/arm64/latest/image_id",
    );
    expect(template({ amiFamily: "bottlerocket", instanceTypes: ["g5.xlarge", "g6.xlarge"] }).image_id).toBe(
      "resolve:ssm:/aws/service/bottlerocket/aws-ecs-2-nvidia/x86_64/latest/image_id",
    );
  });

  test("a pinned Bottlerocket version resolves through that version's parameter", () => {
    expect(template({ amiFamily: "bottlerocket", instanceTypes: ["m7g.large"], amiRelease: "1.40.0" }).image_id).toBe(
      "resolve:ssm:/aws/service/bottlerocket/aws-ecs-2/arm64/1.40.0/image_id",
    );
  });

  test("an encrypted OS volume at the AMI's size and an encrypted 30 GiB gp3 data volume on /dev/xvdb, both with the key", () => {
    const lt = template({ amiFamily: "bottlerocket", rootVolumeKmsKeyArn: KEY });
    expect(lt.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_type: "gp3", encrypted: "true", kms_key_id: KEY, delete_on_termination: "true" } },
      {
        device_name: "/dev/xvdb",
        ebs: { volume_size: 30, volume_type: "gp3", encrypted: "true", kms_key_id: KEY, delete_on_termination: "true" },
      },
    ]);
    expect(template({ amiFamily: "bottlerocket", dataVolumeSizeGiB: 200 }).block_device_mappings[1].ebs.volume_size).toBe(200);
  });

  test("keeps the host hardening: IMDSv2 only, hop limit 1, no public IP", () => {
    const lt = template({ amiFamily: "bottlerocket" });
    expect(lt.metadata_options).toMatchObject({ http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(lt.network_interfaces[0].associate_public_ip_address).toBe("false");
  });

  test("AL2023 stays the default: the shell script and one 30 GiB root volume", () => {
    const lt = template({});
    expect(lt.image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
    expect(userData(lt)).toMatch(/^#!\/bin\/bash\n/);
    expect(lt.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_size: 30, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
    ]);
  });

  test("a custom Bottlerocket image keeps the TOML user data", () => {
    const lt = template({ amiFamily: "bottlerocket", imageId: "ami-0123456789abcdef0" });
    expect(lt.image_id).toBe("ami-0123456789abcdef0");
    expect(userData(lt)).toMatch(/^\[settings\.ecs\]\n/);
  });
});
