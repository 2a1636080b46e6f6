import { SchedulerScheduleProps } from "../../src/schedule/scheduler-schedule";

/** A valid schedule `acme-test-ping` sending an SQS message every 5 minutes (a universal target). */
export const pingProps: SchedulerScheduleProps = {
  name: "acme-test-ping",
  schedule: "rate(5 minutes)",
  target: {
    arn: "arn:aws:scheduler:::aws-sdk:sqs:sendMessage",
    input: JSON.stringify({ QueueUrl: "https://sqs.eu-west-1.amazonaws.com/111122223333/work", MessageBody: "ping" }),
    statements: [{ sid: "Send", actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:eu-west-1:111122223333:work"] }],
    summary: "a ping",
  },
};
