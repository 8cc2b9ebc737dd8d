// Drives the web console in Debian's Chromium through a real identity provider (Keycloak):
// an unauthenticated visitor is sent to sign in; an operator signs in, loads a model, sets a
// parameter (with the confirmation step), runs it, watches progress reach 100 %, sees the plot,
// downloads the CSV and signs out (also at the identity provider); a viewer sees no run button
// and the server refuses the run anyway; an admin reads the audit trail. axe-core checks every
// console page (no serious or critical violations); each page is saved as a screenshot.
//
// Environment: CONSOLE_URL (e.g. http://127.0.0.1:8000), SCREENSHOT_DIR, CHROMIUM (default
// /usr/bin/chromium), OPERATOR, VIEWER, ADMIN as "user:password", MODEL_FILE, SIMULATION_ID.
// Prints one JSON line with what it saw; exits 1 with the reason on the first failure.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = required('CONSOLE_URL');
const shots = required('SCREENSHOT_DIR');
const [operator, operatorPassword] = required('OPERATOR').split(':');
const [viewer, viewerPassword] = required('VIEWER').split(':');
const [admin, adminPassword] = required('ADMIN').split(':');
const modelFile = required('MODEL_FILE');
const simulationId = required('SIMULATION_ID');
const TIMEOUT = 60_000;
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;

function required(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`environment variable ${name} is required`);
  }
  return v;
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

mkdirSync(shots, { recursive: true });
const report = { pages: [], axe: {}, urls: 0 };
const visitors = [];
let shotNumber = 0;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic', '--no-first-run', '--disable-dev-shm-usage'],
});

/** A fresh browser profile that records every URL and every console error (CSP violations among them). */
async function newVisitor(label) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const visitor = { label, context, page, urls: [], errors: [] };
  visitors.push(visitor);
  page.on('request', (r) => visitor.urls.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') visitor.errors.push(m.text()); });
  page.on('pageerror', (e) => visitor.errors.push(String(e)));
  return visitor;
}

/** Checks one console page: accessibility, no token in its source, then a screenshot. */
async function inspect(visitor, name) {
  const { page } = visitor;
  await page.waitForLoadState('load');
  check(page.url().startsWith(base + '/console'), `${name}: expected a console page, got ${page.url()}`);
  const html = await page.content();
  check(!JWT.test(html), `${name}: the page source contains a token`);
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  report.axe[name] = axe.violations.map((v) => `${v.id}:${v.impact}`);
  check(bad.length === 0, `${name}: accessibility violations ${JSON.stringify(bad.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })))}`);
  shotNumber += 1;
  const file = join(shots, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  report.pages.push(name);
}

async function signInThroughIdentityProvider(visitor, user, password) {
  const { page } = visitor;
  await page.goto(base + '/console/sign-in');
  await page.click('#sign-in-oidc');
  await page.waitForSelector('#username');
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(base + '/console/models'), page.click('#kc-login')]);
  check((await page.locator('#signed-in-as').count()) === 1, `${user} is signed in`);
}

function checkVisitor(visitor) {
  for (const u of visitor.urls) {
    check(!JWT.test(u) && !/access_token|id_token|refresh_token/.test(u), `${visitor.label}: a URL carries a token: ${u}`);
  }
  report.urls += visitor.urls.length;
  const csp = visitor.errors.filter((e) => /Content Security Policy|Refused to/.test(e));
  check(csp.length === 0, `${visitor.label}: the page broke its Content-Security-Policy: ${csp.join(' | ')}`);
}

try {
  // 1. An unauthenticated visitor is sent to sign in.
  const stranger = await newVisitor('stranger');
  await stranger.page.goto(base + '/console/jobs');
  check(stranger.page.url().startsWith(base + '/console/sign-in'), `unauthenticated visitor landed on ${stranger.page.url()}`);
  await inspect(stranger, 'sign-in');
  checkVisitor(stranger);
  await stranger.context.close();

  // 2. The operator signs in through Keycloak and works through a simulation.
  const olga = await newVisitor('operator');
  const { page } = olga;
  await signInThroughIdentityProvider(olga, operator, operatorPassword);
  check((await page.textContent('#signed-in-as')).includes('operator'), 'operator role shown');
  await inspect(olga, 'models');

  const row = page.locator('tr', { has: page.locator('code', { hasText: modelFile }) });
  await row.locator('input[name="simulationId"]').fill(simulationId);
  await row.locator('button[type="submit"]').click();
  await page.waitForSelector('#confirm');
  await inspect(olga, 'confirm-load');
  await Promise.all([page.waitForURL(`${base}/console/simulations/${simulationId}`), page.click('#confirm')]);
  await inspect(olga, 'simulation');

  await page.fill('#pattern', 'Organism|Central|*');
  await Promise.all([page.waitForURL(/pattern=/), page.click('form[role="search"] button')]);
  check((await page.textContent('#parameters')).includes('Organism|Central|Volume'), 'wildcard search finds the volume');
  await page.fill('#parameterPath', 'Organism|Central|Volume');
  await page.fill('#value', '20000');
  await page.fill('#unit', 'ml');
  await page.fill('#comment', 'browser test');
  await page.click('#set');
  await page.waitForSelector('#confirm');
  const facts = await page.textContent('dl.facts');
  check(facts.includes('20000 ml') && facts.includes('revision 2'), `confirmation shows the change: ${facts}`);
  await inspect(olga, 'confirm-set');
  await Promise.all([page.waitForURL(/simulations\/.+pattern=/), page.click('#confirm')]);
  check((await page.textContent('#revision')).trim() === '2', 'the change made revision 2');
  check((await page.textContent('#parameters')).includes('20.0'), 'the volume reads 20 l');

  await page.click('#run');
  await page.waitForSelector('#confirm');
  await Promise.all([page.waitForURL(/\/console\/jobs\/[0-9a-f-]+$/), page.click('#confirm')]);
  const jobUrl = page.url();
  await page.waitForFunction(() => document.getElementById('progress-text')?.textContent.trim() === '100 %', null, { timeout: TIMEOUT });
  await page.waitForSelector('#results-link');
  check((await page.textContent('#job-state')).trim() === 'succeeded', 'job succeeded');
  report.progress = await page.textContent('#progress-text');
  await inspect(olga, 'run');

  await Promise.all([page.waitForURL(/\/console\/results\//), page.click('#results-link')]);
  await page.waitForFunction(() => {
    const img = document.getElementById('plot');
    return img && img.complete && img.naturalWidth > 0;
  });
  report.plotWidth = await page.evaluate(() => document.getElementById('plot').naturalWidth);
  check(report.plotWidth >= 600, `the plot image is ${report.plotWidth} px wide`);
  check((await page.locator('#pk tbody tr').count()) > 0, 'the PK table has rows');
  check((await page.locator('#values tbody tr').count()) > 1, 'the values table has rows');
  await inspect(olga, 'results');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const header = csv.split(/\r?\n/)[0];
  check(header.startsWith('"Time [min]"') && header.includes('Organism|Central|Drug|Concentration'), `CSV header: ${header}`);
  report.csvRows = csv.trim().split(/\r?\n/).length - 1;
  check(report.csvRows > 10, `CSV has ${report.csvRows} rows`);

  await page.goto(base + '/console/jobs');
  check((await page.textContent('#jobs')).includes(jobUrl.split('/').pop()), 'my jobs lists the run');
  await inspect(olga, 'jobs');

  await Promise.all([page.waitForURL(/\/console\/sign-in\?signed-out/), page.click('#sign-out')]);
  await page.goto(base + '/console/models');
  check(page.url().startsWith(base + '/console/sign-in'), 'after sign-out the console asks to sign in');
  await page.click('#sign-in-oidc');
  await page.waitForSelector('#username'); // the identity provider's session ended too
  report.signedOutAtIdentityProvider = true;
  checkVisitor(olga);
  await olga.context.close();

  // 3. A viewer sees no run or set controls, and the server refuses a forged run.
  const victor = await newVisitor('viewer');
  await signInThroughIdentityProvider(victor, viewer, viewerPassword);
  await victor.page.goto(`${base}/console/simulations/${simulationId}`);
  check((await victor.page.locator('#run').count()) === 0, 'viewer sees no run button');
  check((await victor.page.locator('#set').count()) === 0, 'viewer sees no set form');
  await inspect(victor, 'simulation-viewer');
  const csrf = await victor.page.getAttribute('input[name="_csrf"]', 'value');
  const forged = await victor.page.request.post(`${base}/console/simulations/${simulationId}/run`,
    { form: { _csrf: csrf, confirm: 'yes' }, maxRedirects: 0 });
  report.viewerRunStatus = forged.status();
  check(forged.status() === 403, `the viewer's run answered ${forged.status()}`);
  checkVisitor(victor);
  await victor.context.close();

  // 4. An admin reads the audit trail with its verification status.
  const ada = await newVisitor('admin');
  await signInThroughIdentityProvider(ada, admin, adminPassword);
  await ada.page.click('a[href="/console/audit"]');
  await ada.page.waitForSelector('#audit-verdict');
  report.auditVerdict = (await ada.page.textContent('#audit-verdict')).trim();
  check(report.auditVerdict.startsWith('Verified'), `audit verdict: ${report.auditVerdict}`);
  await inspect(ada, 'audit');
  checkVisitor(ada);
  await ada.context.close();

  console.log(JSON.stringify({ ok: true, ...report }));
} catch (e) {
  // Where each open page stood, for the failure message and a last screenshot.
  const where = [];
  for (const v of visitors) {
    if (v.page.isClosed()) {
      continue;
    }
    const main = await v.page.textContent('main').catch(() => '');
    where.push({ visitor: v.label, url: v.page.url(), main: (main || '').slice(0, 400), errors: v.errors });
    await v.page.screenshot({ path: join(shots, `failure-${v.label}.png`), fullPage: true }).catch(() => {});
  }
  console.log(JSON.stringify({ ok: false, error: String(e && e.message || e), where, ...report }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
