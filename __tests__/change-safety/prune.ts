/**
 * Which resources of an edited stack its plan against the base's converged state can change, and
 * the edited stack cut down to them (`pruneEdit`).
 *
 * A resource whose configuration is the same in the edit as in the base, and every resource, data
 * source, local and variable it reads is also unchanged (transitively), plans as its base does over
 * the same state: a no-op (the change-safety plan checks that every base is all no-ops). Planning
 * such resources tells nothing, and they were four fifths of the change-safety plan's resources and
 * CPU. So an edit's module keeps only the resources that changed or read something that changed;
 * every reference from a kept resource (or a local, output or data source) to a resource left out
 * becomes the value the converged state holds for it, which is the value Terraform would read from
 * a no-op. The copy of the base's state for the module holds the kept resources and the ones the
 * edit removes or moves away, so deletes and moves plan as before.
 *
 * Anything the cut does not understand makes it plan the edit whole: a different provider or
 * `terraform` block, `count`, `for_each`, `dynamic` blocks, provisioners, `replace_triggered_by`,
 * module calls, `import`/`removed`/`check` blocks, template directives, a template inside a string
 * inside an interpolation.
 */
type Json = any;

/** Top-level blocks of a stack the cut knows; any other makes the edit plan whole. */
const KNOWN_BLOCKS = new Set(["//", "terraform", "provider", "variable", "locals", "data", "resource", "output", "moved"]);
/** Keys anywhere in a resource or data source that make the edit plan whole. */
const UNSUPPORTED_KEYS = new Set(["count", "for_each", "dynamic", "provisioner", "connection", "replace_triggered_by"]);

/** The edited stack cut down to what its plan can change. */
export interface PrunedEdit {
  /** The edited stack with only the kept resources and every reference to another resource resolved. */
  readonly json: Json;
  /** Addresses (`type.name`) of the resources kept. */
  readonly kept: ReadonlySet<string>;
}

/** The prior value of one attribute of a base resource, as the converged state holds it; `undefined` when absent. */
export type StateValue = (address: string, attribute: string) => unknown;

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (v && typeof v === "object" && !Array.isArray(v) ? sortKeys(v) : v));
function sortKeys(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((k) => [k, object[k]]),
  );
}

/** Every named thing of a stack a resource can read: `type.name`, `data.type.name`, `local.name`, `var.name`. */
function namedNodes(json: Json): Map<string, Json> {
  const nodes = new Map<string, Json>();
  for (const [type, byName] of Object.entries<Json>(json.resource ?? {}))
    for (const [name, body] of Object.entries<Json>(byName)) nodes.set(`${type}.${name}`, body);
  for (const [type, byName] of Object.entries<Json>(json.data ?? {}))
    for (const [name, body] of Object.entries<Json>(byName)) nodes.set(`data.${type}.${name}`, body);
  for (const [name, value] of Object.entries<Json>(json.locals ?? {})) nodes.set(`local.${name}`, value);
  for (const [name, body] of Object.entries<Json>(json.variable ?? {})) nodes.set(`var.${name}`, body);
  return nodes;
}

const isResource = (node: string) => !/^(data|local|var)\./.test(node);
/** `type.name.attribute` in an expression: a resource's attribute (data sources, locals and variables stay). */
const ATTRIBUTE_REFERENCE = /(?<![\w.-])([a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_]*)/g;
const REFERENCE =
  /(?<![\w.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*|local\.[A-Za-z_][A-Za-z0-9_-]*|var\.[A-Za-z_][A-Za-z0-9_-]*)/g;

/** What a node may read, over-approximated: every known name anywhere in its body, and its `depends_on`. */
function readsOf(body: Json, nodes: ReadonlyMap<string, Json>): Set<string> {
  const reads = new Set<string>();
  for (const match of JSON.stringify(body).matchAll(REFERENCE)) if (nodes.has(match[1])) reads.add(match[1]);
  return reads;
}

function hasUnsupported(value: Json): boolean {
  if (Array.isArray(value)) return value.some(hasUnsupported);
  if (!value || typeof value !== "object") return false;
  return Object.entries(value).some(([k, v]) => UNSUPPORTED_KEYS.has(k) || k.includes("${") || hasUnsupported(v));
}

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "${": "$${", "%{": "%%{" };

/** A quoted HCL string: what HCL reads as a template (`${`, `%{`) escaped, other control characters as `\uXXXX`. */
function hclString(value: string): string {
  const escape = (c: string) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  // eslint-disable-next-line no-control-regex -- control characters are what HCL must see escaped
  return `"${value.replace(/[\u0000-\u001f"\\]|[$%]\{/g, escape)}"`;
}

/** A JSON value written as an HCL expression. */
export function hclLiteral(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(",")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${hclString(k)}:${hclLiteral(v)}`)
    .join(",")}}`;
}

class Unsupported extends Error {}

/**
 * Rewrites the code (not the quoted strings) of one interpolation's expression with `code`.
 * A quoted string holding a template of its own is beyond the cut.
 */
function mapExpressionCode(expression: string, code: (text: string) => string): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] !== '"') continue;
    out += code(expression.slice(start, i));
    let j = i + 1;
    for (; j < expression.length && expression[j] !== '"'; j++) {
      if (expression[j] === "\\") j++;
      else if (expression.startsWith("${", j) || expression.startsWith("%{", j)) throw new Unsupported("template in a string");
    }
    out += expression.slice(i, j + 1);
    start = j + 1;
    i = j;
  }
  return out + code(expression.slice(start));
}

/** Rewrites each `${...}` interpolation of a template string with `expression`; literal text stays. */
function mapInterpolations(template: string, expression: (code: string) => string): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      out += template.slice(i, i + 3);
      i += 3;
    } else if (template.startsWith("%{", i)) {
      throw new Unsupported("template directive");
    } else if (template.startsWith("${", i)) {
      let depth = 0;
      let j = i + 2;
      let quoted = false;
      for (; j < template.length; j++) {
        const c = template[j];
        if (quoted) {
          if (c === "\\") j++;
          else if (c === '"') quoted = false;
        } else if (c === '"') quoted = true;
        else if (c === "{") depth++;
        else if (c === "}") {
          if (depth === 0) break;
          depth--;
        }
      }
      if (j >= template.length) throw new Unsupported("unterminated interpolation");
      out += `\${${mapExpressionCode(template.slice(i + 2, j), expression)}}`;
      i = j + 1;
    } else {
      out += template[i++];
    }
  }
  return out;
}

function mapStrings(value: Json, f: (s: string) => string): Json {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/**
 * The edited stack `edit` cut down to the resources its plan over the base's converged state can
 * change, or `undefined` when it must be planned whole. `prior` reads the converged state of the
 * base's resources.
 */
export function pruneEdit(base: Json, edit: Json, prior: StateValue): PrunedEdit | undefined {
  if ([base, edit].some((json) => Object.keys(json).some((k) => !KNOWN_BLOCKS.has(k)))) return undefined;
  if (stable(base.provider) !== stable(edit.provider) || stable(base.terraform) !== stable(edit.terraform)) return undefined;
  if (hasUnsupported(edit.resource) || hasUnsupported(edit.data) || hasUnsupported(base.resource)) return undefined;

  const baseNodes = namedNodes(base);
  const editNodes = namedNodes(edit);
  const reads = new Map([...editNodes].map(([node, body]) => [node, readsOf(body, editNodes)]));
  const changed = new Set([...editNodes.keys()].filter((n) => !baseNodes.has(n) || stable(baseNodes.get(n)) !== stable(editNodes.get(n))));
  for (const move of edit.moved ?? []) for (const end of [move.from, move.to]) if (editNodes.has(end)) changed.add(end);
  for (let grew = true; grew;) {
    grew = false;
    for (const [node, read] of reads)
      if (!changed.has(node) && [...read].some((r) => changed.has(r))) {
        changed.add(node);
        grew = true;
      }
  }
  const kept = new Set([...changed].filter(isResource));
  try {
    // A kept resource that reads a left-out one whose attribute the state lacks keeps that one too.
    for (;;) {
      const missing = new Set<string>();
      const leftOut = (node: string) => editNodes.has(node) && isResource(node) && !kept.has(node);
      const resolve = (text: string) =>
        mapInterpolations(text, (code) => {
          const resolved = code.replace(ATTRIBUTE_REFERENCE, (whole, node: string, attribute: string) => {
            const value = leftOut(node) ? prior(node, attribute) : undefined;
            return value === undefined ? whole : hclLiteral(value);
          });
          // What is still a reference to a left-out resource (no attribute, or one the state lacks).
          for (const [, node] of resolved.matchAll(REFERENCE)) if (leftOut(node)) missing.add(node);
          return resolved;
        });
      const json = cutDown(edit, kept, resolve);
      if (missing.size === 0) return { json, kept };
      for (const node of missing) kept.add(node);
    }
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function cutDown(edit: Json, kept: ReadonlySet<string>, resolve: (s: string) => string): Json {
  const resource: Json = {};
  for (const [type, byName] of Object.entries<Json>(edit.resource ?? {}))
    for (const [name, body] of Object.entries<Json>(byName)) {
      if (!kept.has(`${type}.${name}`)) continue;
      const { depends_on: dependsOn, ...rest } = body;
      const resolved = mapStrings(rest, resolve);
      const stillDepends = (dependsOn ?? []).filter((d: string) => kept.has(d.replace(/^\$\{(.*)\}$/, "$1")));
      (resource[type] ??= {})[name] = stillDepends.length > 0 ? { ...resolved, depends_on: stillDepends } : resolved;
    }
  const out: Json = { ...edit, resource };
  for (const block of ["data", "locals", "output"] as const) if (edit[block]) out[block] = mapStrings(edit[block], resolve);
  return out;
}
