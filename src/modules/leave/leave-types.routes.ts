import { crudRoutes } from '../../http/crud-routes';
import type { RouteDefinition } from '../../http/routes';
import { ADMIN_ONLY, ANY_ROLE } from '../../lib/roles';
import * as types from './leave-types.controller';
import {
  HolidayCreateBody,
  HolidayList,
  HolidayListQuery,
  HolidayShape,
  HolidayUpdateBody,
  LeaveTypeCreateBody,
  LeaveTypeList,
  LeaveTypeListQuery,
  LeaveTypeShape,
  LeaveTypeUpdateBody,
} from './leave-types.schemas';

export const leaveTypeRoutes: RouteDefinition[] = [
  ...crudRoutes({
    path: '/api/v1/leave-types',
    tag: 'Leave types',
    noun: 'leave type',
    operationNoun: { one: 'LeaveType', many: 'LeaveTypes' },
    shapes: {
      item: LeaveTypeShape,
      create: LeaveTypeCreateBody,
      update: LeaveTypeUpdateBody,
      listQuery: LeaveTypeListQuery,
      list: LeaveTypeList,
    },
    readAccess: ANY_ROLE,
    writeAccess: ADMIN_ONLY,
    entityTag: true,
    handlers: {
      create: types.createLeaveTypeHandler,
      list: types.listLeaveTypesHandler,
      get: types.getLeaveTypeHandler,
      update: types.updateLeaveTypeHandler,
      remove: types.deleteLeaveTypeHandler,
    },
    docs: {
      create: {
        example: {
          code: 'ANNUAL',
          name: 'Annual leave',
          annualEntitlement: 25,
          accrual: 'monthly',
          carryOverMax: 5,
          carryOverExpiryMonths: 3,
        },
      },
      list: { summary: 'List leave types (active ones; admins may add includeInactive=true)' },
      update: { summary: 'Update a leave type (applies to future requests and accruals)' },
      remove: { summary: 'Delete a leave type, or deactivate it once requests use it' },
    },
  }),
  ...crudRoutes({
    path: '/api/v1/holidays',
    tag: 'Holidays',
    noun: 'holiday',
    operationNoun: { one: 'Holiday', many: 'Holidays' },
    shapes: {
      item: HolidayShape,
      create: HolidayCreateBody,
      update: HolidayUpdateBody,
      listQuery: HolidayListQuery,
      list: HolidayList,
    },
    readAccess: ANY_ROLE,
    writeAccess: ADMIN_ONLY,
    handlers: {
      create: types.createHolidayHandler,
      list: types.listHolidaysHandler,
      get: types.getHolidayHandler,
      update: types.updateHolidayHandler,
      remove: types.deleteHolidayHandler,
    },
    docs: {
      create: {
        summary: 'Add a holiday (to the company calendar "default" or a regional one)',
        example: { date: '2026-12-25', name: 'Christmas Day' },
      },
      list: { summary: 'Holidays of a year (default: this year), all calendars or one' },
    },
  }),
];
