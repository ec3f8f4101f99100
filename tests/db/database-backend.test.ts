import mongoose, { Schema } from 'mongoose';
import { useTestDatabase } from '../support/database';

/**
 * Proves the database the resolver picked (the offline stand-in in our CI) does what the code
 * relies on with the pinned Mongoose major: handshake, unique indexes, conditional updates, aggregation.
 */
useTestDatabase();

const Team = mongoose.model('ProbeTeam', new Schema({ name: { type: String, unique: true } }));
const Member = mongoose.model(
  'ProbeMember',
  new Schema({ team: { type: Schema.Types.ObjectId, ref: 'ProbeTeam' }, status: String, hours: Number }),
);

describe('database backend', () => {
  it('when connected then the handshake reports a server Mongoose accepts', async () => {
    const hello = await mongoose.connection.db!.admin().command({ isMaster: 1 });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(process.env.TEST_DATABASE_BACKEND).toMatch(/^(uri|memory-server|standin)$/);
  });

  it('when a unique index exists then a duplicate insert fails with E11000', async () => {
    await Team.createIndexes();
    const indexes = await Team.collection.indexes();
    expect(indexes.some((i) => i.unique === true && i.key.name === 1)).toBe(true);
    await Team.create({ name: 'Ops' });
    await expect(Team.create({ name: 'Ops' })).rejects.toMatchObject({ code: 11000 });
  });

  it('when twenty conditional updates race then exactly one wins', async () => {
    const member = await Member.create({ status: 'pending', hours: 0 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        Member.findOneAndUpdate(
          { _id: member._id, status: 'pending' },
          { status: 'approved', hours: i },
          { returnDocument: 'after' },
        ),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('when aggregating with $lookup and $group then totals per team come back', async () => {
    const [red, blue] = await Team.create([{ name: 'Red' }, { name: 'Blue' }]);
    await Member.create([
      { team: red!._id, status: 'x', hours: 3 },
      { team: red!._id, status: 'x', hours: 4 },
      { team: blue!._id, status: 'x', hours: 5 },
    ]);
    const rows = await Member.aggregate<{ _id: string; total: number }>([
      { $match: { status: 'x' } },
      { $lookup: { from: Team.collection.name, localField: 'team', foreignField: '_id', as: 'team' } },
      { $unwind: '$team' },
      { $group: { _id: '$team.name', total: { $sum: '$hours' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'Blue', total: 5 },
      { _id: 'Red', total: 7 },
    ]);
  });
});
