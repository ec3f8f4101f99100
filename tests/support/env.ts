// Every test process runs with the test profile: quiet logs, fast bcrypt floor, no demo seed.
process.env.NODE_ENV = 'test';
process.env.BCRYPT_COST = '10';
