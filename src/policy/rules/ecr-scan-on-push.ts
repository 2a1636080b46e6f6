import { everywhere, Rule } from "../types";
import { block, isTrue } from "../inspect/values";

/** ECR-001: pushed images are scanned, by the repository or the registry's scanning configuration. */
export const ecrScanOnPush: Rule = {
  id: "ECR-001",
  title: "ECR repositories scan images on push",
  rationale: "An image nobody scanned can ship a known critical vulnerability; the image workflow's gate has no findings to read.",
  severity: everywhere("error"),
  appliesTo: ["aws_ecr_repository"],
  references: ["CKV_AWS_163", "AVD-AWS-0030", "Security Hub ECR.1"],
  check(resource, context) {
    if (isTrue(block(resource.config.image_scanning_configuration)?.scan_on_push)) return [];
    // A registry scanning configuration (basic or enhanced) decides for every repository of the registry.
    if (context.resourcesOfType("aws_ecr_registry_scanning_configuration").length > 0) return [];
    return [
      {
        message: "images pushed to this repository are not scanned",
        fix: "Set image_scanning_configuration { scan_on_push = true } (Repository does by default) or add a RegistryScanning.",
      },
    ];
  },
};
