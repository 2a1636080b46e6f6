// The layer rules of src/ (docs/architecture.md, "Layers"), checked by dependency-cruiser from
// `npm run lint`. A module may import modules of lower layers only: not its peers in the same layer
// (what two peers share moves down, usually to core) and never a higher layer. Tooling stands
// beside the library: no library module imports it. Chosen over ESLint import rules because it
// resolves TypeScript paths (type-only imports included) and also finds cycles.

/** The layers, lowest first. Keep in step with the table in docs/architecture.md. */
const LAYERS = [
  ["core"],
  ["network", "dns", "registry"],
  ["cluster", "ingress", "task", "queue", "schedule"],
  ["service", "scheduled-task", "batch"],
  ["patterns", "notifications"],
  ["budgets", "bootstrap"],
];
/** Guardrails read the rendered JSON, not construct classes: they import core only. */
const READS_CORE_ONLY = ["policy"];
/** Tooling beside the library: it imports core (and plan-review the offline check), never a module. */
const TOOLING = ["plan-review", "terraform"];

const any = (names) => `^src/(${names.join("|")})/`;
const layered = LAYERS.flat();
const everyModule = [...layered, ...READS_CORE_ONLY, ...TOOLING];

const layerRules = LAYERS.flatMap((layer, index) =>
  layer.map((name) => {
    const notBelow = LAYERS.slice(index)
      .flat()
      .filter((other) => other !== name);
    return {
      name: `layer-${name}`,
      severity: "error",
      comment: `${name} is in layer ${index} (${layer.join(", ")}): it may import only ${LAYERS.slice(0, index).flat().join(", ") || "nothing in src"}`,
      from: { path: `^src/${name}/` },
      to: { path: any([...notBelow, ...READS_CORE_ONLY, ...TOOLING]) },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "module-has-a-layer",
      severity: "error",
      comment: "Every folder of src/ has a place in LAYERS (or is policy or tooling); place a new module before it imports anything.",
      from: { path: "^src/[^/]+/", pathNot: any(everyModule) },
      to: {},
    },
    {
      name: "policy-reads-core-only",
      severity: "error",
      comment: "Guardrails read the rendered Terraform JSON; they import core and nothing else in src.",
      from: { path: any(READS_CORE_ONLY) },
      to: { path: any(everyModule.filter((name) => name !== "core" && !READS_CORE_ONLY.includes(name))) },
    },
    {
      name: "tooling-beside-library",
      severity: "error",
      comment: "Tooling imports core only (plan-review may use the offline check); modules never import tooling.",
      from: { path: any(TOOLING) },
      to: { path: any([...layered.filter((name) => name !== "core"), ...READS_CORE_ONLY]) },
    },
    {
      name: "terraform-below-plan-review",
      severity: "error",
      comment: "The offline check does not import the plan review (plan-review builds on it).",
      from: { path: "^src/terraform/" },
      to: { path: "^src/plan-review/" },
    },
    {
      name: "no-root-barrel-inside-src",
      severity: "error",
      comment: "Modules import each other by file; src/index.ts is the public surface for users only.",
      from: { path: "^src/[^/]+/" },
      to: { path: "^src/index\\.ts$" },
    },
    {
      name: "public-entries-only",
      severity: "error",
      comment: "Stacks and examples use the published API: src/index.ts or a module's index.ts, as a user would.",
      from: { path: "^(stacks|examples)/" },
      to: { path: "^src/", pathNot: "^src/(index|[^/]+/index)\\.ts$" },
    },
    {
      name: "no-provider-root-import",
      severity: "error",
      comment: "Import provider classes by deep path (@cdktf/provider-aws/lib/<resource>): the root loads every AWS resource class.",
      from: {},
      to: { path: "^node_modules/@cdktf/provider-aws/lib/index\\.js$" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A cycle of runtime imports makes load order matter. A type-only back-reference (a listener typed by the load balancer that creates it) is erased at compile time and allowed.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "An import that does not resolve is a typo or a missing dependency. typedoc's declaration files are imported by type only; TypeScript finds them in the package folder, behind the package's exports map.",
      from: {},
      to: { couldNotResolve: true, pathNot: "^typedoc/dist/types/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|cdktf\\.out|\\.app-build|\\.bench-build|coverage|reports|\\.stryker-tmp)/" },
    // Type-only imports count: a type from a higher layer is as much a layer break as a value.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Resolve packages as Node does at run time (through their "exports" maps), e.g. bin/'s tsx/cjs.
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["require", "node", "default", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
