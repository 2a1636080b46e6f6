/**
 * Bottlerocket AMIs for ECS container instances, as pure functions: the public SSM parameters of the
 * `aws-ecs-2` variants, the TOML user data Bottlerocket reads at boot, and the checks of what only
 * applies to one AMI family.
 */
import { IConstruct } from "constructs";
import { fail, isToken } from "../core/errors";
import { AMI_VARIANT_ARCHITECTURE, EcsAmiVariant } from "./instance-types";

/** The operating system of an EC2 capacity provider's instances. */
export type AmiFamily = "al2023" | "bottlerocket";

/** Every {@link AmiFamily}, for validation. */
export const AMI_FAMILIES: readonly AmiFamily[] = ["al2023", "bottlerocket"];

/**
 * The Bottlerocket ECS variant serving each AMI variant. AWS publishes `aws-ecs-2` (x86_64 and arm64)
 * and `aws-ecs-2-nvidia` (NVIDIA driver) for ECS; there is no Bottlerocket ECS variant for Inferentia
 * or Trainium, so `neuron` has none.
 */
export const BOTTLEROCKET_ECS_VARIANTS: Readonly<Partial<Record<EcsAmiVariant, string>>> = {
  x86_64: "aws-ecs-2",
  arm64: "aws-ecs-2",
  gpu: "aws-ecs-2-nvidia",
};

/** The AMI variants Bottlerocket serves. */
export const BOTTLEROCKET_AMI_VARIANTS = Object.keys(BOTTLEROCKET_ECS_VARIANTS) as EcsAmiVariant[];

/** Where the Bottlerocket ECS parameters live; AWS keeps one per variant, architecture and version (`latest` or `1.40.0`). */
export const BOTTLEROCKET_PARAMETER_ROOT = "/aws/service/bottlerocket";

/**
 * The public SSM parameter of a Bottlerocket ECS AMI, e.g.
 * `/aws/service/bottlerocket/aws-ecs-2/arm64/latest/image_id` (AWS's "Retrieving Amazon ECS-optimized
 * Bottlerocket AMI metadata"); `version` replaces `latest` to pin a release.
 */
export function bottlerocketAmiParameter(variant: EcsAmiVariant, version = "latest"): string {
  return `${BOTTLEROCKET_PARAMETER_ROOT}/${BOTTLEROCKET_ECS_VARIANTS[variant]}/${AMI_VARIANT_ARCHITECTURE[variant]}/${version}/image_id`;
}

/** The launch template `image_id`: EC2 resolves it at each launch, so planning needs no AWS call. */
export function bottlerocketAmiImageId(variant: EcsAmiVariant, version?: string): string {
  return `resolve:ssm:${bottlerocketAmiParameter(variant, version)}`;
}

/** What the Bottlerocket user data sets: the same agent settings the AL2023 script writes to `ecs.config`. */
export interface BottlerocketEcsSettings {
  /** The cluster the instance joins (`settings.ecs.cluster`). */
  readonly clusterName: string;
  /** Drain tasks on a Spot interruption notice (`settings.ecs.enable-spot-instance-draining`; Bottlerocket's default is false). */
  readonly spotInstanceDraining: boolean;
  /** Keep `awsvpc` tasks away from the instance metadata service (`settings.ecs.awsvpc-block-imds`). */
  readonly blockTaskMetadataAccess: boolean;
}

/** A TOML basic string. */
function tomlString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * The user data: TOML that Bottlerocket's early-boot-config sends to its settings API before the ECS
 * agent starts (no shell runs). Every setting is written out, also where it equals Bottlerocket's
 * default, so the plan shows what the instances get.
 */
export function renderBottlerocketUserData(settings: BottlerocketEcsSettings): string {
  return [
    "[settings.ecs]",
    `cluster = ${tomlString(settings.clusterName)}`,
    `enable-spot-instance-draining = ${settings.spotInstanceDraining}`,
    `awsvpc-block-imds = ${settings.blockTaskMetadataAccess}`,
    "",
  ].join("\n");
}

/** The launch template's `user_data`: the TOML, base64-encoded here so the plan shows the exact bytes. */
export function encodeBottlerocketUserData(settings: BottlerocketEcsSettings): string {
  return Buffer.from(renderBottlerocketUserData(settings), "utf8").toString("base64");
}

/** A Bottlerocket release as its SSM parameters name it: `1.40.0`. */
const BOTTLEROCKET_VERSION = /^\d+\.\d+\.\d+$/;

/** Fails unless `release` is a Bottlerocket version (`1.40.0`), the form its per-release SSM parameters take. */
export function checkBottlerocketRelease(scope: IConstruct, release: string, variant: EcsAmiVariant): void {
  if (isToken(release) || BOTTLEROCKET_VERSION.test(release)) return;
  fail(scope, {
    code: "CLUSTER_AMI_RELEASE",
    property: "amiRelease",
    value: release,
    allowed: `a Bottlerocket version such as 1.40.0 (amiFamily "bottlerocket"; aws ssm get-parameters-by-path --path ${BOTTLEROCKET_PARAMETER_ROOT}/${BOTTLEROCKET_ECS_VARIANTS[variant] ?? "aws-ecs-2"}/${AMI_VARIANT_ARCHITECTURE[variant]})`,
  });
}

/**
 * Fails when `imageId` is a `resolve:ssm:` reference to the other family's public parameters (or to a
 * Bottlerocket variant that is not an ECS one): the user data would not match the AMI, and the
 * instances would never join the cluster. A plain AMI id or a custom parameter is trusted.
 */
export function checkImageIdFamily(scope: IConstruct, imageId: string | undefined, family: AmiFamily): void {
  if (imageId === undefined || isToken(imageId)) return;
  const al2023 = imageId.startsWith("resolve:ssm:/aws/service/ecs/optimized-ami/");
  const bottlerocket = imageId.startsWith(`resolve:ssm:${BOTTLEROCKET_PARAMETER_ROOT}/`);
  const bottlerocketEcs = imageId.startsWith(`resolve:ssm:${BOTTLEROCKET_PARAMETER_ROOT}/aws-ecs-`);
  if (family === "al2023" && bottlerocket) {
    fail(scope, {
      code: "CLUSTER_IMAGE_FAMILY",
      property: "imageId",
      value: imageId,
      allowed: 'an Amazon Linux image with amiFamily "al2023" (the default); set amiFamily: "bottlerocket" for a Bottlerocket AMI',
    });
  }
  if (family === "bottlerocket" && (al2023 || (bottlerocket && !bottlerocketEcs))) {
    fail(scope, {
      code: "CLUSTER_IMAGE_FAMILY",
      property: "imageId",
      value: imageId,
      allowed: `a Bottlerocket ECS image (an AMI id, or resolve:ssm:${BOTTLEROCKET_PARAMETER_ROOT}/aws-ecs-2[-nvidia]/<arch>/<version>/image_id) with amiFamily "bottlerocket"`,
    });
  }
}

/** Options of the AL2023 shell user data (or of its volume layout), which a Bottlerocket provider refuses. */
export interface Al2023OnlyOptions {
  readonly containerInstanceTags?: Record<string, string>;
  readonly ecsAgentSettings?: Record<string, string>;
  readonly warmPool?: object;
  readonly rootVolumeSizeGiB?: number;
}

/**
 * Fails on options only the AL2023 user data or volume layout can honour:
 * - `containerInstanceTags` and `ecsAgentSettings` are `ecs.config` lines; Bottlerocket's `settings.ecs`
 *   has no container instance tags and takes its own keys, not `ECS_*` variables.
 * - `warmPool`: an instance warming in the pool must not register, which the AL2023 script ensures with
 *   `ECS_WARM_POOLS_CHECK`; Bottlerocket's ECS settings have no equivalent, so pooled instances would
 *   join the cluster and receive tasks while they warm.
 * - `rootVolumeSizeGiB`: Bottlerocket's root volume holds only the OS; container storage is the data
 *   volume (`dataVolumeSizeGiB`).
 */
export function checkBottlerocketOptions(scope: IConstruct, options: Al2023OnlyOptions): void {
  const refused: [keyof Al2023OnlyOptions, unknown, string][] = [
    [
      "containerInstanceTags",
      options.containerInstanceTags,
      "container instance tags are an ecs.config setting Bottlerocket has no equivalent for",
    ],
    ["ecsAgentSettings", options.ecsAgentSettings, "ECS_* agent settings are ecs.config lines; Bottlerocket reads TOML settings.ecs keys"],
    [
      "warmPool",
      options.warmPool,
      "a warm pool needs ECS_WARM_POOLS_CHECK so warming instances do not register; Bottlerocket's ECS settings have no equivalent",
    ],
    [
      "rootVolumeSizeGiB",
      options.rootVolumeSizeGiB,
      "Bottlerocket's root volume holds only the OS; size container storage with dataVolumeSizeGiB",
    ],
  ];
  for (const [property, value, reason] of refused) {
    if (value === undefined) continue;
    fail(scope, {
      code: "CLUSTER_BOTTLEROCKET_OPTION",
      property,
      value: typeof value === "object" ? "set" : (value as number),
      allowed: `no ${property} with amiFamily "bottlerocket" (${reason}), or amiFamily "al2023"`,
    });
  }
}
