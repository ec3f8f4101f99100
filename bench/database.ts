/**
 * Connection options every bench connection uses: the stand-in holds gigabytes in its heap and one
 * full garbage collection can pause it for longer than the driver's 10 s check, which would abort
 * the seed or the requests in flight (seen once while seeding the reports' company).
 */
export const BENCH_CONNECTION = { connectTimeoutMS: 120_000 } as const;
