import type { PolicyStatement } from "../core/iam";

/** What the deploy and plan roles' statements are scoped to. */
export interface DeployScope {
  /** The account the roles live in. */
  readonly accountId: string;
  /** The only region the platform services may be used in. */
  readonly region: string;
  /** Name prefix of everything the environment stacks create (`<org>-`): IAM writes are limited to it. */
  readonly namePrefix: string;
  /** The state bucket. */
  readonly stateBucketArn: string;
  /** The state key, for SSE-KMS state. @default - state is SSE-S3 encrypted */
  readonly stateKmsKeyArn?: string;
  /** Roles and the OIDC provider of the bootstrap itself: the deploy role may not change them. */
  readonly protectedRoleArns: readonly string[];
  /** The OIDC provider the roles trust (the deploy role may not change it). */
  readonly oidcProviderArn: string;
}

/**
 * The services the environment stacks manage, one entry per IAM service prefix. The deploy role
 * gets each whole service in its own region only (Terraform creates, updates, tags and deletes
 * every resource type the modules write); IAM, the one service where a write escalates privilege,
 * is written out action by action and limited to the stack's own name prefix.
 */
export const PLATFORM_SERVICES: readonly string[] = [
  "application-autoscaling",
  "autoscaling",
  "batch",
  "cloudwatch",
  "ec2",
  "ecr",
  "ecs",
  "elasticfilesystem",
  "elasticloadbalancing",
  "events",
  "logs",
  "scheduler",
  "servicediscovery",
  "sqs",
];

/** IAM actions Terraform needs for the roles, policies and instance profiles the modules create. */
export const DEPLOY_IAM_ACTIONS: readonly string[] = [
  "iam:AddRoleToInstanceProfile",
  "iam:CreateInstanceProfile",
  "iam:CreateRole",
  "iam:DeleteInstanceProfile",
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:GetInstanceProfile",
  "iam:GetRole",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:ListRolePolicies",
  "iam:PassRole",
  "iam:PutRolePolicy",
  "iam:RemoveRoleFromInstanceProfile",
  "iam:TagInstanceProfile",
  "iam:TagRole",
  "iam:UntagInstanceProfile",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
];

/** AWS managed policies the modules attach (EC2 container instances); the deploy role may attach no other. */
export const ATTACHABLE_MANAGED_POLICIES: readonly string[] = [
  "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
];

/** Read access to the state: list the bucket, read objects, decrypt them. */
export function stateReadStatements(scope: DeployScope): PolicyStatement[] {
  return [
    { sid: "StateList", actions: ["s3:ListBucket"], resources: [scope.stateBucketArn] },
    { sid: "StateRead", actions: ["s3:GetObject"], resources: [`${scope.stateBucketArn}/*`] },
    ...(scope.stateKmsKeyArn ? [{ sid: "StateDecrypt", actions: ["kms:Decrypt"], resources: [scope.stateKmsKeyArn] }] : []),
  ];
}

/** The deploy role's statements: apply the environment stacks, write their state, and nothing of the bootstrap. */
export function deployStatements(scope: DeployScope): PolicyStatement[] {
  const iam = (kind: string) => `arn:aws:iam::${scope.accountId}:${kind}/${scope.namePrefix}*`;
  const bucketObjects = `${scope.stateBucketArn}/*`;
  return [
    {
      sid: "PlatformServices",
      actions: PLATFORM_SERVICES.map((service) => `${service}:*`),
      resources: ["*"],
      conditions: { StringEquals: { "aws:RequestedRegion": scope.region } },
    },
    { sid: "PlatformRoles", actions: DEPLOY_IAM_ACTIONS, resources: [iam("role"), iam("instance-profile")] },
    {
      sid: "AttachKnownManagedPolicies",
      actions: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
      resources: [iam("role")],
      conditions: { ArnEquals: { "iam:PolicyARN": ATTACHABLE_MANAGED_POLICIES } },
    },
    {
      sid: "ServiceLinkedRoles",
      actions: ["iam:CreateServiceLinkedRole"],
      resources: [`arn:aws:iam::${scope.accountId}:role/aws-service-role/*`],
    },
    { sid: "StateList", actions: ["s3:ListBucket"], resources: [scope.stateBucketArn] },
    // DeleteObject removes the S3 lock file when an apply ends.
    { sid: "StateWrite", actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [bucketObjects] },
    ...(scope.stateKmsKeyArn
      ? [{ sid: "StateKey", actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], resources: [scope.stateKmsKeyArn] }]
      : []),
    {
      sid: "ProtectBootstrap",
      effect: "Deny",
      actions: [
        "iam:AttachRolePolicy",
        "iam:DeleteRole",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:PutRolePermissionsBoundary",
        "iam:DeleteRolePermissionsBoundary",
        "iam:PutRolePolicy",
        "iam:UpdateAssumeRolePolicy",
        "iam:DeleteOpenIDConnectProvider",
        "iam:UpdateOpenIDConnectProviderThumbprint",
        "iam:AddClientIDToOpenIDConnectProvider",
        "s3:DeleteBucket",
        "s3:DeleteBucketPolicy",
        "s3:PutBucketPolicy",
        "s3:PutBucketVersioning",
        "s3:PutEncryptionConfiguration",
        "s3:PutLifecycleConfiguration",
        "s3:PutBucketPublicAccessBlock",
      ],
      resources: [...scope.protectedRoleArns, scope.oidcProviderArn, scope.stateBucketArn],
    },
  ];
}
