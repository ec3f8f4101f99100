export { reportRoutes } from './reports.routes';
export { payrollExportRoutes } from './payroll-export.routes';
