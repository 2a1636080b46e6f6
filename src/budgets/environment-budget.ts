import { Construct } from "constructs";
import { BudgetsBudget, BudgetsBudgetNotification } from "@cdktf/provider-aws/lib/budgets-budget";
import { fail, isToken } from "../core/errors";
import { checkName, NameRule } from "../core/naming";
import { checkTags } from "../core/tags";
import { checkNotEmpty, checkNumberRange, checkOneOf, checkUnique } from "../core/validate";
import type { INotificationTopic } from "../notifications/topic";
import { checkRequiredProps, PropKinds as K } from "../core/required-props";

/** When a budget notifies: at a percentage of the limit, of actual or forecasted spend. */
export interface BudgetThreshold {
  /** Percent of the monthly limit, 1 to 1000. */
  readonly percent: number;
  /** `ACTUAL`: spend so far this month passed it; `FORECASTED`: AWS forecasts the month will. */
  readonly type: "ACTUAL" | "FORECASTED";
}

/** The cost allocation tag a budget counts: resources carrying `key` with one of `values`. */
export interface CostAllocationTagFilter {
  /** Tag key, e.g. `Environment`; it must be activated as a cost allocation tag in the payer account (Billing console). */
  readonly key: string;
  /** Tag values counted (any of them), e.g. `["dev"]`. */
  readonly values: readonly string[];
}

/** An optional second budget on the ECS service's cost alone (Fargate and Fargate Spot tasks, ECS Anywhere instances). */
export interface FargateBudgetOptions {
  /** Monthly limit of the ECS cost of the tagged resources, in the budget's currency. */
  readonly monthlyLimit: number;
  /** When it notifies. @default - the budget's thresholds */
  readonly thresholds?: readonly BudgetThreshold[];
}

/** Props of {@link EnvironmentBudget}. */
export interface EnvironmentBudgetProps {
  /** Budget name, e.g. `acme-dev`; the Fargate budget is `<name>-fargate`. Up to 100 characters, no `:` or `\`. */
  readonly name: string;
  /** The monthly limit, in `currency`; the plan review compares its monthly estimate with it. */
  readonly monthlyLimit: number;
  /** Currency of the limit; AWS Budgets supports the account's billing currency, usually USD. @default "USD" */
  readonly currency?: string;
  /** The cost allocation tag that selects the environment's spend (the stacks' `Environment` default tag). */
  readonly costAllocationTag: CostAllocationTagFilter;
  /** When to notify. @default - {@link EnvironmentBudget.DEFAULT_THRESHOLDS}: 80 % and 100 % actual, 100 % forecasted */
  readonly thresholds?: readonly BudgetThreshold[];
  /** Topic notified (its policy and key must allow `budgets.amazonaws.com`; a `NotificationTopic` does). @default - no topic */
  readonly topic?: INotificationTopic;
  /** E-mail addresses notified, at most 10. @default - none (a topic or an address is required) */
  readonly emailAddresses?: readonly string[];
  /** Also budget the ECS service's cost of the tagged resources. @default - no Fargate budget */
  readonly fargate?: FargateBudgetOptions;
  /** Tags for the budgets. @default - none */
  readonly tags?: Record<string, string>;
}

const BUDGET_NAME: NameRule = { maxLength: 100, pattern: /^[^:\\]+$/, describe: "any characters but : and \\" };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** AWS Budgets' limits: notifications per budget, e-mail subscribers per notification. */
const MAX_NOTIFICATIONS = 5;
const MAX_EMAILS = 10;
/** The AWS service name cost filters use for ECS (Fargate tasks are billed under it). */
const ECS_SERVICE = "Amazon Elastic Container Service";

/**
 * A monthly AWS Budgets cost budget for one environment, counting what carries the environment's
 * cost allocation tag, that notifies a topic and/or e-mail addresses when actual or forecasted
 * spend passes thresholds; optionally a second budget on the ECS (Fargate) cost alone.
 *
 * AWS Budgets ANDs different filter dimensions but ORs the values of one, and a budget has one
 * `TagKeyValue` dimension: so one tag key is counted (any of its values), not two tags at once.
 */
export class EnvironmentBudget extends Construct {
  /** 80 % actual warns with a fifth of the month's budget left; 100 % actual and forecasted say it is (or will be) spent. */
  public static readonly DEFAULT_THRESHOLDS: readonly BudgetThreshold[] = [
    { percent: 80, type: "ACTUAL" },
    { percent: 100, type: "ACTUAL" },
    { percent: 100, type: "FORECASTED" },
  ];
  /** The currency when none is given. */
  public static readonly DEFAULT_CURRENCY = "USD";

  /** The monthly cost budget. */
  public readonly budget: BudgetsBudget;
  /** The ECS cost budget, when `fargate` is set. */
  public readonly fargateBudget?: BudgetsBudget;
  /** The limit's currency. */
  public readonly currency: string;

  constructor(scope: Construct, id: string, props: EnvironmentBudgetProps) {
    super(scope, id);
    // monthlyLimit and costAllocationTag have their own checks below, with messages that say what a budget needs.
    checkRequiredProps(this, "EnvironmentBudgetProps", props, { name: K.string });
    const currency = props.currency ?? EnvironmentBudget.DEFAULT_CURRENCY;
    const thresholds = props.thresholds ?? EnvironmentBudget.DEFAULT_THRESHOLDS;
    const emails = props.emailAddresses ?? [];
    checkName(this, "BUDGET_NAME", "name", props.name, BUDGET_NAME);
    if (!isToken(props.name) && props.name.length > BUDGET_NAME.maxLength - "-fargate".length && props.fargate) {
      fail(this, {
        code: "BUDGET_NAME",
        property: "name",
        value: props.name,
        allowed: `at most ${BUDGET_NAME.maxLength - 8} characters, leaving room for -fargate`,
      });
    }
    checkLimit(this, "monthlyLimit", props.monthlyLimit);
    if (!isToken(currency) && !/^[A-Z]{3}$/.test(currency)) {
      fail(this, {
        code: "BUDGET_CURRENCY",
        property: "currency",
        value: currency,
        allowed: "a three-letter ISO 4217 currency code such as USD",
      });
    }
    checkTagFilter(this, props.costAllocationTag);
    checkThresholds(this, "thresholds", thresholds);
    if (emails.length > MAX_EMAILS) {
      fail(this, {
        code: "BUDGET_EMAILS",
        property: "emailAddresses",
        value: emails.length,
        allowed: `at most ${MAX_EMAILS} addresses (AWS Budgets' limit per notification)`,
      });
    }
    emails.forEach((email, i) => {
      if (!isToken(email) && !EMAIL.test(email)) {
        fail(this, {
          code: "BUDGET_EMAIL",
          property: `emailAddresses[${i}]`,
          value: email,
          allowed: "an e-mail address such as finance@example.com",
        });
      }
    });
    checkUnique(
      this,
      "BUDGET_EMAIL_DUPLICATE",
      "emailAddresses",
      emails.map((e) => e.toLowerCase()),
    );
    if (props.topic === undefined && emails.length === 0) {
      fail(this, {
        code: "BUDGET_NO_SUBSCRIBER",
        property: "topic",
        value: undefined,
        allowed: "a topic, e-mail addresses or both (a budget nobody hears about guards nothing)",
      });
    }
    if (props.fargate) {
      checkLimit(this, "fargate.monthlyLimit", props.fargate.monthlyLimit);
      if (props.fargate.thresholds) checkThresholds(this, "fargate.thresholds", props.fargate.thresholds);
    }
    checkTags(this, "tags", props.tags);
    this.currency = currency;

    props.topic?.allowPublish({ servicePrincipal: "budgets.amazonaws.com" });
    const tagFilter = {
      name: "TagKeyValue",
      // Cost Explorer names user-defined tags `user:<key>` and a key/value pair `<key>$<value>`.
      values: props.costAllocationTag.values.map((value) => `user:${props.costAllocationTag.key}$${value}`),
    };
    const notification = (threshold: BudgetThreshold): BudgetsBudgetNotification => ({
      comparisonOperator: "GREATER_THAN",
      threshold: threshold.percent,
      thresholdType: "PERCENTAGE",
      notificationType: threshold.type,
      subscriberEmailAddresses: emails.length > 0 ? [...emails] : undefined,
      subscriberSnsTopicArns: props.topic ? [props.topic.topicArn] : undefined,
    });
    this.budget = new BudgetsBudget(this, "Resource", {
      name: props.name,
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: String(props.monthlyLimit),
      limitUnit: currency,
      costFilter: [tagFilter],
      notification: thresholds.map(notification),
      tags: props.tags,
    });
    if (props.fargate) {
      this.fargateBudget = new BudgetsBudget(this, "Fargate", {
        name: `${props.name}-fargate`,
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: String(props.fargate.monthlyLimit),
        limitUnit: currency,
        costFilter: [tagFilter, { name: "Service", values: [ECS_SERVICE] }],
        notification: (props.fargate.thresholds ?? thresholds).map(notification),
        tags: props.tags,
      });
    }
  }
}

function checkLimit(scope: Construct, property: string, value: number): void {
  if (isToken(value)) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || Math.round(value * 100) !== value * 100) {
    fail(scope, { code: "BUDGET_LIMIT", property, value, allowed: "a positive amount with at most two decimals" });
  }
}

function checkTagFilter(scope: Construct, filter: CostAllocationTagFilter | undefined): void {
  if (
    filter === undefined ||
    typeof filter.key !== "string" ||
    filter.key.length === 0 ||
    filter.key.length > 128 ||
    filter.key.includes("$")
  ) {
    fail(scope, {
      code: "BUDGET_TAG",
      property: "costAllocationTag.key",
      value: filter?.key,
      allowed: "a tag key of 1 to 128 characters without $",
    });
  }
  if (!Array.isArray(filter.values)) {
    fail(scope, { code: "BUDGET_TAG", property: "costAllocationTag.values", value: filter.values, allowed: "a list of tag values" });
  }
  checkNotEmpty(scope, "BUDGET_TAG", "costAllocationTag.values", filter.values);
  filter.values.forEach((v, i) => {
    if (typeof v !== "string" || v.length > 256) {
      fail(scope, {
        code: "BUDGET_TAG",
        property: `costAllocationTag.values[${i}]`,
        value: v,
        allowed: "a tag value of at most 256 characters",
      });
    }
  });
}

function checkThresholds(scope: Construct, property: string, thresholds: readonly BudgetThreshold[]): void {
  checkNotEmpty(scope, "BUDGET_THRESHOLDS", property, thresholds);
  if (thresholds.length > MAX_NOTIFICATIONS) {
    fail(scope, {
      code: "BUDGET_THRESHOLDS",
      property,
      value: thresholds.length,
      allowed: `at most ${MAX_NOTIFICATIONS} thresholds (AWS Budgets' limit of notifications per budget)`,
    });
  }
  thresholds.forEach((t, i) => {
    checkNumberRange(scope, "BUDGET_THRESHOLD", `${property}[${i}].percent`, t.percent, 1, 1000);
    checkOneOf(scope, "BUDGET_THRESHOLD", `${property}[${i}].type`, t.type, ["ACTUAL", "FORECASTED"]);
  });
  checkUnique(
    scope,
    "BUDGET_THRESHOLD_DUPLICATE",
    property,
    thresholds.map((t) => `${t.type} ${t.percent}%`),
  );
}
