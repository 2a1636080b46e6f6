import { IConstruct } from "constructs";
import { fail, isToken } from "./errors";

/** Longest tag key AWS accepts, in characters (the same for every taggable resource). */
export const MAX_TAG_KEY_LENGTH = 128;
/** Longest tag value AWS accepts, in characters; an empty value is allowed. */
export const MAX_TAG_VALUE_LENGTH = 256;
/** Most user tags one AWS resource can carry; `aws:` system tags do not count towards it. */
export const MAX_TAGS = 50;

/** Merges user tags with a `Name` tag; user tags win except `Name`, which always names the resource. */
export function withName(name: string, tags: Record<string, string> | undefined): Record<string, string> {
  return { ...(tags ?? {}), Name: name };
}

/** Checks keys and values against AWS tag limits, and that `aws:` (reserved) is not used. */
export function checkTags(scope: IConstruct, property: string, tags: Record<string, string> | undefined): void {
  if (!tags) return;
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    fail(scope, { code: "TAGS_TOO_MANY", property, value: entries.length, allowed: `at most ${MAX_TAGS} tags` });
  }
  for (const [key, value] of entries) {
    if (isToken(key) || isToken(value)) continue;
    if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH || key.toLowerCase().startsWith("aws:")) {
      fail(scope, {
        code: "TAG_KEY_INVALID",
        property: `${property}.${key}`,
        value: key,
        allowed: `a key of 1 to ${MAX_TAG_KEY_LENGTH} characters not starting with "aws:"`,
      });
    }
    if (value.length > MAX_TAG_VALUE_LENGTH) {
      fail(scope, {
        code: "TAG_VALUE_TOO_LONG",
        property: `${property}.${key}`,
        value,
        allowed: `a value of at most ${MAX_TAG_VALUE_LENGTH} characters`,
      });
    }
  }
}
