export { reportRoutes, REPORT_SCHEMAS } from './reports.routes';
