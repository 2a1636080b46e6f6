#!/usr/bin/env node
"use strict";
/**
 * `npx cdktf-ecs-platform <command> [...]`. Runs the compiled command from dist/ when the package
 * is built (as published), otherwise the TypeScript source through tsx (a checkout of the repo).
 */
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const COMMANDS = { "plan-review": "plan-review/cli" };
const [command, ...args] = process.argv.slice(2);

if (!Object.prototype.hasOwnProperty.call(COMMANDS, command)) {
  console.error(
    `Usage: cdktf-ecs-platform <command> [options]\n\nCommands:\n  plan-review   review terraform plans for a pull request (--help for options)`,
  );
  process.exit(64);
}

const compiled = join(__dirname, "..", "dist", `${COMMANDS[command]}.js`);
let cli;
if (existsSync(compiled)) {
  cli = require(compiled);
} else {
  require("tsx/cjs");
  cli = require(join(__dirname, "..", "src", `${COMMANDS[command]}.ts`));
}
cli.main(args).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(70);
  },
);
