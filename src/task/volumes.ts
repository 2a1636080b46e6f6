import { IConstruct } from "constructs";
import { EcsTaskDefinitionVolume } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { checkArn } from "../core/arn";
import { fail, isToken } from "../core/errors";
import { PolicyStatement } from "../core/iam";
import { checkPort } from "../core/validate";

/**
 * An EFS file system mounted into the task. Traffic is always encrypted in transit and the mount is
 * authorised with the task role (EFS IAM authorization), which this library grants.
 */
export interface EfsVolumeOptions {
  /** `fs-...` */
  readonly fileSystemId: string;
  /** The file system ARN, which the task role is granted `ClientMount` (and `ClientWrite`) on. */
  readonly fileSystemArn: string;
  /** An access point (`fsap-...`), which enforces a POSIX user and root directory. @default - none */
  readonly accessPointId?: string;
  /** Directory of the file system to mount; not allowed with an access point. @default "/" */
  readonly rootDirectory?: string;
  /** Mount without write access (the task role gets no `ClientWrite`). @default false */
  readonly readOnly?: boolean;
  /** Port for the encrypted NFS tunnel. @default - the EFS mount helper's choice */
  readonly transitEncryptionPort?: number;
}

/** Fails on an access point combined with a root directory, or a bad port. */
export function checkEfsVolume(scope: IConstruct, property: string, volume: EfsVolumeOptions): void {
  checkArn(scope, "EFS_FILE_SYSTEM_ARN", `${property}.fileSystemArn`, volume.fileSystemArn, "efsFileSystem");
  if (volume.accessPointId !== undefined && volume.rootDirectory !== undefined && volume.rootDirectory !== "/") {
    fail(scope, {
      code: "EFS_ROOT_WITH_ACCESS_POINT",
      property: `${property}.rootDirectory`,
      value: volume.rootDirectory,
      allowed: "no rootDirectory when accessPointId is set (the access point defines the root)",
    });
  }
  if (volume.rootDirectory !== undefined && !isToken(volume.rootDirectory) && !volume.rootDirectory.startsWith("/")) {
    fail(scope, {
      code: "EFS_ROOT_INVALID",
      property: `${property}.rootDirectory`,
      value: volume.rootDirectory,
      allowed: "an absolute path",
    });
  }
  checkPort(scope, "EFS_TRANSIT_PORT", `${property}.transitEncryptionPort`, volume.transitEncryptionPort);
}

/** Renders EFS, scratch (task-storage) and configured-at-launch (EBS) volumes as ECS `volume` blocks, in a stable order. */
export function renderVolumes(
  efsVolumes: Record<string, EfsVolumeOptions>,
  scratchVolumes: readonly string[],
  launchConfiguredVolumes: readonly string[] = [],
): EcsTaskDefinitionVolume[] {
  const efs = Object.entries(efsVolumes).map(([name, v]) => ({
    name,
    efsVolumeConfiguration: {
      fileSystemId: v.fileSystemId,
      rootDirectory: v.accessPointId === undefined ? (v.rootDirectory ?? "/") : undefined,
      transitEncryption: "ENABLED",
      transitEncryptionPort: v.transitEncryptionPort,
      authorizationConfig: { iam: "ENABLED", accessPointId: v.accessPointId },
    },
  }));
  // A volume with no host path is task storage, shared by the task's containers and gone with the task.
  const scratch = scratchVolumes.map((name) => ({ name }));
  // The service (or RunTask) supplies the EBS volume's settings when a task starts.
  const atLaunch = launchConfiguredVolumes.map((name) => ({ name, configureAtLaunch: true }));
  return [...efs, ...scratch, ...atLaunch];
}

/** The task role statements that let the task mount each volume (EFS IAM authorization). */
export function efsStatements(efsVolumes: Record<string, EfsVolumeOptions>): PolicyStatement[] {
  return Object.entries(efsVolumes).map(([name, v]) => ({
    sid: `Efs${name.replace(/[^A-Za-z0-9]/g, "")}`,
    actions: v.readOnly ? ["elasticfilesystem:ClientMount"] : ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
    resources: [v.fileSystemArn],
  }));
}
