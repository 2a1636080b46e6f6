import { NotificationTopic, OperationalNotifications } from "../../src/notifications";
import { resourceAt, resourcesOf, synth, Synthesized } from "../helpers";
import { ONCALL_TOPIC_ARN, watched } from "./fixtures";

/** A JSON string with Terraform `${...}` interpolations (whose quotes are not escaped), parsed with the interpolations kept as text. */
const parse = (template: string) => JSON.parse(template.replace(/\$\{[^}]*\}/g, (m) => m.replace(/"/g, '\\"')));
const patternOf = (s: Synthesized, kind: string) =>
  parse(resourceAt(s, "aws_cloudwatch_event_rule", `Notifications/${kind}`).event_pattern);
const targetOf = (s: Synthesized, kind: string) => resourceAt(s, "aws_cloudwatch_event_target", `Notifications/${kind}Target`);

describe("NotificationTopic", () => {
  const s = synth((stack) => {
    const topic = new NotificationTopic(stack, "Topic", {
      name: "acme-test-operations",
      emailSubscriptions: ["oncall@example.com", "lead@example.com"],
    });
    topic.allowPublish({ servicePrincipal: "events.amazonaws.com", sourceArns: ["arn:aws:events:eu-west-1:123456789012:rule/a"] });
    topic.allowPublish({ servicePrincipal: "events.amazonaws.com", sourceArns: ["arn:aws:events:eu-west-1:123456789012:rule/b"] });
    topic.allowPublish({ servicePrincipal: "budgets.amazonaws.com" });
  });

  test("encrypts the topic with its own rotated key (not the AWS managed SNS key)", () => {
    const topic = resourceAt(s, "aws_sns_topic", "Topic");
    expect(topic).toMatchObject({
      name: "acme-test-operations",
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Topic_Key_[0-9A-F]{8}\.arn\}$/),
    });
    expect(resourceAt(s, "aws_kms_key", "Topic/Key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(resourceAt(s, "aws_kms_alias", "Topic/KeyAlias").name).toBe("alias/acme-test-operations-sns");
  });

  test("the topic policy denies publishing without TLS and allows each publisher from its sources in the account only", () => {
    const policy = parse(resourceAt(s, "aws_sns_topic_policy", "Topic/Policy").policy);
    expect(policy.Statement.map((st: any) => st.Sid)).toEqual(["DenyInsecureTransport", "AllowEventsPublish", "AllowBudgetsPublish"]);
    const [deny, events, budgets] = policy.Statement;
    expect(deny).toMatchObject({ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(events).toMatchObject({ Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish" });
    expect(events.Condition.ArnLike["aws:SourceArn"]).toEqual([
      "arn:aws:events:eu-west-1:123456789012:rule/a",
      "arn:aws:events:eu-west-1:123456789012:rule/b",
    ]);
    expect(events.Condition.StringEquals["aws:SourceAccount"]).toMatch(
      /element\(split\(":", aws_kms_key\.Topic_Key_[0-9A-F]{8}\.arn\), 4\)/,
    );
    expect(budgets.Condition.ArnLike).toBeUndefined();
  });

  test("the key policy lets the account administer the key and each publisher encrypt for the topic", () => {
    const policy = parse(resourceAt(s, "aws_kms_key_policy", "Topic/KeyPolicy").policy);
    expect(policy.Statement.map((st: any) => [st.Sid, st.Principal])).toEqual([
      ["AccountAdministersThroughIam", { AWS: expect.stringMatching(/^arn:\$\{element.*\}:iam::\$\{element.*\}:root$/) }],
      ["AllowEventsEncrypt", { Service: "events.amazonaws.com" }],
      ["AllowBudgetsEncrypt", { Service: "budgets.amazonaws.com" }],
    ]);
    expect(policy.Statement[1].Action).toEqual(["kms:GenerateDataKey*", "kms:Decrypt"]);
  });

  test("subscribes each e-mail address under an id from its hash, so reordering replaces nothing", () => {
    const subs = resourcesOf(s, "aws_sns_topic_subscription");
    expect(Object.values(subs).map((x: any) => [x.protocol, x.endpoint])).toEqual(
      expect.arrayContaining([
        ["email", "oncall@example.com"],
        ["email", "lead@example.com"],
      ]),
    );
    const reordered = synth((stack) => {
      new NotificationTopic(stack, "Topic", {
        name: "acme-test-operations",
        emailSubscriptions: ["lead@example.com", "oncall@example.com"],
      });
    });
    expect(Object.keys(resourcesOf(reordered, "aws_sns_topic_subscription")).sort()).toEqual(Object.keys(subs).sort());
  });

  test("an existing topic is used as it is: no topic, key or policy is created, the publishers are recorded", () => {
    let existing: ReturnType<typeof NotificationTopic.fromTopicArn> | undefined;
    const out = synth((stack) => {
      existing = NotificationTopic.fromTopicArn(stack, "topicArn", ONCALL_TOPIC_ARN);
      const { web } = watched(stack);
      new OperationalNotifications(stack, "Notifications", { name: "acme-test", topic: existing, services: [web] });
    });
    expect(resourcesOf(out, "aws_sns_topic")).toEqual({});
    expect(resourcesOf(out, "aws_sns_topic_policy")).toEqual({});
    expect(targetOf(out, "Deployments").arn).toBe(ONCALL_TOPIC_ARN);
    expect(existing!.managesPolicy).toBe(false);
    expect(existing!.publishers.map((p) => p.servicePrincipal)).toEqual(Array(4).fill("events.amazonaws.com"));
  });
});

describe("OperationalNotifications", () => {
  describe("for listed services", () => {
    const s = synth((stack) => {
      const topic = new NotificationTopic(stack, "Topic", { name: "acme-test-operations" });
      const { web, api, jobQueue } = watched(stack);
      new OperationalNotifications(stack, "Notifications", {
        name: "acme-test",
        topic,
        services: [web, api],
        jobQueues: [jobQueue],
        alarmNames: ["acme-test-custom"],
      });
    });

    test("creates one rule per kind of event, named <name>-<kind>, each targeting the topic", () => {
      const rules = Object.values(resourcesOf(s, "aws_cloudwatch_event_rule")).map((r: any) => r.name);
      expect(rules.sort()).toEqual(
        [
          "acme-test-alarms",
          "acme-test-batch-job-failures",
          "acme-test-deployments",
          "acme-test-service-actions",
          "acme-test-task-failures",
        ].sort(),
      );
      for (const kind of ["Deployments", "ServiceActions", "TaskFailures", "BatchJobFailures", "Alarms"]) {
        expect(targetOf(s, kind).arn).toMatch(/^\$\{aws_sns_topic\.Topic_[0-9A-F]{8}\.arn\}$/);
      }
    });

    test("deployment failures and circuit breaker rollbacks of the listed services only", () => {
      expect(patternOf(s, "Deployments")).toEqual({
        source: ["aws.ecs"],
        "detail-type": ["ECS Deployment State Change"],
        resources: [
          expect.stringMatching(/aws_ecs_service\.Web_[0-9A-F]{8}\.id/),
          expect.stringMatching(/aws_ecs_service\.Api_[0-9A-F]{8}\.id/),
        ],
        detail: {
          $or: [
            { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
            { eventName: ["SERVICE_DEPLOYMENT_IN_PROGRESS"], reason: [{ prefix: "ECS deployment circuit breaker: rolling back" }] },
          ],
        },
      });
    });

    test("service action warnings and errors of the listed services", () => {
      expect(patternOf(s, "ServiceActions")).toMatchObject({
        "detail-type": ["ECS Service Action"],
        detail: { eventType: ["WARN", "ERROR"] },
      });
      expect(patternOf(s, "ServiceActions").resources).toHaveLength(2);
    });

    test("service tasks stopped by health checks, failed starts or an essential container exiting non-zero", () => {
      const pattern = patternOf(s, "TaskFailures");
      expect(pattern.detail).toMatchObject({
        clusterArn: [expect.stringMatching(/aws_ecs_cluster\.Cluster\.arn/)],
        group: ["service:acme-test-web", "service:acme-test-api"],
        lastStatus: ["STOPPED"],
      });
      expect(pattern.detail.$or).toEqual([
        { stopCode: ["TaskFailedToStart"] },
        { stoppedReason: [{ prefix: "Task failed ELB health checks" }, { prefix: "Task failed container health checks" }] },
        { stoppedReason: [{ prefix: "Essential container in task exited" }], containers: { exitCode: [{ "anything-but": 0 }] } },
      ]);
    });

    test("failed Batch jobs of the listed queues", () => {
      expect(patternOf(s, "BatchJobFailures")).toEqual({
        source: ["aws.batch"],
        "detail-type": ["Batch Job State Change"],
        detail: { status: ["FAILED"], jobQueue: [expect.stringMatching(/aws_batch_job_queue\.Queue_[0-9A-F]{8}\.arn/)] },
      });
    });

    test("the services' own alarms and the extra ones, into ALARM and back to OK", () => {
      const pattern = patternOf(s, "Alarms");
      expect(pattern.detail.alarmName).toEqual(
        expect.arrayContaining(["acme-test-web-cpu-high", "acme-test-api-memory-high", "acme-test-custom"]),
      );
      expect(pattern.detail.alarmName).toHaveLength(3 + 3 + 1);
      expect(pattern.detail.$or).toEqual([
        { state: { value: ["ALARM"] } },
        { state: { value: ["OK"] }, previousState: { value: ["ALARM"] } },
      ]);
    });

    test("each message is one readable line filled from the event", () => {
      const target = targetOf(s, "TaskFailures");
      expect(JSON.parse(target.input_transformer.input_template)).toBe(
        "[<account>/<region>] ECS task of <group> stopped at <time> (<code>): <reason>. Task <task>",
      );
      expect(target.input_transformer.input_paths).toMatchObject({
        group: "$.detail.group",
        reason: "$.detail.stoppedReason",
        code: "$.detail.stopCode",
      });
      expect(target.retry_policy).toEqual({ maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 185 });
    });

    test("the topic's policy lets exactly these rules publish", () => {
      const policy = parse(resourceAt(s, "aws_sns_topic_policy", "Topic/Policy").policy);
      const sources = policy.Statement.find((st: any) => st.Sid === "AllowEventsPublish").Condition.ArnLike["aws:SourceArn"];
      expect(sources).toHaveLength(5);
      expect(sources.every((arn: string) => /^\$\{aws_cloudwatch_event_rule\.Notifications_\w+_[0-9A-F]{8}\.arn\}$/.test(arn))).toBe(true);
    });
  });

  test("for clusters: every service of the cluster, deployments matched by the cluster's service ARN prefix", () => {
    const s = synth((stack) => {
      const topic = new NotificationTopic(stack, "Topic", { name: "acme-test-operations" });
      const { cluster } = watched(stack);
      new OperationalNotifications(stack, "Notifications", { name: "acme-test", topic, clusters: [cluster] });
    });
    const [prefix] = patternOf(s, "Deployments").resources;
    expect(prefix.prefix).toMatch(/^\$\{replace\(aws_ecs_cluster\.Cluster\.arn, ":cluster\/", ":service\/"\)\}\/$/);
    expect(patternOf(s, "ServiceActions").resources).toEqual([prefix]);
    expect(patternOf(s, "TaskFailures").detail.group).toEqual([{ prefix: "service:" }]);
    // No services listed, so no alarms and no Batch rule.
    expect(Object.keys(resourcesOf(s, "aws_cloudwatch_event_rule"))).toHaveLength(3);
  });

  test("each kind of event can be turned off, and alarm recoveries on their own", () => {
    const s = synth((stack) => {
      const topic = new NotificationTopic(stack, "Topic", { name: "acme-test-operations" });
      const { web, jobQueue } = watched(stack);
      new OperationalNotifications(stack, "Notifications", {
        name: "acme-test",
        topic,
        services: [web],
        jobQueues: [jobQueue],
        events: { serviceActions: false, batchJobFailures: false, alarmRecoveries: false },
      });
    });
    const names = Object.values(resourcesOf(s, "aws_cloudwatch_event_rule")).map((r: any) => r.name);
    expect(names.sort()).toEqual(["acme-test-alarms", "acme-test-deployments", "acme-test-task-failures"]);
    expect(patternOf(s, "Alarms").detail.state).toEqual({ value: ["ALARM"] });
  });
});
