import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';
import { trackUnfinishedWork } from '../../db/unfinished-work';
import { trackRosterWrites } from './roster-version.model';

export const EMPLOYEE_STATUSES = ['active', 'inactive'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

/** Fields an employee may change on their own record; everything else is an admin field. */
export const CONTACT_FIELDS = ['phone', 'address', 'emergencyContact'] as const;

const employeeSchema = new Schema(
  {
    employeeCode: { type: String, required: true, trim: true },
    firstName: { type: String, required: true, trim: true },
    lastName: { type: String, required: true, trim: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    phone: { type: String, trim: true },
    address: { type: String, trim: true },
    emergencyContact: {
      name: { type: String, trim: true },
      phone: { type: String, trim: true },
    },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department' },
    position: { type: String, trim: true },
    managerId: { type: Schema.Types.ObjectId, ref: 'Employee' },
    /** Calendar date `YYYY-MM-DD` (no time zone: a hire date is a day, not an instant). */
    hireDate: { type: String, required: true },
    /** IANA zone; absent means the company zone from configuration. */
    timezone: { type: String },
    /** ISO weekdays worked (Monday=1); absent means the company work week. */
    workWeek: { type: [Number], default: undefined },
    /** Own shift; absent fields fall back to the company shift from configuration. */
    schedule: {
      start: { type: String },
      end: { type: String },
      graceMinutes: { type: Number },
      breakMinutes: { type: Number },
    },
    /** Regional holiday calendar applied on top of the company-wide one ("default"). */
    holidayCalendar: { type: String, trim: true },
    status: { type: String, enum: EMPLOYEE_STATUSES, required: true, default: 'active' },
    deactivatedAt: { type: Date },
    anonymisedAt: { type: Date },
  },
  { timestamps: true, versionKey: false },
);

// Create, update and deactivate owe an audit entry and events after their write (employee-finishers.ts).
trackUnfinishedWork(employeeSchema);
// Every write moves the roster version on: ingest's roster cache depends on it.
trackRosterWrites(employeeSchema);

employeeSchema.index({ employeeCode: 1 }, { unique: true });
employeeSchema.index({ email: 1 }, { unique: true });
employeeSchema.index({ managerId: 1, status: 1 });
employeeSchema.index({ departmentId: 1, status: 1 });
employeeSchema.index({ status: 1, lastName: 1, firstName: 1 });

export type EmployeeRecord = InferSchemaType<typeof employeeSchema>;
export const Employee = model('Employee', employeeSchema);
