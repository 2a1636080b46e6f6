import { Cluster } from "../../src/cluster/cluster";
import { Network } from "../../src/network/network";
import { Service } from "../../src/service/service";
import { resourcesOf, synth } from "../helpers";
import { webTask } from "./fixtures";

const egressOf = (s: ReturnType<typeof synth>) =>
  Object.entries(resourcesOf(s, "aws_vpc_security_group_egress_rule"))
    .filter(([address]) => address.startsWith("Web_SecurityGroup_"))
    .map(([, r]: [string, any]) => r.cidr_ipv4 ?? r.cidr_ipv6)
    .sort();

describe("Service in a dual-stack network", () => {
  test.each<[string, boolean, string[]]>([
    ["a dual-stack network: all outbound IPv4 and IPv6", true, ["0.0.0.0/0", "::/0"]],
    ["an IPv4 network: all outbound IPv4 only", false, ["0.0.0.0/0"]],
  ])("allowAllOutbound in %s", (_name, dualStack, expected) => {
    const s = synth((stack) => {
      const network = new Network(stack, "Network", {
        name: "acme-test",
        cidr: "10.0.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        natGateways: "single",
        dualStack,
      });
      const cluster = new Cluster(stack, "Cluster", { name: "acme-test", network });
      new Service(stack, "Web", { name: "acme-test-web", cluster, taskDefinition: webTask(stack) });
    });
    expect(egressOf(s)).toEqual(expected);
  });
});
