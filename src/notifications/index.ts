export { NotificationTopic } from "./topic";
export type { INotificationTopic, NotificationTopicProps, TopicPublisher } from "./topic";
export { OperationalNotifications } from "./operational-notifications";
export type { NotificationEvents, OperationalNotificationsProps } from "./operational-notifications";
