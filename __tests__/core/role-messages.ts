/** What the role option checks say is allowed, shared by the bad-input tables of every module with roles. */
export const BOUNDARY_ALLOWED = "a customer managed IAM policy ARN (arn:aws:iam::<account>:policy/<name>)";
export const PATH_ALLOWED =
  '"/" or a path of printable ASCII characters starting and ending with "/" (e.g. "/platform/"), at most 512 characters';
