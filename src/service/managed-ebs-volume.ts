import { IConstruct } from "constructs";
import { EcsServiceVolumeConfiguration } from "@cdktf/provider-aws/lib/ecs-service";
import { fail, isToken } from "../core/errors";
import { checkArn } from "../core/arn";
import { checkIntegerRange, checkOneOf } from "../core/validate";

/** EBS volume types ECS can create for tasks. */
export type EbsVolumeType = "gp3" | "gp2" | "io2" | "io1" | "st1" | "sc1" | "standard";
/** Linux file systems ECS formats a new volume with (a volume from a snapshot keeps the snapshot's). */
export type EbsFileSystemType = "xfs" | "ext4" | "ext3";

/**
 * An Amazon EBS volume ECS creates for each task at launch and deletes when the task stops, attached
 * at the task definition's `ebsVolumeName` volume (mount it with `mountPoints`).
 */
export interface ManagedEbsVolumeOptions {
  /** Size in GiB: gp2/gp3 1 to 16384, io1 4 to 16384, io2 4 to 65536, st1/sc1 125 to 16384, standard 1 to 1024. @default - the snapshot's size (required without `snapshotId`) */
  readonly sizeGiB?: number;
  /** Volume type. @default "gp3" */
  readonly volumeType?: EbsVolumeType;
  /** Provisioned IOPS: gp3 3000 to 16000 (at most 500 per GiB), io1 100 to 64000 (50 per GiB), io2 100 to 256000 (1000 per GiB); required for io1/io2. @default - gp3's baseline 3000 */
  readonly iops?: number;
  /** Throughput in MiB/s, gp3 only: 125 to 1000 (at most 0.25 per provisioned IOPS). @default - gp3's baseline 125 */
  readonly throughputMiBps?: number;
  /** Encrypt the volume. Turning it off is an explicit opt-out. @default true */
  readonly encrypted?: boolean;
  /** Customer managed KMS key for the volume; the infrastructure role is granted exactly this key. @default - the account's default EBS key (`aws/ebs`) */
  readonly kmsKeyArn?: string;
  /** Snapshot each new volume starts from. @default - an empty volume */
  readonly snapshotId?: string;
  /** MiB/s at which a volume from a snapshot is initialised (hydrated), 100 to 300; only with `snapshotId`. @default - EBS's lazy loading */
  readonly volumeInitializationRateMiBps?: number;
  /** File system of a new volume; must match the snapshot's when `snapshotId` is set. @default "xfs" */
  readonly fileSystemType?: EbsFileSystemType;
  /** Infrastructure role ECS manages the volumes with. @default - the service's ECS infrastructure role with AWS's managed volumes policy */
  readonly roleArn?: string;
}

/** Size, IOPS and throughput limits per volume type, from the EBS documentation. */
export const EBS_VOLUME_LIMITS: Readonly<
  Record<EbsVolumeType, { size: [number, number]; iops?: [number, number]; iopsPerGiB?: number; throughput?: [number, number] }>
> = {
  gp3: { size: [1, 16384], iops: [3000, 16000], iopsPerGiB: 500, throughput: [125, 1000] },
  gp2: { size: [1, 16384] },
  io2: { size: [4, 65536], iops: [100, 256000], iopsPerGiB: 1000 },
  io1: { size: [4, 16384], iops: [100, 64000], iopsPerGiB: 50 },
  st1: { size: [125, 16384] },
  sc1: { size: [125, 16384] },
  standard: { size: [1, 1024] },
};

const SNAPSHOT_ID = /^snap-[0-9a-f]{8,17}$/;

/** Checks the volume against the EBS limits of its type; fails naming `property`. */
export function checkManagedEbsVolume(scope: IConstruct, property: string, volume: ManagedEbsVolumeOptions): void {
  const type = volume.volumeType ?? "gp3";
  checkOneOf(scope, "EBS_VOLUME_TYPE", `${property}.volumeType`, type, Object.keys(EBS_VOLUME_LIMITS) as EbsVolumeType[]);
  checkOneOf(scope, "EBS_FILE_SYSTEM", `${property}.fileSystemType`, volume.fileSystemType, ["xfs", "ext4", "ext3"]);
  const limits = EBS_VOLUME_LIMITS[type];
  if (volume.sizeGiB === undefined && volume.snapshotId === undefined) {
    fail(scope, {
      code: "EBS_VOLUME_SIZE",
      property: `${property}.sizeGiB`,
      value: undefined,
      allowed: `a size in GiB (${limits.size[0]} to ${limits.size[1]} for ${type}), or a snapshotId to take the size from`,
    });
  }
  checkIntegerRange(scope, "EBS_VOLUME_SIZE", `${property}.sizeGiB`, volume.sizeGiB, limits.size[0], limits.size[1], `GiB for ${type}`);

  if (volume.iops !== undefined && !limits.iops) {
    fail(scope, {
      code: "EBS_VOLUME_IOPS",
      property: `${property}.iops`,
      value: volume.iops,
      allowed: `no iops for ${type} (only gp3, io1 and io2 take provisioned IOPS)`,
    });
  }
  if (limits.iops) {
    if (volume.iops === undefined && (type === "io1" || type === "io2")) {
      fail(scope, { code: "EBS_VOLUME_IOPS", property: `${property}.iops`, value: undefined, allowed: `provisioned IOPS for ${type}` });
    }
    checkIntegerRange(scope, "EBS_VOLUME_IOPS", `${property}.iops`, volume.iops, limits.iops[0], limits.iops[1], `IOPS for ${type}`);
    const size = volume.sizeGiB;
    if (volume.iops !== undefined && size !== undefined && !isToken(volume.iops) && !isToken(size) && limits.iopsPerGiB !== undefined) {
      // gp3 includes 3000 IOPS at any size; the ratio limits only what is provisioned above that.
      const allowedIops = Math.max(type === "gp3" ? 3000 : 0, size * limits.iopsPerGiB);
      if (volume.iops > allowedIops) {
        fail(scope, {
          code: "EBS_VOLUME_IOPS_RATIO",
          property: `${property}.iops`,
          value: volume.iops,
          allowed: `at most ${allowedIops} IOPS for a ${size} GiB ${type} volume (${limits.iopsPerGiB} per GiB)`,
        });
      }
    }
  }

  if (volume.throughputMiBps !== undefined && !limits.throughput) {
    fail(scope, {
      code: "EBS_VOLUME_THROUGHPUT",
      property: `${property}.throughputMiBps`,
      value: volume.throughputMiBps,
      allowed: `no throughput for ${type} (only gp3 takes provisioned throughput)`,
    });
  }
  if (limits.throughput) {
    checkIntegerRange(
      scope,
      "EBS_VOLUME_THROUGHPUT",
      `${property}.throughputMiBps`,
      volume.throughputMiBps,
      limits.throughput[0],
      limits.throughput[1],
      "MiB/s",
    );
    const iops = volume.iops ?? 3000;
    const throughput = volume.throughputMiBps;
    if (throughput !== undefined && !isToken(throughput) && !isToken(iops) && throughput > iops / 4) {
      fail(scope, {
        code: "EBS_VOLUME_THROUGHPUT_RATIO",
        property: `${property}.throughputMiBps`,
        value: throughput,
        allowed: `at most ${Math.floor(iops / 4)} MiB/s with ${iops} IOPS (0.25 MiB/s per IOPS)`,
      });
    }
  }

  if (volume.snapshotId !== undefined && !isToken(volume.snapshotId) && !SNAPSHOT_ID.test(volume.snapshotId)) {
    fail(scope, {
      code: "EBS_SNAPSHOT_ID",
      property: `${property}.snapshotId`,
      value: volume.snapshotId,
      allowed: "a snapshot id (snap-...)",
    });
  }
  if (volume.volumeInitializationRateMiBps !== undefined && volume.snapshotId === undefined) {
    fail(scope, {
      code: "EBS_INITIALIZATION_RATE",
      property: `${property}.volumeInitializationRateMiBps`,
      value: volume.volumeInitializationRateMiBps,
      allowed: "no initialization rate without snapshotId (only volumes from a snapshot are initialised)",
    });
  }
  checkIntegerRange(
    scope,
    "EBS_INITIALIZATION_RATE",
    `${property}.volumeInitializationRateMiBps`,
    volume.volumeInitializationRateMiBps,
    100,
    300,
    "MiB/s",
  );
  if (volume.kmsKeyArn !== undefined && volume.encrypted === false) {
    fail(scope, {
      code: "EBS_KMS_KEY_UNENCRYPTED",
      property: `${property}.kmsKeyArn`,
      value: volume.kmsKeyArn,
      allowed: "no kmsKeyArn on an unencrypted volume",
    });
  }
  checkArn(scope, "EBS_KMS_KEY", `${property}.kmsKeyArn`, volume.kmsKeyArn, "kmsKey");
  checkArn(scope, "EBS_ROLE", `${property}.roleArn`, volume.roleArn, "iamRole");
}

/**
 * The service's `volume_configuration`: every default (type, encryption, file system) written out,
 * and the service's tags copied onto each volume.
 */
export function renderVolumeConfiguration(
  volumeName: string,
  volume: ManagedEbsVolumeOptions,
  roleArn: string,
  tags?: Record<string, string>,
): EcsServiceVolumeConfiguration {
  return {
    name: volumeName,
    managedEbsVolume: {
      roleArn,
      sizeInGb: volume.sizeGiB,
      volumeType: volume.volumeType ?? "gp3",
      iops: volume.iops,
      throughput: volume.throughputMiBps,
      encrypted: volume.encrypted ?? true,
      kmsKeyId: volume.kmsKeyArn,
      snapshotId: volume.snapshotId,
      volumeInitializationRate: volume.volumeInitializationRateMiBps,
      fileSystemType: volume.fileSystemType ?? "xfs",
      tagSpecifications: [{ resourceType: "volume", propagateTags: "SERVICE", tags }],
    },
  };
}
