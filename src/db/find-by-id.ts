import { Types } from 'mongoose';

/** Any Mongoose model: all this needs is `findById(...).lean()`. */
interface FindsById {
  findById(id: string): { lean<T>(): PromiseLike<T | null> };
}

/** A lean document by id, or null when the id is not an ObjectId or nothing has it (never a CastError). */
export async function findLeanById<T>(model: FindsById, id: string): Promise<T | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return model.findById(id).lean<T>();
}
