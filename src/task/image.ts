import { IConstruct } from "constructs";
import { checkArn, isArnOf } from "../core/arn";
import { fail, isToken } from "../core/errors";
import { checkImageReference } from "../core/image-reference";

const ECR_REPOSITORY_ARN = /^arn:(aws[a-z-]*):ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/;
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:@]+)[:@].+$/;

/**
 * The image a container runs. Private ECR images carry their repository ARN so the execution role
 * can be granted pull on exactly that repository.
 */
export class ContainerImage {
  /**
   * An image by name, e.g. `public.ecr.aws/nginx/nginx:1.27`. A private ECR image URI
   * (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`) is recognised and granted pull.
   */
  public static fromRegistry(imageName: string): ContainerImage {
    const ecr = isToken(imageName) ? null : ECR_IMAGE.exec(imageName);
    const partition = ecr?.[3] ? "aws-cn" : "aws";
    const repositoryArn = ecr ? `arn:${partition}:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[4]}` : undefined;
    return new ContainerImage(imageName, repositoryArn);
  }

  /**
   * An image in a private ECR repository.
   * @param repositoryArn the repository ARN (`aws_ecr_repository.arn`)
   * @param tagOrDigest an image tag (`1.4.2`) or digest (`sha256:...`)
   * @param repositoryUrl the repository URL (`aws_ecr_repository.repository_url`); needed when the
   *   ARN is a token, otherwise derived from the ARN
   */
  public static fromEcrRepository(repositoryArn: string, tagOrDigest: string, repositoryUrl?: string): ContainerImage {
    const parsed = isToken(repositoryArn) || !isArnOf("ecrRepository", repositoryArn) ? null : ECR_REPOSITORY_ARN.exec(repositoryArn);
    const url =
      repositoryUrl ??
      (parsed ? `${parsed[3]}.dkr.ecr.${parsed[2]}.amazonaws.com${parsed[1] === "aws-cn" ? ".cn" : ""}/${parsed[4]}` : undefined);
    const separator = tagOrDigest.startsWith("sha256:") ? "@" : ":";
    return new ContainerImage(
      url === undefined ? "" : `${url}${separator}${tagOrDigest}`,
      repositoryArn,
      repositoryUrl === undefined && parsed === null,
    );
  }

  private constructor(
    /** The image reference ECS pulls. */
    public readonly imageName: string,
    /** The private ECR repository the execution role must pull from, when there is one. */
    public readonly ecrRepositoryArn?: string,
    private readonly unresolvedUrl = false,
  ) {}

  /**
   * Fails on `scope` naming `property` when the repository ARN is malformed, a token ARN has no URL,
   * or the image reference is one Docker refuses (upper case, a truncated digest, two tags).
   */
  public validate(scope: IConstruct, property: string): void {
    checkArn(scope, "IMAGE_REPOSITORY_ARN_INVALID", property, this.ecrRepositoryArn, "ecrRepository");
    if (this.unresolvedUrl) {
      fail(scope, {
        code: "IMAGE_REPOSITORY_URL_MISSING",
        property,
        value: this.ecrRepositoryArn,
        allowed: "a repositoryUrl as well when the repository ARN is a token",
      });
    }
    checkImageReference(scope, "IMAGE_NAME_INVALID", property, this.imageName);
  }
}
