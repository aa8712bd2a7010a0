export * from './notification';
export { notificationId } from './notification-id';
