import { EXEC_STATEMENT, executionRoleStatements } from "../../src/task/role-statements";

describe("executionRoleStatements", () => {
  const base = {
    ecrRepositoryArns: [],
    logGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web",
    secretArns: [],
    parameterArns: [],
    kmsKeyArns: [],
  };

  test("with public images and no secrets: only writes to its own log group", () => {
    expect(executionRoleStatements(base)).toEqual([
      {
        sid: "Logs",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: ["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:log-stream:*"],
      },
    ]);
  });

  test("grants pull on exactly the ECR repositories, the token on * only, and reads exactly the secrets, parameters and keys", () => {
    const statements = executionRoleStatements({
      ...base,
      ecrRepositoryArns: ["arn:aws:ecr:eu-west-1:1:repository/a", "arn:aws:ecr:eu-west-1:1:repository/a"],
      secretArns: ["arn:s1"],
      parameterArns: ["arn:p1", "arn:p2"],
      kmsKeyArns: ["arn:k1"],
    });
    const bySid = Object.fromEntries(statements.map((s) => [s.sid, s]));
    expect(bySid.EcrAuthToken.resources).toEqual(["*"]);
    expect(bySid.EcrAuthToken.actions).toEqual(["ecr:GetAuthorizationToken"]);
    expect(bySid.EcrPull.resources).toEqual(["arn:aws:ecr:eu-west-1:1:repository/a"]);
    expect(bySid.Secrets).toMatchObject({ actions: ["secretsmanager:GetSecretValue"], resources: ["arn:s1"] });
    expect(bySid.Parameters).toMatchObject({ actions: ["ssm:GetParameters"], resources: ["arn:p1", "arn:p2"] });
    expect(bySid.DecryptSecrets).toMatchObject({ actions: ["kms:Decrypt"], resources: ["arn:k1"] });
    const wildcards = statements.filter((s) => s.resources.includes("*")).map((s) => s.sid);
    expect(wildcards).toEqual(["EcrAuthToken"]);
  });

  test("ECS Exec needs only the four Session Manager channel actions", () => {
    expect([...EXEC_STATEMENT.actions].sort()).toEqual([
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]);
  });
});
