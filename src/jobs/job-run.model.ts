import { Schema, model } from 'mongoose';

/**
 * One document per job and day. Its unique index lets one instance create it; from then on the
 * run is leased (`owner`, `leaseUntil`, see db/lease.ts): the holder renews the lease while the job
 * runs, and a run whose holder died (lease expired, status still `running`) is taken over by the
 * next instance that ticks. `done` is written once, by the holder that completed it.
 */
const jobRunSchema = new Schema(
  {
    job: { type: String, required: true },
    runKey: { type: String, required: true },
    status: { type: String, enum: ['running', 'done'], required: true, default: 'running' },
    owner: { type: String },
    leaseUntil: { type: Date },
    attempts: { type: Number, default: 1 },
    lastError: { type: String },
    startedAt: { type: Date, required: true, default: () => new Date() },
    finishedAt: { type: Date },
    summary: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);

jobRunSchema.index({ job: 1, runKey: 1 }, { unique: true });
jobRunSchema.index({ startedAt: 1 }, { expireAfterSeconds: 400 * 24 * 60 * 60 });

export const JobRun = model('JobRun', jobRunSchema);
