import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import { makePerson } from '../support/factories';

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

describe('Swagger UI in a browser', () => {
  browserTest(
    'when an admin authorizes with a token and executes GET /auth/me then the page shows 200',
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

        await page.locator('button.authorize').first().click();
        await page.locator('.modal-ux input[type="text"]').first().fill(admin.token);
        await page.locator('.modal-ux button.authorize').first().click();
        await page.locator('.modal-ux button.btn-done').first().click();

        const operation = page.locator('#operations-Auth-get_api_v1_auth_me');
        await operation.locator('.opblock-summary').click();
        await operation.locator('button.try-out__btn').click();
        await operation.locator('button.execute').click();
        const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
        await status.waitFor({ timeout: 20_000 });
        expect((await status.innerText()).trim()).toBe('200');

        await status.scrollIntoViewIfNeeded();
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, 'swagger-ui.png'), fullPage: false });
      } finally {
        await browser.close();
      }
    },
    90_000,
  );
});
