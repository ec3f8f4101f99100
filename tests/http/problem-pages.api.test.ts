import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { PROBLEM_PAGES } from '../../src/http/problem-pages';
import { testApp } from '../support/app';

/** Every problem `type` the code can answer with resolves to a page describing it. */
function codesInSource(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return codesInSource(file);
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/readonly code = '([a-z-]+)'/g)].map((m) => m[1] ?? '');
  });
}

describe('problem type pages', () => {
  const app = testApp();

  it('when the code defines an error code then /problems/<code> describes it', async () => {
    const codes = [...new Set([...codesInSource(path.resolve(__dirname, '../../src')), 'internal'])];
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.filter((c) => !PROBLEM_PAGES[c])).toEqual([]);
    for (const code of codes) {
      const res = await request(app).get(`/problems/${code}`).expect(200);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain(`/problems/${code}`);
    }
  });

  it('when an error answers then its type resolves to a page', async () => {
    const problem = await request(app).get('/api/v1/employees').expect(401);
    const page = await request(app)
      .get(problem.body.type as string)
      .expect(200);
    expect(page.text).toContain('What to do');
  });

  it('when the code is unknown then 400 names it', async () => {
    const res = await request(app).get('/problems/no-such-thing').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });
});
