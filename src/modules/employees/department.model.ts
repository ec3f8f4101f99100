import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

const departmentSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    /** Lower-cased name: department names are unique regardless of case. */
    nameKey: { type: String, required: true },
    code: { type: String, trim: true },
    description: { type: String, trim: true },
    headId: { type: Schema.Types.ObjectId, ref: 'Employee' },
    /** Most members away on approved leave on one day (approval beyond it needs an admin's override). */
    maxAbsent: { type: Number, min: 1 },
  },
  { timestamps: true, versionKey: false },
);

departmentSchema.index({ nameKey: 1 }, { unique: true });
// sparse, not partialFilterExpression: the offline stand-in ignores partial filters.
departmentSchema.index({ code: 1 }, { unique: true, sparse: true });

export type DepartmentRecord = InferSchemaType<typeof departmentSchema>;
export const Department = model('Department', departmentSchema);
