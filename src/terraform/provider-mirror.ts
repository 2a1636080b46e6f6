import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fail } from "../core/errors";

/** Environment variable naming a Terraform provider filesystem mirror (an unpacked-layout directory). */
export const PROVIDER_MIRROR_ENV = "TF_PROVIDER_MIRROR";

/**
 * Roots searched for a mirror when the variable is not set: Terraform's own implied local mirror
 * directories plus the usual places an image puts one. A mirror is a directory holding
 * `registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/terraform-provider-aws_*`.
 */
const SEARCH_ROOTS = [
  join(homedir(), ".terraform.d", "plugins"),
  join(homedir(), ".local", "share", "terraform", "plugins"),
  "/usr/local/share/terraform/plugins",
  "/usr/share/terraform/plugins",
  "/opt",
  "/usr/local/share",
  "/usr/share",
];

/** Terraform's name for this platform, e.g. `linux_amd64`. */
function platformDir(): string {
  return `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
}

function holdsAwsProvider(dir: string): boolean {
  const aws = join(dir, "registry.terraform.io", "hashicorp", "aws");
  if (!existsSync(aws)) return false;
  return readdirSync(aws).some((version) => {
    const dir = join(aws, version, platformDir());
    return existsSync(dir) && readdirSync(dir).some((f) => f.startsWith("terraform-provider-aws_"));
  });
}

/**
 * Finds a filesystem mirror holding the hashicorp/aws provider for this platform:
 * `$TF_PROVIDER_MIRROR` when set, otherwise the first match in the search roots (the root itself
 * or one of its immediate subdirectories). Returns undefined when there is none, and Terraform
 * then installs from the public registry as usual.
 */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env[PROVIDER_MIRROR_ENV];
  if (fromEnv) {
    if (!holdsAwsProvider(fromEnv)) {
      fail("findProviderMirror", {
        code: "TERRAFORM_PROVIDER_MIRROR",
        property: PROVIDER_MIRROR_ENV,
        value: fromEnv,
        allowed: `a directory holding registry.terraform.io/hashicorp/aws/<version>/${platformDir()}/terraform-provider-aws_* for this platform`,
      });
    }
    return fromEnv;
  }
  for (const root of SEARCH_ROOTS) {
    if (!existsSync(root)) continue;
    if (holdsAwsProvider(root)) return root;
    for (const child of safeList(root)) {
      const dir = join(root, child);
      if (isDir(dir) && holdsAwsProvider(dir)) return dir;
    }
  }
  return undefined;
}

/** Providers a mirror holds, as `registry.terraform.io/<namespace>/<type>` addresses. */
export function mirroredProviders(mirror: string): string[] {
  const addresses: string[] = [];
  for (const host of safeList(mirror).filter((h) => isDir(join(mirror, h)))) {
    for (const namespace of safeList(join(mirror, host))) {
      for (const type of safeList(join(mirror, host, namespace))) {
        if (isDir(join(mirror, host, namespace, type))) addresses.push(`${host}/${namespace}/${type}`);
      }
    }
  }
  return addresses.sort();
}

/**
 * A Terraform CLI configuration that installs the providers `mirror` holds from it and any other
 * provider from its registry as usual.
 */
export function cliConfig(mirror: string | undefined): string {
  if (!mirror) return "# no provider mirror found: providers install from their registries\n";
  const include = JSON.stringify(mirroredProviders(mirror));
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = ${include}`,
    "  }",
    "  direct {",
    `    exclude = ${include}`,
    "  }",
    "}",
    "",
  ].join("\n");
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
