// TypeDoc publishes its types through `exports` only, which this repository's node10 module
// resolution does not read; the type-only import names the declaration file directly.
import type { Comment, DeclarationReflection, ProjectReflection, ReflectionKind, SomeType } from "typedoc/dist/types/models/index";

/** A gap in the generated API reference. */
export interface ApiDocProblem {
  /**
   * `undocumented`: a public export or member has no description.
   * `no-default`: an optional property a caller can set does not say its default with `@default`.
   */
  readonly kind: "undocumented" | "no-default";
  /** Dotted path as TypeDoc names it, module first: `network.NetworkProps.natGateways`. */
  readonly name: string;
}

/** TypeDoc's `ReflectionKind` enum, passed in so this file never loads a second copy of TypeDoc. */
export type ReflectionKinds = typeof ReflectionKind;

function hasText(comment: Comment | undefined): boolean {
  return !!comment && comment.summary.some((part) => part.text.trim() !== "");
}

/** A description on the reflection itself, one of its call signatures, or its accessor. */
function isDocumented(r: DeclarationReflection): boolean {
  return (
    hasText(r.comment) ||
    (r.signatures ?? []).some((s) => hasText(s.comment)) ||
    hasText(r.getSignature?.comment) ||
    hasText(r.setSignature?.comment)
  );
}

function hasDefault(r: DeclarationReflection): boolean {
  const comment = r.comment ?? r.getSignature?.comment;
  return !!comment && (!!comment.getTag("@default") || !!comment.getTag("@defaultValue"));
}

/** `network.NetworkProps.tiers.__type.public` reads as `network.NetworkProps.tiers.public`. */
function displayName(r: DeclarationReflection): string {
  // A function's parameters sit under its signature, which has the function's name again.
  return r
    .getFullName()
    .split(".")
    .filter((part, i, parts) => part !== "__type" && part !== parts[i - 1])
    .join(".");
}

/**
 * Interfaces named `I<Name>` describe constructs a caller passes by reference (`vpc: INetwork`);
 * their optional members are attributes of an existing resource, not settings with a default.
 */
function isConstructReference(r: DeclarationReflection): boolean {
  return /^I[A-Z]/.test(r.name);
}

/** Interfaces and type aliases named like settings, as the design asks: `FooProps`, `FooOptions`. */
const SETTINGS_NAME = /(Props|Options)$/;

/** Parameters that take settings by the design's convention: `constructor(scope, id, props)`, `fn(x, options)`. */
const SETTINGS_PARAMETER = /^(props|options)$/;

/**
 * The declarations whose optional properties are settings a caller chooses:
 * - every exported `...Props` and `...Options` interface or type alias, and the type of every
 *   parameter named `props` or `options`;
 * - the inline object types inside those, and the named types an optional property reaches
 *   (`tiers?: SubnetTiers`, `logging?: ContainerLogging`): an optional bundle is more settings;
 * - base interfaces of those.
 * A named type reached only through a required property (`plan: PlanJson`, `cluster: ICluster`)
 * is a value the caller hands over, not settings, and types that only come back from the API
 * (results, attributes) are not inputs at all.
 */
function inputDeclarations(modules: readonly DeclarationReflection[], K: ReflectionKinds): Set<DeclarationReflection> {
  const inputs = new Set<DeclarationReflection>();
  const visitDeclaration = (d: DeclarationReflection): void => {
    if (inputs.has(d) || isConstructReference(d)) return;
    if (d.kindOf(K.TypeAlias)) return visitType(d.type, true);
    if (!d.kindOf(K.Interface | K.TypeLiteral)) return;
    inputs.add(d);
    (d.extendedTypes ?? []).forEach((t) => visitType(t, true));
    for (const member of d.children ?? []) visitType(member.type, member.flags.isOptional);
  };
  /** `named`: whether named interfaces and aliases on this path are settings too. */
  const visitType = (t: SomeType | undefined, named: boolean): void => {
    if (!t) return;
    switch (t.type) {
      case "reference": {
        const target = t.reflection as DeclarationReflection | undefined;
        if (target && "kindOf" in target && (named || SETTINGS_NAME.test(target.name))) visitDeclaration(target);
        return (t.typeArguments ?? []).forEach((a) => visitType(a, named));
      }
      case "reflection":
        return visitDeclaration(t.declaration);
      case "array":
      case "optional":
      case "rest":
        return visitType(t.elementType, named);
      case "union":
      case "intersection":
        return t.types.forEach((u) => visitType(u, named));
      case "tuple":
        return t.elements.forEach((e) => visitType(e, named));
      case "namedTupleMember":
        return visitType(t.element, named);
      case "typeOperator":
        return visitType(t.target, named);
      case "mapped":
        return visitType(t.templateType, named);
      default:
        return;
    }
  };
  const settingsParameters = (r: DeclarationReflection): void => {
    for (const signature of r.signatures ?? []) {
      for (const p of signature.parameters ?? []) if (SETTINGS_PARAMETER.test(p.name)) visitType(p.type, true);
    }
  };
  for (const module of modules) {
    for (const d of module.children ?? []) {
      if (d.kindOf(K.Interface | K.TypeAlias) && SETTINGS_NAME.test(d.name)) visitDeclaration(d);
      if (d.kindOf(K.Function)) settingsParameters(d);
      if (d.kindOf(K.Class | K.Interface))
        for (const member of d.children ?? []) if (member.kindOf(K.Constructor | K.Method)) settingsParameters(member);
    }
  }
  return inputs;
}

/**
 * Finds what the API reference would leave out: exported declarations and public members of
 * exported classes, interfaces and enums without a description (members copied from a base or
 * an implemented interface are judged where they are declared; members of inline object types
 * are described by their parent), and optional input properties without `@default`.
 */
export function findApiDocProblems(project: ProjectReflection, K: ReflectionKinds): ApiDocProblem[] {
  const asModule = project as unknown as DeclarationReflection;
  const modules = (project.children ?? []).some((c) => c.kindOf(K.Module))
    ? (project.children ?? []).filter((c) => c.kindOf(K.Module))
    : [asModule];
  const problems: ApiDocProblem[] = [];
  const undocumented = (r: DeclarationReflection) => {
    if (!isDocumented(r)) problems.push({ kind: "undocumented", name: displayName(r) });
  };
  for (const module of modules) {
    for (const d of module.children ?? []) {
      // A type two entry points export is declared (and documented) in one; the other holds a reference to it.
      if (d.kindOf(K.Reference)) continue;
      undocumented(d);
      if (!d.kindOf(K.Class | K.Interface | K.Enum)) continue;
      for (const member of d.children ?? []) {
        if (member.kindOf(K.Constructor) || member.inheritedFrom || member.implementationOf) continue;
        undocumented(member);
      }
    }
  }
  for (const input of inputDeclarations(modules, K)) {
    for (const member of input.children ?? []) {
      if (member.flags.isOptional && !member.inheritedFrom && !hasDefault(member))
        problems.push({ kind: "no-default", name: displayName(member) });
    }
  }
  return problems.sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
}
