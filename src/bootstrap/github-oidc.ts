import { Construct } from "constructs";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { fail, isToken } from "../core/errors";
import { checkTags, withName } from "../core/tags";
import { checkPartition } from "../core/arn";
import { checkRequiredProps } from "../core/required-props";

/** The host of GitHub Actions' OIDC issuer: the prefix of every condition key on its claims. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience `aws-actions/configure-aws-credentials` requests. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** An IAM OIDC identity provider for GitHub Actions, created here or already in the account. */
export interface IGithubOidcProvider {
  /** `arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com`. */
  readonly providerArn: string;
}

/** Properties of a {@link GithubOidcProvider}. */
export interface GithubOidcProviderProps {
  /** Tags; a `Name` tag is added. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The account's GitHub Actions OIDC identity provider (`token.actions.githubusercontent.com`,
 * audience `sts.amazonaws.com`). IAM allows one provider per URL and account: when another stack
 * (or a console click) already created it, refer to it with {@link GithubOidcProvider.fromAccount}.
 * No thumbprint is given: IAM validates GitHub's certificate against its own trusted CAs.
 */
export class GithubOidcProvider extends Construct implements IGithubOidcProvider {
  /** The provider that already exists in `accountId` (its ARN is fixed by the issuer URL). */
  public static fromAccount(accountId: string, partition = "aws"): IGithubOidcProvider {
    if (!isToken(accountId) && !/^\d{12}$/.test(accountId)) {
      fail("GithubOidcProvider.fromAccount", {
        code: "OIDC_ACCOUNT",
        property: "accountId",
        value: accountId,
        allowed: "a 12-digit AWS account id",
      });
    }
    checkPartition("GithubOidcProvider.fromAccount", "OIDC_PARTITION", "partition", partition);
    return { providerArn: `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}` };
  }

  /** The provider's ARN, the `Federated` principal of trust policies. */
  public readonly providerArn: string;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps = {}) {
    super(scope, id);
    checkRequiredProps(this, "GithubOidcProviderProps", props, {});
    checkTags(this, "tags", props.tags);
    const provider = new IamOpenidConnectProvider(this, "Resource", {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
      tags: withName("github-actions", props.tags),
    });
    this.providerArn = provider.arn;
  }
}
