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
const INSTANCE_TYPE = /^([a-z][a-z0-9-]*)\.([a-z0-9]+)$/;

/** True when `instanceType` looks like an EC2 instance type name. */
export function isInstanceTypeName(instanceType: string): boolean {
  return INSTANCE_TYPE.test(instanceType);
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
