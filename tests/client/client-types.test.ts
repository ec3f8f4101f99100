import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { buildApp } from '../../src/app';

/**
 * Generates TypeScript types from the served document with openapi-typescript (as `npm run client`
 * does) and compiles a small client against them, so a breaking change in the document fails here.
 */
const ROOT = path.resolve(__dirname, '../..');
const GENERATOR = path.join(ROOT, 'node_modules', '.bin', 'openapi-typescript');

function compileClientAgainst(document: object): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'client-types-'));
  writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document));
  execFileSync(GENERATOR, [path.join(dir, 'openapi.json'), '-o', path.join(dir, 'api.ts')], {
    stdio: 'pipe',
  });
  copyFileSync(path.join(__dirname, 'sample-client.ts'), path.join(dir, 'sample-client.ts'));
  const program = ts.createProgram([path.join(dir, 'sample-client.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('typed client', () => {
  const { document } = buildApp();

  it('when the types are generated from the document then the sample client compiles', () => {
    expect(compileClientAgainst(document)).toEqual([]);
  }, 60_000);

  it('when the document renames a field a client uses then the client no longer compiles', () => {
    const broken = JSON.parse(JSON.stringify(document)) as {
      components: { schemas: { Employee: { properties: Record<string, unknown>; required: string[] } } };
    };
    const employee = broken.components.schemas.Employee;
    employee.properties.code = employee.properties.employeeCode;
    delete employee.properties.employeeCode;
    employee.required = employee.required.map((f) => (f === 'employeeCode' ? 'code' : f));
    expect(compileClientAgainst(broken).join('\n')).toMatch(/employeeCode/);
  }, 60_000);
});
