import { STATEFUL_TYPES } from "../core/stateful-resources";
import { DriftSummary, ResourceChangeSummary } from "./changes";
import { destroys } from "./plan";
import { NameCollision, Rename } from "./renames";

/**
 * Resource types whose deletion or replacement loses data or breaks traffic, with what a
 * reviewer should know. Replacing one destroys the old object too (data does not move across),
 * so both actions are flagged.
 */
export const PROTECTED_RESOURCE_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(STATEFUL_TYPES).map(([type, { loss }]) => [type, loss]),
);

/**
 * `danger`: a protected resource is destroyed (gates with `--fail-on-destroy`), or a resource is
 * renamed without a move or its name collides (always gates); `warning`: drift, shown only.
 */
export type RiskLevel = "danger" | "warning";
/**
 * Why a resource is flagged: deleted, replaced (destroyed and recreated), renamed without a move
 * (deleted at one address, created at another), creating a name another resource holds, or drifted
 * outside Terraform.
 */
export type RiskKind = "delete" | "replace" | "rename" | "collision" | "drift";

/** Something a reviewer must look at before approving. */
export interface RiskFlag {
  /** How serious the flag is. */
  readonly level: RiskLevel;
  /** What happens to the resource. */
  readonly kind: RiskKind;
  /** Full instance address of the flagged resource. */
  readonly address: string;
  /** Resource type, e.g. `aws_efs_file_system`. */
  readonly type: string;
  /** What goes wrong, e.g. `its files are deleted`. */
  readonly reason: string;
  /** For replacements: the attributes that force it. */
  readonly forcedBy?: readonly string[];
  /** For renames: the address deleted; for collisions: the address holding the name. */
  readonly from?: string;
}

/**
 * Flags the deletion or replacement of a protected resource (danger) and every drifted resource
 * (warning: someone changed it outside Terraform, and apply will revert that).
 */
export function riskFlags(
  changes: readonly ResourceChangeSummary[],
  drift: readonly DriftSummary[],
  protectedTypes: Readonly<Record<string, string>> = PROTECTED_RESOURCE_TYPES,
  renames?: readonly Rename[],
): RiskFlag[] {
  const flags: RiskFlag[] = [];
  // A renamed resource's deletion is its rename's flag, shown once.
  const renamedFrom = new Set(renames?.map((r) => r.from));
  for (const change of changes) {
    const reason = protectedTypes[change.type];
    if (reason === undefined || !destroys(change.action) || renamedFrom.has(change.address)) continue;
    flags.push({
      level: "danger",
      kind: change.action === "replace" ? "replace" : "delete",
      address: change.address,
      type: change.type,
      reason,
      ...(change.action === "replace" ? { forcedBy: change.replacedBecause } : {}),
    });
  }
  for (const d of drift) {
    const changed = d.attributes.map((a) => a.path).join(", ");
    const what = d.action === "delete" ? "deleted outside Terraform" : `changed outside Terraform${changed ? `: ${changed}` : ""}`;
    flags.push({ level: "warning", kind: "drift", address: d.address, type: d.type, reason: `${what}; apply reverts it` });
  }
  return flags;
}

/**
 * One danger flag per rename without a move (the resource is destroyed and created again; for a
 * protected type, with what is lost) and per name collision (the apply fails, or two addresses
 * end up managing one object).
 */
export function renameFlags(
  renames: readonly Rename[],
  collisions: readonly NameCollision[],
  protectedTypes: Readonly<Record<string, string>> = PROTECTED_RESOURCE_TYPES,
): RiskFlag[] {
  return [
    ...renames.map((r): RiskFlag => {
      const lost = protectedTypes[r.type];
      return {
        level: "danger",
        kind: "rename",
        address: r.to,
        type: r.type,
        from: r.from,
        reason: `renamed from ${r.from} without a move: destroyed and created again${lost ? ` (${lost})` : ""}`,
      };
    }),
    ...collisions.map((c): RiskFlag => ({
      level: "danger",
      kind: "collision",
      address: c.address,
      type: c.type,
      from: c.heldBy,
      reason: `${c.type === "aws_lb_listener_rule" ? "priority" : "name"} ${JSON.stringify(c.name)} is held by ${
        c.holder === "replaced"
          ? "the object it replaces (create_before_destroy)"
          : `${c.heldBy} (${c.holder === "deleted" ? "deleted in the same apply" : "kept"})`
      }: ${c.consequence}`,
    })),
  ];
}

/** Offline: a danger flag for each base address of a protected type that the change removes (a real plan deletes it). */
export function removedFlags(
  removed: readonly string[],
  protectedTypes: Readonly<Record<string, string>> = PROTECTED_RESOURCE_TYPES,
): RiskFlag[] {
  return removed.flatMap((address): RiskFlag[] => {
    const type = address.slice(0, address.indexOf("."));
    const reason = protectedTypes[type];
    return reason === undefined ? [] : [{ level: "danger", kind: "delete", address, type, reason: `removed since the base: ${reason}` }];
  });
}
