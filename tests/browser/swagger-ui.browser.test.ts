import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import { PASSWORD, makePerson } from '../support/factories';
import { makeLeaveType } from '../support/leave-factories';
import { submitLeaveRequest } from '../../src/modules/leave/leave-requests.service';

/**
 * A real browser on Swagger UI: Debian's Chromium (installed by .ci/run; no browser download),
 * driven by playwright-core. Without /usr/bin/chromium the test is skipped and says why.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-results');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  process.stderr.write(`Skipping the Swagger UI browser test: ${CHROMIUM} is not installed\n`);
const browserTest = hasChromium ? it : it.skip;

useTestDatabase();
let server: Server;
let base: string;

beforeAll(async () => {
  server = testApp().listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** An operation block found by its method and path, whatever its DOM id (operationIds change ids). */
function operationBlock(page: Page, method: string, apiPath: string) {
  return page.locator(`.opblock-${method}:has(.opblock-summary-path[data-path="${apiPath}"])`).first();
}

async function execute(page: Page, method: string, apiPath: string, body?: object) {
  const operation = operationBlock(page, method, apiPath);
  await operation.locator('.opblock-summary').click();
  const tryOut = operation.locator('button.try-out__btn');
  if ((await tryOut.count()) > 0 && (await tryOut.innerText()).includes('Try it out')) await tryOut.click();
  if (body) await operation.locator('textarea.body-param__text').fill(JSON.stringify(body));
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
  await status.waitFor({ timeout: 20_000 });
  return { operation, status: (await status.innerText()).trim(), statusCell: status };
}

describe('Swagger UI in a browser', () => {
  browserTest(
    'when an admin signs in through POST /auth/login on the page then GET /auth/me is authorized without copying a token',
    async () => {
      const admin = await makePerson('admin');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage();
        await page.goto(`${base}/docs/`);
        await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });

        // Auth comes first and Operations last; a filter box narrows the list.
        const tagNames = await page.locator('.opblock-tag-section .opblock-tag').allInnerTexts();
        expect(tagNames[0]).toMatch(/^Auth/);
        expect(tagNames[tagNames.length - 1]).toMatch(/^Operations/);
        await expect(page.locator('.operation-filter-input').count()).resolves.toBe(1);

        const login = await execute(page, 'post', '/api/v1/auth/login', {
          email: admin.email,
          password: PASSWORD,
        });
        expect(login.status).toBe('200');

        const me = await execute(page, 'get', '/api/v1/auth/me');
        expect(me.status).toBe('200');
        await expect(me.operation.locator('.live-responses-table').innerText()).resolves.toContain(
          admin.email,
        );

        await me.statusCell.scrollIntoViewIfNeeded();
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, 'swagger-ui.png'), fullPage: false });
      } finally {
        await browser.close();
      }
    },
    90_000,
  );

  browserTest(
    'when an admin picks a PDF in the upload form of POST /leave-requests/{id}/attachments and executes then the page shows 201',
    async () => {
      const admin = await makePerson('admin');
      const person = await makePerson('employee');
      const type = await makeLeaveType({ noticeDays: 0 });
      const leave = await submitLeaveRequest(
        { id: admin.userId, role: 'admin' },
        {
          employeeId: person.employee!.id,
          leaveTypeId: type.id,
          startDate: '2027-03-01',
          endDate: '2027-03-02',
        },
      );
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu'],
      });
      try {
        const page = await browser.newPage();
        await page.goto(`${base}/docs/`);
        await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });
        const login = await execute(page, 'post', '/api/v1/auth/login', {
          email: admin.email,
          password: PASSWORD,
        });
        expect(login.status).toBe('200');

        const operation = operationBlock(page, 'post', '/api/v1/leave-requests/{id}/attachments');
        await operation.locator('.opblock-summary').click();
        const tryOut = operation.locator('button.try-out__btn');
        if ((await tryOut.count()) === 1 && (await tryOut.innerText()).includes('Try it out'))
          await tryOut.click();
        await operation.locator('tr[data-param-name="id"] input').fill(leave.id);
        await operation.locator('input[type="file"]').setInputFiles({
          name: 'sick-note.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
        });
        await operation.locator('button.execute').click();
        const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
        await status.waitFor({ timeout: 20_000 });
        expect((await status.innerText()).trim()).toBe('201');
        await status.scrollIntoViewIfNeeded();
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, 'swagger-ui-upload.png'), fullPage: false });
      } finally {
        await browser.close();
      }
    },
    90_000,
  );
});
