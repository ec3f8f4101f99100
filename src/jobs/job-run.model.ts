import { Schema, model } from 'mongoose';

/**
 * One document per job and day. Its unique index is the scheduler's lock: of several instances
 * ticking at once, only the one whose insert succeeds runs the job that day.
 */
const jobRunSchema = new Schema(
  {
    job: { type: String, required: true },
    runKey: { type: String, required: true },
    status: { type: String, enum: ['running', 'done'], required: true, default: 'running' },
    owner: { type: String, required: true },
    startedAt: { type: Date, required: true, default: () => new Date() },
    finishedAt: { type: Date },
    summary: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);

jobRunSchema.index({ job: 1, runKey: 1 }, { unique: true });
jobRunSchema.index({ startedAt: 1 }, { expireAfterSeconds: 400 * 24 * 60 * 60 });

export const JobRun = model('JobRun', jobRunSchema);
