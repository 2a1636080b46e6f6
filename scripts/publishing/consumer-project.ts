/** What the consumer project installs. */
export interface ConsumerOptions {
  /** The published package, e.g. `cdktf-ecs-platform`. */
  readonly packageName: string;
  /** The exact version just published. */
  readonly packageVersion: string;
  /**
   * The package's peers (`cdktf`, `constructs`, `@cdktf/provider-aws`) and the tools the consumer
   * builds with (`typescript`, `@types/node`), each at an exact version.
   */
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

/** The stack the consumer builds, and what its offline plan must create. */
export const CONSUMER_STACK = "consumer";
export const EXPECTED_CREATES: Readonly<Record<string, number>> = {
  aws_vpc: 1,
  aws_subnet: 4,
  aws_nat_gateway: 1,
  aws_flow_log: 1,
  aws_security_group: 1,
  aws_vpc_security_group_ingress_rule: 1,
  aws_vpc_security_group_egress_rule: 1,
};

/**
 * The entry point: a cdktf app as a platform team would write it, importing only the package's
 * public entry points (the root and `/<module>` subpaths, never `dist/...`). It also checks that
 * the root and a subpath give the same classes and that bad input throws the package's own
 * `ValidationError`, then synthesizes and runs the package's offline Terraform check.
 */
function mainTs(o: ConsumerOptions): string {
  const expected = JSON.stringify(EXPECTED_CREATES);
  return `import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as platform from "${o.packageName}";
import { useAwsProviderRange, ValidationError } from "${o.packageName}/core";
import { Network, Port, SecurityGroup } from "${o.packageName}/network";
import { checkStackOffline } from "${o.packageName}/terraform";

function buildStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, "${CONSUMER_STACK}");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  useAwsProviderRange(stack);
  const network = new Network(stack, "Network", {
    name: "consumer",
    cidr: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "single",
    gatewayEndpoints: [],
  });
  const web = new SecurityGroup(stack, "Web", { vpcId: network.vpcId, name: "consumer-web", description: "Web tier" });
  web.connections.allowFrom(platform.Peer.ipv4(network.vpcCidr), Port.HTTPS, "HTTPS from the VPC");
  return stack;
}

function rejectsBadInput(): void {
  const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(process.cwd(), "cdktf.out-bad-")) }), "bad");
  try {
    new Network(stack, "Network", { name: "bad", cidr: "10.0.0.0/8", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
  } catch (error) {
    if (error instanceof ValidationError && error.message.includes("10.0.0.0/8")) return;
    throw error;
  }
  throw new Error("a /8 VPC was accepted");
}

async function main(): Promise<void> {
  if (platform.Network !== Network) throw new Error("the root and /network entry points load different copies of Network");
  rejectsBadInput();
  const outdir = mkdtempSync(join(process.cwd(), "cdktf.out-"));
  const app = new App({ outdir });
  buildStack(app);
  app.synth();
  const result = await checkStackOffline({ stackDir: join(outdir, "stacks", "${CONSUMER_STACK}") });
  const changes = result.plan?.resource_changes ?? [];
  const expected: Record<string, number> = ${expected};
  const created: Record<string, number> = {};
  for (const type of Object.keys(expected)) {
    created[type] = changes.filter((c) => c.type === type && c.change.actions.join() === "create").length;
  }
  const wrong = Object.keys(expected).filter((type) => created[type] !== expected[type]);
  if (wrong.length > 0) throw new Error("unexpected plan: " + JSON.stringify({ expected, created }));
  const seconds = Object.fromEntries(Object.entries(result.timings).map(([stage, s]) => [stage, Math.round((s ?? 0) * 10) / 10]));
  console.log(JSON.stringify({ planned: changes.length, created, terraformSeconds: seconds }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;
}

/** The files of a fresh consumer project, by relative path. */
export function consumerProject(o: ConsumerOptions): Record<string, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    "package.json": json({
      name: "platform-consumer",
      version: "0.0.0",
      private: true,
      scripts: { build: "tsc -p tsconfig.json && tsc -p tsconfig.node16.json", start: "node dist/main.js" },
      dependencies: { [o.packageName]: o.packageVersion, ...o.dependencies },
      devDependencies: { ...o.devDependencies },
    }),
    // What `cdktf init --template=typescript` writes, in short: CommonJS with TypeScript's default
    // (node10) resolution, which ignores `exports` and needs the package's `typesVersions`.
    // skipLibCheck is off so the package's own declarations are type-checked too.
    "tsconfig.json": json({
      compilerOptions: {
        target: "ES2022",
        module: "commonjs",
        lib: ["ES2022"],
        strict: true,
        noEmitOnError: true,
        skipLibCheck: false,
        types: ["node"],
        outDir: "dist",
      },
      include: ["main.ts"],
    }),
    // Node16 resolution reads the `exports` map and its `types` conditions; the declarations
    // themselves were checked by the first compile.
    "tsconfig.node16.json": json({
      extends: "./tsconfig.json",
      compilerOptions: { module: "node16", moduleResolution: "node16", noEmit: true, skipLibCheck: true },
    }),
    "main.ts": mainTs(o),
  };
}
