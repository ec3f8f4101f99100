/**
 * How Jest turns TypeScript into CommonJS for both configurations: SWC, transpile only (type-checking
 * is done once by `tsc --noEmit` in `npm test`). A fresh clone's cold cache transpiles every file once;
 * SWC does it several times faster than ts-jest did.
 */
module.exports = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};
