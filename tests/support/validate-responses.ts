import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Response } from 'superagent';
import Test from 'supertest/lib/test';
import type { buildApp as BuildApp } from '../../src/app';
import { OpenApiResponseValidator } from './openapi-responses';

/**
 * Every response a test receives through supertest is checked against the OpenAPI document: an
 * undocumented status, content type or body shape fails the request that produced it, with a message
 * naming the operation. The document is the one the app serves.
 */
type Callback = (err: Error | null, res: Response) => void;
type Assert = (this: Test, resError: Error | null, res: Response | undefined, fn?: Callback) => void;

let validator: OpenApiResponseValidator | undefined;
let checked = 0;

/**
 * Loaded at the first response, not at setup: some tests set configuration that models read when
 * they load, and they must be able to do that before the app's modules are imported.
 */
function validatorForApp(): OpenApiResponseValidator {
  if (!validator) {
    const { buildApp } = jest.requireActual<{ buildApp: typeof BuildApp }>('../../src/app');
    validator = new OpenApiResponseValidator(buildApp().document);
  }
  return validator;
}

type End = (this: Test, fn?: Callback) => Test;
const prototype = Test.prototype as unknown as { assert: Assert; end: End };
const originalAssert = prototype.assert;
const originalEnd = prototype.end;
let sent = 0;

// Counts requests independently of the check, so a supertest change that stops calling `assert`
// (and with it every check) fails the file instead of silently checking nothing.
prototype.end = function countSent(fn) {
  sent++;
  return originalEnd.call(this, fn);
};

prototype.assert = function assertMatchesDocument(resError, res, fn) {
  const problem = res
    ? validatorForApp().check({
        method: (this as unknown as { method: string }).method,
        url: this.url,
        status: res.status,
        contentType: res.headers['content-type'],
        headers: res.headers,
        body: res.body as unknown,
        text: res.text,
      })
    : undefined;
  if (res) checked++;
  if (!problem) return originalAssert.call(this, resError, res, fn);
  return originalAssert.call(this, resError, res, (err, r) =>
    fn?.call(this, err ?? new Error(`Response does not match the OpenAPI document: ${problem}`), r),
  );
};

afterAll(() => {
  if (sent > 0 && checked === 0) {
    throw new Error(`${sent} request(s) were sent but no response was checked against the OpenAPI document`);
  }
  // A figure for docs/security.md: how many responses this run checked.
  const dir = path.resolve(__dirname, '../../test-results');
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, 'openapi-responses.log'), `${checked}\n`);
});
