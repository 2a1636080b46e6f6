import { IConstruct } from "constructs";
import { fail, isToken } from "./errors";

/*
 * Container image references, parsed by the grammar Docker and every OCI registry client use
 * (github.com/distribution/reference, `reference.go`):
 *
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [ domain "/" ] path-component [ "/" path-component ]*
 *   domain     := host [ ":" port ]           (the first component, when it has "." or ":" or is "localhost")
 *   path-comp  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest     := algorithm ":" hex           (sha256 is 64 lowercase hex, sha512 128: the OCI image spec)
 *
 * No npm package implements this grammar with digests and the name length limit (the one that parses
 * image names, docker-parse-image, accepts upper case and truncated digests), so it is written here,
 * as a few regular expressions taken from the grammar above.
 */

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** Encoded lengths the OCI image spec fixes for its registered algorithms. */
const REGISTERED_DIGESTS: Record<string, RegExp> = { sha256: /^[a-f0-9]{64}$/, sha512: /^[a-f0-9]{128}$/ };

/** Docker refuses a repository name (domain and path) longer than this. */
export const MAX_IMAGE_NAME_LENGTH = 255;

/** What an image reference names. */
export interface ImageReference {
  /** The registry host (and port), e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com`; absent for Docker Hub short names. */
  readonly registry?: string;
  /** The repository path inside the registry, e.g. `nginx/nginx` or `acme/web`. */
  readonly repository: string;
  /** The tag, e.g. `1.27`. */
  readonly tag?: string;
  /** The content digest, e.g. `sha256:<64 hex>`. */
  readonly digest?: string;
}

/** A reference that did not parse, and why. */
export interface ImageReferenceProblem {
  /** What is wrong, in words for an error message, e.g. `the tag "1.27:latest" is not ...`. */
  readonly problem: string;
}

/**
 * Parses `reference` by the Docker/OCI grammar; returns the parts, or the first problem found in words.
 * Does not accept tokens: callers pass those through before parsing.
 */
export function parseImageReference(reference: string): ImageReference | ImageReferenceProblem {
  if (reference.length === 0) return { problem: "the reference is empty" };
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) return { problem };
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.indexOf(":", lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      return { problem: `the tag "${tag}" is not 1 to 128 of letters, digits, "_", "." and "-" (not starting with "." or "-")` };
  }
  if (rest.length > MAX_IMAGE_NAME_LENGTH) return { problem: `the name is longer than ${MAX_IMAGE_NAME_LENGTH} characters` };
  const components = rest.split("/");
  let registry: string | undefined;
  // Docker's rule: the first component is a registry when it has "." or ":", is "localhost", or has upper case.
  if (components.length > 1 && (/[.:A-Z]/.test(components[0]) || components[0] === "localhost")) registry = components.shift();
  if (registry !== undefined && !DOMAIN.test(registry))
    return { problem: `the registry "${registry}" is not a host name with an optional port` };
  for (const component of components) {
    if (!PATH_COMPONENT.test(component)) {
      return {
        problem:
          component === ""
            ? "the repository path has an empty component"
            : `the repository path component "${component}" is not lowercase letters and digits joined by ".", "_", "__" or "-"`,
      };
    }
  }
  return { registry, repository: components.join("/"), tag, digest };
}

function digestProblem(digest: string): string | undefined {
  if (!DIGEST.test(digest)) return `the digest "${digest}" is not <algorithm>:<hex> (sha256:<64 hex digits>)`;
  const [algorithm, hex] = digest.split(":");
  const registered = REGISTERED_DIGESTS[algorithm];
  if (registered && !registered.test(hex)) {
    return `a ${algorithm} digest is ${algorithm === "sha256" ? 64 : 128} lowercase hex digits, "${digest}" has ${hex.length}`;
  }
  return undefined;
}

/** True when `reference` is a valid image reference by the Docker/OCI grammar. */
export function isImageReference(reference: string): boolean {
  return !("problem" in parseImageReference(reference));
}

/**
 * Fails on `scope` unless `reference` is an image reference Docker would pull
 * (`[registry/]repository[:tag][@sha256:<64 hex>]`); tokens and `undefined` pass.
 */
export function checkImageReference(scope: IConstruct, code: string, property: string, reference: string | undefined): void {
  if (reference === undefined || isToken(reference)) return;
  const parsed = typeof reference === "string" ? parseImageReference(reference) : { problem: "the reference is not a string" };
  if ("problem" in parsed) {
    fail(scope, {
      code,
      property,
      value: reference,
      allowed: `an image reference [registry/]repository[:tag][@sha256:<64 hex>] (${parsed.problem})`,
    });
  }
}
