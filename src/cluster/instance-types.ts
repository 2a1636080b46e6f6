/** Instance type facts and the ECS-optimized Amazon Linux 2023 AMIs, as pure functions. */

export type InstanceArchitecture = "x86_64" | "arm64";

/** The ECS-optimized Amazon Linux 2023 AMI variants AWS publishes. */
export type EcsAmiVariant = "x86_64" | "arm64" | "gpu" | "neuron";

/** Public SSM parameters holding the recommended AMI id of each variant (AL2023 GPU and Neuron AMIs are x86_64 only). */
export const ECS_AMI_PARAMETERS: Readonly<Record<EcsAmiVariant, string>> = {
  x86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
  arm64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
  gpu: "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id",
  neuron: "/aws/service/ecs/optimized-ami/amazon-linux-2023/neuron/recommended/image_id",
};

/** The CPU architecture each AMI variant runs on. */
export const AMI_VARIANT_ARCHITECTURE: Readonly<Record<EcsAmiVariant, InstanceArchitecture>> = {
  x86_64: "x86_64",
  arm64: "arm64",
  gpu: "x86_64",
  neuron: "x86_64",
};

/**
 * The launch template `image_id` for a variant: EC2 resolves the `resolve:ssm:` reference each time
 * an instance launches, so new instances get the latest recommended AMI and planning needs no AWS call.
 */
export function ecsAmiImageId(variant: EcsAmiVariant): string {
  return `resolve:ssm:${ECS_AMI_PARAMETERS[variant]}`;
}

/** `family.size`, e.g. `m7g.large`, `c7gn.16xlarge`, `u7i-12tb.224xlarge`. */
const INSTANCE_TYPE = /^([a-z][a-z0-9-]*)\.([a-z0-9-]+)$/;

/**
 * The EC2 instance families that exist (current and previous generation), as data from the EC2
 * "Instance types" pages. A name outside this list is a typo (`m7.large`, `c6ig.xlarge`) that would
 * fail only when the Auto Scaling group launches. Add a family here when AWS launches one.
 */
export const EC2_INSTANCE_FAMILIES: readonly string[] = [
  // General purpose
  "a1",
  "m1",
  "m2",
  "m3",
  "m4",
  "m5",
  "m5a",
  "m5ad",
  "m5d",
  "m5dn",
  "m5n",
  "m5zn",
  "m6a",
  "m6g",
  "m6gd",
  "m6i",
  "m6id",
  "m6idn",
  "m6in",
  "m7a",
  "m7g",
  "m7gd",
  "m7i",
  "m7i-flex",
  "m8a",
  "m8g",
  "m8gd",
  "m8i",
  "m8i-flex",
  "mac1",
  "mac2",
  "mac2-m1ultra",
  "mac2-m2",
  "mac2-m2pro",
  "t1",
  "t2",
  "t3",
  "t3a",
  "t4g",
  // Compute optimized
  "c1",
  "c3",
  "c4",
  "c5",
  "c5a",
  "c5ad",
  "c5d",
  "c5n",
  "c6a",
  "c6g",
  "c6gd",
  "c6gn",
  "c6i",
  "c6id",
  "c6in",
  "c7a",
  "c7g",
  "c7gd",
  "c7gn",
  "c7i",
  "c7i-flex",
  "c8g",
  "c8gd",
  "c8gn",
  "c8i",
  // Memory optimized
  "r3",
  "r4",
  "r5",
  "r5a",
  "r5ad",
  "r5b",
  "r5d",
  "r5dn",
  "r5n",
  "r6a",
  "r6g",
  "r6gd",
  "r6i",
  "r6id",
  "r6idn",
  "r6in",
  "r7a",
  "r7g",
  "r7gd",
  "r7i",
  "r7iz",
  "r8g",
  "r8gd",
  "r8i",
  "u-3tb1",
  "u-6tb1",
  "u-9tb1",
  "u-12tb1",
  "u-18tb1",
  "u-24tb1",
  "u7i-6tb",
  "u7i-8tb",
  "u7i-12tb",
  "u7in-16tb",
  "u7in-24tb",
  "u7in-32tb",
  "x1",
  "x1e",
  "x2gd",
  "x2idn",
  "x2iedn",
  "x2iezn",
  "x8g",
  "z1d",
  // Storage optimized
  "d2",
  "d3",
  "d3en",
  "h1",
  "i2",
  "i3",
  "i3en",
  "i4g",
  "i4i",
  "i7i",
  "i7ie",
  "i8g",
  "im4gn",
  "is4gen",
  // Accelerated computing
  "dl1",
  "dl2q",
  "f1",
  "f2",
  "g3",
  "g3s",
  "g4ad",
  "g4dn",
  "g5",
  "g5g",
  "g6",
  "g6e",
  "g6f",
  "gr6",
  "gr6f",
  "inf1",
  "inf2",
  "p2",
  "p3",
  "p3dn",
  "p4d",
  "p4de",
  "p5",
  "p5e",
  "p5en",
  "p6-b200",
  "trn1",
  "trn1n",
  "trn2",
  "vt1",
  // High performance computing
  "hpc6a",
  "hpc6id",
  "hpc7a",
  "hpc7g",
];

/** The instance sizes EC2 names: `nano` to `xlarge`, `<n>xlarge` with the multipliers in use, and the bare-metal sizes. */
export const EC2_INSTANCE_SIZES: readonly string[] = [
  "nano",
  "micro",
  "small",
  "medium",
  "large",
  "xlarge",
  ...[2, 3, 4, 6, 8, 9, 10, 12, 16, 18, 24, 32, 48, 56, 96, 112, 224, 448, 480].map((n) => `${n}xlarge`),
  "metal",
  "metal-16xl",
  "metal-24xl",
  "metal-32xl",
  "metal-48xl",
];

const FAMILIES = new Set(EC2_INSTANCE_FAMILIES);
const SIZES = new Set(EC2_INSTANCE_SIZES);

/** True when `instanceType` is `<family>.<size>` with a family and a size EC2 has (see {@link EC2_INSTANCE_FAMILIES}). */
export function isInstanceTypeName(instanceType: string): boolean {
  const match = INSTANCE_TYPE.exec(instanceType);
  return match !== null && FAMILIES.has(match[1]) && SIZES.has(match[2]);
}

/** True when `family` is an EC2 instance family name (`c7g`), as AWS Batch accepts in place of a type. */
export function isInstanceFamily(family: string): boolean {
  return FAMILIES.has(family);
}

/** The family of an instance type (`c7gn.large` → `c7gn`), or undefined when it is not one. */
export function instanceFamily(instanceType: string): string | undefined {
  return INSTANCE_TYPE.exec(instanceType)?.[1];
}

/**
 * The CPU architecture of an instance type, from its family: Graviton families have a `g` right
 * after the generation digit (`m7g`, `c7gn`, `r8gd`, `t4g`, `g5g`, `im4gn`, `x2gd`), plus `a1`.
 * Everything else (Intel, AMD, `g4dn` and other GPU families, Inferentia, Trainium) is x86_64.
 */
export function architectureOf(instanceType: string): InstanceArchitecture {
  const family = instanceFamily(instanceType) ?? "";
  return family === "a1" || /^[a-z]+\d+g[a-z]*$/.test(family) ? "arm64" : "x86_64";
}

/** NVIDIA/AMD GPU families on x86_64 (`p3`, `p4d`, `p5`, `g4dn`, `g5`, `g6e`, `gr6`). */
export function isGpuInstanceType(instanceType: string): boolean {
  const family = instanceFamily(instanceType) ?? "";
  return /^(p\d|g\d|gr\d)/.test(family) && architectureOf(instanceType) === "x86_64";
}

/** AWS Inferentia and Trainium families, which need the Neuron AMI. */
export function isNeuronInstanceType(instanceType: string): boolean {
  return /^(inf|trn)\d/.test(instanceFamily(instanceType) ?? "");
}

/**
 * The AMI variant matching a list of instance types of one architecture: arm64 for Graviton, the
 * GPU or Neuron AMI when every type needs it, otherwise the standard x86_64 AMI.
 */
export function amiVariantFor(instanceTypes: readonly string[]): EcsAmiVariant {
  if (instanceTypes.length > 0 && instanceTypes.every((t) => architectureOf(t) === "arm64")) return "arm64";
  if (instanceTypes.length > 0 && instanceTypes.every(isGpuInstanceType)) return "gpu";
  if (instanceTypes.length > 0 && instanceTypes.every(isNeuronInstanceType)) return "neuron";
  return "x86_64";
}
