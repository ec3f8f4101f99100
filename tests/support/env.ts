// Every test process runs with the test profile: quiet logs, the cheapest bcrypt work factor (4, allowed only in the test profile), no demo seed.
process.env.NODE_ENV = 'test';
process.env.BCRYPT_COST = '4';
