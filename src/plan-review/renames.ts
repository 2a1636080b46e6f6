/**
 * Renames and name collisions: what a list of deletions and creations means beyond itself.
 *
 * A construct id renamed without a `moved` block plans as a deletion at the old address and a
 * creation at the new one: the resource is destroyed and made again (a service stops, a log group
 * loses its records), where a move would have changed nothing. And when the new resource keeps the
 * old one's AWS name, the apply fails part way: AWS refuses a second security group, target group,
 * role or log group of that name while the old one exists (and the old one is deleted in parallel,
 * or blocked by what still uses it). Both are read from the plan alone (or, offline, from the
 * synthesized configuration against a base): no AWS call.
 */
import { actionOf, PlanJson } from "./plan";

/** A resource as the checks see it: what happens to it and the values that name it. */
export interface NamedResource {
  /** Full instance address. */
  readonly address: string;
  /** Resource type, e.g. `aws_ecs_service`. */
  readonly type: string;
  /** The resource name in the configuration (cdktf's logical id), without the instance index. */
  readonly name: string;
  /** The instance index (`count` or `for_each` key), when it repeats. */
  readonly index?: string | number;
  /** The child module, when not the root. */
  readonly module?: string;
  /**
   * `deleted`: goes away; `created`: new; `kept`: stays (unchanged or updated in place);
   * `replaced-new-first`: replaced with `create_before_destroy` (the new object exists before the old one is gone).
   */
  readonly role: "deleted" | "created" | "kept" | "replaced-new-first";
  /** Values: the state's for deleted and kept resources, the planned ones for created and replaced ones. */
  readonly values: Readonly<Record<string, unknown>>;
  /** For a replaced-new-first resource: its values before. */
  readonly before?: Readonly<Record<string, unknown>>;
}

/** A deletion and a creation of the same type that are one resource under a new address. */
export interface Rename {
  /** Resource type. */
  readonly type: string;
  /** The address that is deleted. */
  readonly from: string;
  /** The address that is created. */
  readonly to: string;
  /**
   * `name`: both have the same AWS name (or name prefix, or the same name up to the hash suffix the
   * library appends); `logical-id`: their cdktf logical ids differ in one construct id only.
   */
  readonly matchedBy: "name" | "logical-id";
  /** The AWS name (or prefix) the new resource has, when matched by name. */
  readonly name?: string;
  /** The construct id that changed, as the two logical ids show it (`Web` → `Frontend`), when exactly one did. */
  readonly idChange?: { readonly from: string; readonly to: string };
}

/** A creation whose fixed AWS name is already taken by a resource that is deleted in the same apply or stays. */
export interface NameCollision {
  /** Resource type. */
  readonly type: string;
  /** The resource that would be created. */
  readonly address: string;
  /** The AWS name (or, for a listener rule, the priority) both claim. */
  readonly name: string;
  /** The resource holding that name now. */
  readonly heldBy: string;
  /** `deleted`: the holder is deleted in the same apply, in parallel; `kept`: it stays; `replaced`: a create-before-destroy replacement of itself. */
  readonly holder: "deleted" | "kept" | "replaced";
  /** What AWS does, e.g. `InvalidGroup.Duplicate: the security group name is taken in the VPC`. */
  readonly consequence: string;
}

/** How a type names its objects uniquely, and what AWS does when a second object asks for a name in use. */
export interface UniqueName {
  /** The argument holding the name. */
  readonly attribute: string;
  /** The argument the name is unique within (a VPC, a cluster, a listener), when not the account and region. */
  readonly within?: string;
  /** What happens. */
  readonly consequence: string;
}

/**
 * Types whose objects have a fixed, unique name, with what AWS does when a creation asks for one in
 * use. Types that take `name_prefix` instead (as this library's security groups and Batch compute
 * environments do) get a fresh name and never collide.
 */
export const UNIQUE_NAMES: Readonly<Record<string, UniqueName>> = {
  aws_security_group: { attribute: "name", within: "vpc_id", consequence: "InvalidGroup.Duplicate: the group name is taken in the VPC" },
  aws_lb: { attribute: "name", consequence: "DuplicateLoadBalancerName: the load balancer name is taken" },
  aws_lb_target_group: { attribute: "name", consequence: "DuplicateTargetGroupName: the target group name is taken" },
  aws_lb_listener_rule: {
    attribute: "priority",
    within: "listener_arn",
    consequence: "PriorityInUse: the listener already has a rule at this priority",
  },
  aws_ecs_service: {
    attribute: "name",
    within: "cluster",
    consequence: "InvalidParameterException: a service of this name exists (or is still draining) in the cluster",
  },
  aws_ecs_cluster: {
    attribute: "name",
    consequence: "CreateCluster returns the existing cluster: both addresses manage one cluster, and deleting the old one deletes it",
  },
  aws_iam_role: { attribute: "name", consequence: "EntityAlreadyExists: the role name is taken in the account" },
  aws_iam_policy: { attribute: "name", consequence: "EntityAlreadyExists: the policy name is taken in the account" },
  aws_iam_instance_profile: { attribute: "name", consequence: "EntityAlreadyExists: the instance profile name is taken" },
  aws_iam_openid_connect_provider: { attribute: "url", consequence: "EntityAlreadyExists: a provider for this URL exists" },
  aws_cloudwatch_log_group: { attribute: "name", consequence: "ResourceAlreadyExistsException: the log group exists" },
  aws_cloudwatch_metric_alarm: {
    attribute: "alarm_name",
    consequence: "PutMetricAlarm overwrites the existing alarm, and deleting the old address then deletes it",
  },
  aws_cloudwatch_event_rule: {
    attribute: "name",
    within: "event_bus_name",
    consequence: "PutRule overwrites the existing rule, and deleting the old address then deletes it",
  },
  aws_scheduler_schedule: { attribute: "name", within: "group_name", consequence: "ConflictException: the schedule exists in its group" },
  aws_sqs_queue: {
    attribute: "name",
    consequence: "QueueAlreadyExists, or QueueDeletedRecently for 60 seconds after the old queue is deleted",
  },
  aws_sns_topic: {
    attribute: "name",
    consequence: "CreateTopic returns the existing topic: both addresses manage one topic, and deleting the old one deletes it",
  },
  aws_kms_alias: { attribute: "name", consequence: "AlreadyExistsException: the alias exists" },
  aws_secretsmanager_secret: {
    attribute: "name",
    consequence: "ResourceExistsException: the name is taken, also while the old secret waits out its recovery window",
  },
  aws_ecr_repository: { attribute: "name", consequence: "RepositoryAlreadyExistsException: the repository exists" },
  aws_s3_bucket: { attribute: "bucket", consequence: "BucketAlreadyOwnedByYou: the bucket exists" },
  aws_batch_compute_environment: {
    attribute: "compute_environment_name",
    consequence: "ClientException: a compute environment of this name exists",
  },
  aws_batch_job_queue: { attribute: "name", consequence: "ClientException: a job queue of this name exists" },
  aws_service_discovery_service: {
    attribute: "name",
    within: "namespace_id",
    consequence: "ServiceAlreadyExists: the namespace has a service of this name",
  },
  aws_budgets_budget: { attribute: "name", consequence: "DuplicateRecordException: a budget of this name exists" },
};

/** Arguments that name a resource, in the order a rename is matched by them. */
const IDENTITY_ATTRIBUTES = [
  "name_prefix",
  "compute_environment_name_prefix",
  "name",
  "compute_environment_name",
  "family",
  "alarm_name",
  "bucket",
  "url",
] as const;

/** A known, literal string (not a Terraform interpolation a synthesized configuration still holds). */
function literal(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && !value.includes("${") ? value : undefined;
}

/** The argument and value that name `r`; `family` has the hash suffix the library appends to replacement-safe names dropped. */
function identityOf(r: NamedResource): { attribute: string; name: string; family: string } | undefined {
  for (const attribute of IDENTITY_ATTRIBUTES) {
    const name = literal(r.values[attribute]);
    // `acme-dev-web-51743c`: a target group name the library suffixes with a hash of what forces its replacement.
    if (name !== undefined) return { attribute, name, family: name.replace(/-[0-9a-f]{6,8}$/, "") };
  }
  return undefined;
}

/** cdktf's logical id without its hash: `Web_TargetGroup_FE6444AE` → `["Web", "TargetGroup"]`. */
function logicalIdSegments(name: string): string[] {
  return name.replace(/_[0-9A-F]{8}$/, "").split("_");
}

/** The one segment two logical ids differ in, when they have the same length and differ in exactly one. */
function oneSegmentChange(from: string, to: string): { from: string; to: string } | undefined {
  const a = logicalIdSegments(from);
  const b = logicalIdSegments(to);
  if (a.length !== b.length) return undefined;
  const differing = a.map((segment, i) => [segment, b[i]] as const).filter(([x, y]) => x !== y);
  if (differing.length !== 1) return undefined;
  const [[x, y]] = differing;
  // `Ingress574c852b` → `Ingressd4bd1412`: an id made from the resource's content (a rule's peer and
  // port) changed with the content. That is a different resource, not the same one renamed.
  const word = (segment: string) => segment.replace(/[0-9a-f]{8}$/, "");
  if (word(x) !== x && word(x) === word(y)) return undefined;
  return { from: x, to: y };
}

const sameSlot = (a: NamedResource, b: NamedResource) => a.type === b.type && a.module === b.module && a.index === b.index;

/**
 * Pairs deletions with creations of the same type as renames: first by name (the AWS name, name
 * prefix or task family, when exactly one deletion and one creation share it), then by logical id
 * (the two differ in one construct id; where one deletion could pair with several creations, the
 * construct id change most of the pairs share wins, as a renamed construct moves all its resources
 * with the same change). Each deletion and creation is in at most one rename.
 */
export function findRenames(resources: readonly NamedResource[]): Rename[] {
  const deleted = resources.filter((r) => r.role === "deleted");
  const created = resources.filter((r) => r.role === "created");
  const paired = new Set<NamedResource>();
  const renames: Rename[] = [];
  const pair = (d: NamedResource, c: NamedResource, matchedBy: Rename["matchedBy"], name?: string) => {
    paired.add(d).add(c);
    const idChange = oneSegmentChange(d.name, c.name);
    renames.push({ type: c.type, from: d.address, to: c.address, matchedBy, ...(name ? { name } : {}), ...(idChange ? { idChange } : {}) });
  };

  const slotKey = (r: NamedResource) => `${r.type}|${r.module ?? ""}|${r.index ?? ""}`;
  const byIdentity = (list: readonly NamedResource[]) => {
    const map = new Map<string, Array<{ resource: NamedResource; name: string }>>();
    for (const resource of list) {
      const identity = identityOf(resource);
      if (identity === undefined) continue;
      const key = `${slotKey(resource)}|${identity.attribute}=${identity.family}`;
      map.set(key, [...(map.get(key) ?? []), { resource, name: identity.name }]);
    }
    return map;
  };
  const createdByIdentity = byIdentity(created);
  for (const [key, ds] of byIdentity(deleted)) {
    const cs = createdByIdentity.get(key) ?? [];
    if (ds.length === 1 && cs.length === 1) pair(ds[0].resource, cs[0].resource, "name", cs[0].name);
  }

  const candidates: Array<{ d: NamedResource; c: NamedResource; change: string }> = [];
  for (const d of deleted.filter((r) => !paired.has(r))) {
    for (const c of created.filter((r) => !paired.has(r) && sameSlot(r, d))) {
      const change = oneSegmentChange(d.name, c.name);
      if (change) candidates.push({ d, c, change: `${change.from}→${change.to}` });
    }
  }
  const frequency = new Map<string, number>();
  for (const { change } of candidates) frequency.set(change, (frequency.get(change) ?? 0) + 1);
  candidates.sort((x, y) => frequency.get(y.change)! - frequency.get(x.change)! || x.d.address.localeCompare(y.d.address));
  for (const { d, c } of candidates) if (!paired.has(d) && !paired.has(c)) pair(d, c, "logical-id");
  return renames.sort((a, b) => a.to.localeCompare(b.to));
}

/**
 * Creations whose fixed name (see {@link UNIQUE_NAMES}) is held by another resource: one deleted
 * in the same apply (Terraform runs the two in parallel, and the old object may be blocked or
 * draining), one that stays, or, for a `create_before_destroy` replacement, the resource itself.
 * A name that is only known after apply, or a holder in another scope (VPC, cluster, listener), is
 * no collision.
 */
export function findNameCollisions(resources: readonly NamedResource[]): NameCollision[] {
  const holders = new Map<string, NamedResource[]>();
  const keyOf = (type: string, name: string) => `${type}|${name}`;
  for (const r of resources) {
    if (r.role !== "deleted" && r.role !== "kept") continue;
    const unique = UNIQUE_NAMES[r.type];
    const name = unique && nameOf(r.values[unique.attribute]);
    if (name !== undefined) holders.set(keyOf(r.type, name), [...(holders.get(keyOf(r.type, name)) ?? []), r]);
  }
  const collisions: NameCollision[] = [];
  for (const r of resources) {
    const unique = UNIQUE_NAMES[r.type];
    if (!unique) continue;
    const name = nameOf(r.values[unique.attribute]);
    if (name === undefined) continue;
    if (r.role === "replaced-new-first") {
      if (nameOf(r.before?.[unique.attribute]) === name && !differentScope(unique, r.values, r.before ?? {})) {
        collisions.push({ type: r.type, address: r.address, name, heldBy: r.address, holder: "replaced", consequence: unique.consequence });
      }
      continue;
    }
    if (r.role !== "created") continue;
    for (const holder of holders.get(keyOf(r.type, name)) ?? []) {
      if (holder.address === r.address || differentScope(unique, r.values, holder.values)) continue;
      collisions.push({
        type: r.type,
        address: r.address,
        name,
        heldBy: holder.address,
        holder: holder.role === "deleted" ? "deleted" : "kept",
        consequence: unique.consequence,
      });
    }
  }
  return collisions.sort((a, b) => a.address.localeCompare(b.address) || a.heldBy.localeCompare(b.heldBy));
}

function nameOf(value: unknown): string | undefined {
  return typeof value === "number" ? String(value) : literal(value);
}

/** Both scope values are known and differ (an unknown scope is assumed to be the same one). */
function differentScope(unique: UniqueName, a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  if (!unique.within) return false;
  const x = literal(a[unique.within]);
  const y = literal(b[unique.within]);
  return x !== undefined && y !== undefined && x !== y;
}

/** The construct a rename group's resources share, as the move call names it: `dev/Frontend` for `Web` → `Frontend`. */
export function renamedConstructPath(idChange: { readonly to: string }, constructPath: string | undefined): string | undefined {
  if (!constructPath) return undefined;
  const parts = constructPath.split("/");
  const at = parts.findIndex((p, i) => i > 0 && p === idChange.to);
  return at > 0 ? parts.slice(0, at + 1).join("/") : undefined;
}

/** The resources of a plan as the checks see them (data sources and forgotten resources left out). */
export function namedResourcesOfPlan(plan: PlanJson): NamedResource[] {
  const out: NamedResource[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === "data") continue;
    const action = actionOf(rc.change.actions, rc.address);
    const before = asRecord(rc.change.before);
    const after = asRecord(rc.change.after);
    const base = {
      address: rc.address,
      type: rc.type,
      name: rc.name,
      ...(rc.index !== undefined ? { index: rc.index } : {}),
      ...(rc.module_address ? { module: rc.module_address } : {}),
    };
    if (action === "delete") out.push({ ...base, role: "deleted", values: before });
    else if (action === "create") out.push({ ...base, role: "created", values: after });
    else if (action === "replace" && rc.change.actions[0] === "create")
      out.push({ ...base, role: "replaced-new-first", values: after, before });
    // Unchanged, updated in place, or replaced old-first: the object holds its name until the apply reaches it.
    else if (action === "no-op" || action === "update" || action === "replace") out.push({ ...base, role: "kept", values: before });
  }
  return out;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
