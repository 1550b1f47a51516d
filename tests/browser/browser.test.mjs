// browser.test.mjs: drives Debian's Chromium (/usr/bin/chromium) through playwright-core against a
// running idtracker with the demo data (`idtracker init --demo`), the way a person would use it:
// sign in, read the profile and a working group's page, use a phone, mistype a password, sign out.
//
//   IDT_BASE_URL=http://127.0.0.1:41234 node tests/browser/browser.test.mjs
//
// IDT_BASE_URL        the server to test (required)
// IDT_SCREENSHOT_DIR  where the screenshots go (default: the repository's build/)
//
// A small runner, no framework: one `ok - ...` or `not ok - ...: reason` line per check, then
// `browser: N passed, N failed`; the exit status is 1 when a check failed. Without /usr/bin/chromium or
// playwright-core (npm install in tests/browser/) it prints `browser: skipped (reason)` and exits 0.
// No browser is ever downloaded. No timed assertions: the timeouts below only stop a hung run.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 15000;		/* one navigation or one element wait */
const RUN_TIMEOUT_MS = 180000;		/* the whole run: a hung browser must not hang CI */

const DEMO_EMAIL = 'secretariat@example.org';
const DEMO_PASSWORD = 'demo-password';
const DEMO_NAME = 'Robin Archer';
/* The wrong password goes to another demo account, so repeated runs against one server never
 * throttle the account the other checks sign in with. */
const WRONG_EMAIL = 'iab-chair@example.org';
const WRONG_SENTENCE = 'The e-mail address or the password is not right.';

const here = dirname(fileURLToPath(import.meta.url));
const shotDir = process.env.IDT_SCREENSHOT_DIR ? resolve(process.env.IDT_SCREENSHOT_DIR) : resolve(here, '../../build');

let passed = 0, failed = 0;

function pass(desc) {
	passed++;
	console.log(`ok - ${desc}`);
}

function fail(desc, reason) {
	failed++;
	console.log(`not ok - ${desc}: ${oneLine(reason)}`);
}

function oneLine(x) {
	/* Playwright's messages carry ANSI colours and a multi-line call log: keep the gist. */
	const s = (x instanceof Error ? x.message : String(x)).replace(/\x1b\[[0-9;]*m/g, '').split(/\n\s*Call log:/)[0];
	return s.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 3).join(' | ');
}

/* check(desc, fn): fn returns nothing (pass), a string (fail, the reason) or throws (fail). */
async function check(desc, fn) {
	try {
		const why = await fn();
		if (typeof why === 'string' && why !== '')
			fail(desc, why);
		else
			pass(desc);
	} catch (e) {
		fail(desc, e);
	}
}

function finish(code) {
	for (const n of notes)
		console.log(`# note: ${n}`);
	console.log(`browser: ${passed} passed, ${failed} failed`);
	process.exit(code ?? (failed > 0 ? 1 : 0));
}

function skip(reason) {
	console.log(`browser: skipped (${reason})`);
	finish(0);
}

/* Console errors, uncaught page errors, CSP violations and failed sub-resources, per page.
 * expect: statuses a document is meant to answer with (Chromium logs any 4xx document as a console
 * error, and a wrong password is a 401 on purpose). Chromium's own /favicon.ico request is not part
 * of the page; its 404 goes to notes, printed once as a `# note:` line. */
const notes = new Set();

function watch(page, sink, expect = []) {
	page.on('console', (m) => {
		if (m.type() !== 'error')
			return;
		const where = m.location()?.url || '';
		const loadFail = /^Failed to load resource: the server responded with a status of (\d+)/.exec(m.text());
		if (loadFail && where !== '') {
			const u = new URL(where);
			if (u.pathname === '/favicon.ico') {
				notes.add(`Chromium's request for /favicon.ico answered ${loadFail[1]}: the pages name no icon`);
				return;
			}
			if (expect.some((e) => e.path === u.pathname && e.status === Number(loadFail[1])))
				return;
		}
		sink.push(`console error on ${page.url()}: ${m.text()}${where ? ` (${where})` : ''}`);
	});
	page.on('pageerror', (e) => sink.push(`page error on ${page.url()}: ${e.message}`));
	page.on('requestfailed', (req) => {
		/* A navigation that a click replaces is reported as aborted, and so is a late icon or
		 * sub-resource the browser drops when the next page starts: neither is a fault of the page.
		 * Real failures (refused, reset, 4xx/5xx via 'response' below) still count. */
		const why = req.failure()?.errorText ?? '';
		if (req.resourceType() !== 'document' && why !== 'net::ERR_ABORTED')
			sink.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
	});
	page.on('response', (resp) => {
		/* Documents may answer 4xx on purpose (401 for a wrong password); their parts may not. */
		if (resp.request().resourceType() !== 'document' && resp.status() >= 400)
			sink.push(`${resp.status()} for ${resp.url()}`);
	});
}

/* Chromium reports CSP violations on the console too; this also catches any it would not. */
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', (e) =>
	console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));`;

async function newContext(browser, opts) {
	const ctx = await browser.newContext({ baseURL, ...opts });
	await ctx.addInitScript(CSP_LISTENER);
	ctx.setDefaultTimeout(STEP_TIMEOUT_MS);
	ctx.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
	return ctx;
}

/* Clicks a form's submit button and waits for the page the answer (or its redirect) brings. */
async function submit(page, button) {
	await Promise.all([
		page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
		button.click(),
	]);
	await page.waitForLoadState('load');
}

/* What the page's notice says, for a failure's reason. */
async function notice(page) {
	const n = page.locator('main .notice');
	return await n.count() > 0 ? `; the page says "${(await n.first().innerText()).trim()}"` : '';
}

function path(page) {
	return new URL(page.url()).pathname;
}

async function noHorizontalScroll(page) {
	const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
	if (m.sw > m.iw + 1) {
		const wide = await page.evaluate(() => {
			const out = [];
			for (const el of document.querySelectorAll('body *')) {
				const r = el.getBoundingClientRect();
				if (r.right > window.innerWidth + 1)
					out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).replace(/ /g, '.') : ''} (right ${Math.round(r.right)})`);
			}
			return out.slice(0, 3).join(', ');
		});
		return `scrollWidth ${m.sw} > innerWidth ${m.iw}; too wide: ${wide}`;
	}
}

// ---------------------------------------------------------------------------------------------

const baseURL = (process.env.IDT_BASE_URL || '').replace(/\/+$/, '');

try {
	accessSync(CHROMIUM, constants.X_OK);
} catch {
	skip(`${CHROMIUM} is missing: apt-get install chromium`);
}
let chromium;
try {
	({ chromium } = await import('playwright-core'));
} catch {
	skip('playwright-core is missing: run npm install in tests/browser/');
}
if (!/^https?:\/\/[^/]+$/.test(baseURL)) {
	fail('IDT_BASE_URL names the server', `got "${process.env.IDT_BASE_URL ?? ''}", want e.g. http://127.0.0.1:41234`);
	finish();
}
mkdirSync(shotDir, { recursive: true });

/* One quick look before starting a browser, so a server that is not there fails in a second. */
try {
	const resp = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
	if (resp.status !== 200)
		throw new Error(`GET /healthz answered ${resp.status}`);
	pass(`foundation: the server at ${baseURL} answers /healthz`);
} catch (e) {
	fail(`foundation: the server at ${baseURL} answers /healthz`, e.cause ? `${e.message} (${e.cause.code || e.cause.message})` : e);
	finish();
}

const watchdog = setTimeout(() => {
	fail('the run ends in time', `still running after ${RUN_TIMEOUT_MS / 1000} s`);
	finish(1);
}, RUN_TIMEOUT_MS);

let browser;
try {
	browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
} catch (e) {
	fail(`chromium starts (${CHROMIUM})`, e);
	finish();
}

try {
	await scenario();
} catch (e) {
	fail('the scenario runs to its end', e);
} finally {
	clearTimeout(watchdog);
	await browser.close().catch(() => {});
}
finish();

// ---------------------------------------------------------------------------------------------

async function scenario() {
	// A desktop visitor: sign in, profile, nav, a WG page, sign out.
	const problems = [];
	const ctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const page = await ctx.newPage();
	watch(page, problems);

	await check('foundation: the sign-in page has the e-mail and password fields', async () => {
		const resp = await page.goto('/accounts/login/');
		if (resp.status() !== 200)
			return `GET /accounts/login/ answered ${resp.status()}`;
		for (const sel of ['#email', '#password'])
			if (await page.locator(sel).count() !== 1)
				return `no ${sel}`;
		if (await page.locator('label[for=email]').count() !== 1 || await page.locator('label[for=password]').count() !== 1)
			return 'a field has no <label for>';
	});

	await check('foundation: site.css is served and applied under the CSP', async () => {
		const display = await page.locator('header.top').evaluate((el) => getComputedStyle(el).display);
		if (display !== 'flex')
			return `header.top has display ${display}, want flex (site.css not applied?)`;
	});

	await check('foundation: sign in lands on the profile', async () => {
		await page.fill('#email', DEMO_EMAIL);
		await page.fill('#password', DEMO_PASSWORD);
		await submit(page, page.getByRole('button', { name: 'Sign in', exact: true }));
		if (path(page) !== '/accounts/profile/')
			return `landed on ${page.url()}${await notice(page)}`;
	});

	let signedIn = path(page) === '/accounts/profile/';
	await check(`foundation: the profile's heading is the person's name (${DEMO_NAME})`, async () => {
		if (!signedIn)
			return `not on the profile but on ${page.url()}`;
		const h1 = (await page.locator('main h1').innerText()).trim();
		if (h1 !== DEMO_NAME)
			return `h1 is "${h1}"`;
	});

	await check('foundation: the profile lists the role Secretary with a link to /group/secretariat/', async () => {
		if (!signedIn)
			return 'not signed in';
		const roles = page.locator('#roles');
		if (await roles.count() !== 1)
			return 'no #roles list';
		const text = await roles.innerText();
		if (!text.includes('Secretary'))
			return `#roles reads "${text}"`;
		if (await roles.locator('a[href="/group/secretariat/"]').count() < 1)
			return 'no link to /group/secretariat/ in #roles';
	});

	await check('foundation: the profile lists the e-mail address as primary', async () => {
		if (!signedIn)
			return 'not signed in';
		const text = await page.locator('#emails').innerText();
		if (!text.includes(`${DEMO_EMAIL} (primary)`))
			return `#emails reads "${text}"`;
	});

	await check('foundation: screenshot browser-profile.png', async () => {
		await page.screenshot({ path: join(shotDir, 'browser-profile.png'), fullPage: true });
	});

	await check(`foundation: the nav shows the signed-in person's name (#nav-profile)`, async () => {
		const nav = page.locator('header #nav-profile');
		if (await nav.count() !== 1)
			return 'no #nav-profile in the header';
		const text = (await nav.innerText()).trim();
		if (text !== DEMO_NAME)
			return `#nav-profile reads "${text}"`;
		if (await nav.getAttribute('href') !== '/accounts/profile/')
			return `#nav-profile links to ${await nav.getAttribute('href')}`;
		if (await page.locator('header #nav-login').count() !== 0)
			return 'the header still has a Sign in link';
	});

	await check('foundation: the nav has a Sign out button', async () => {
		const n = await page.locator('header').getByRole('button', { name: 'Sign out', exact: true }).count();
		if (n !== 1)
			return `${n} Sign out buttons in the header`;
	});

	// The QUIC working group's page.
	await check('foundation: /group/quic/ opens', async () => {
		const resp = await page.goto('/group/quic/');
		if (resp.status() !== 200)
			return `GET /group/quic/ answered ${resp.status()}`;
	});

	await check('foundation: the group heading names QUIC', async () => {
		const h1 = (await page.locator('main h1').innerText()).trim();
		if (!h1.includes('QUIC'))
			return `h1 is "${h1}"`;
	});

	await check('foundation: the roles table (#roles) lists the chairs Lukas Brenner and Aiko Sato', async () => {
		const roles = page.locator('table#roles');
		if (await roles.count() !== 1)
			return 'no table#roles';
		for (const name of ['Lukas Brenner', 'Aiko Sato']) {
			const row = roles.locator('tbody tr', { hasText: name });
			if (await row.count() !== 1)
				return `${name} is in ${await row.count()} rows`;
			const role = (await row.locator('td').first().innerText()).trim();
			if (role !== 'Chair')
				return `${name}'s role reads "${role}"`;
		}
	});

	await check('foundation: the mailing list links to mailto:quic@lists.example.org', async () => {
		const n = await page.locator('#group-meta a[href="mailto:quic@lists.example.org"]').count();
		if (n !== 1)
			return `${n} links to mailto:quic@lists.example.org in #group-meta`;
	});

	await check('foundation: the nav marks Groups as the current section', async () => {
		const cur = page.locator('header nav a[aria-current="page"]');
		if (await cur.count() !== 1 || (await cur.innerText()).trim() !== 'Groups')
			return `aria-current is on ${await cur.count()} links`;
	});

	await check('foundation: screenshot browser-group-quic.png', async () => {
		await page.screenshot({ path: join(shotDir, 'browser-group-quic.png'), fullPage: true });
	});

	// Sign out.
	await check('foundation: Sign out returns to the nav with Sign in', async () => {
		const button = page.locator('header').getByRole('button', { name: 'Sign out', exact: true });
		if (await button.count() !== 1)
			return 'no Sign out button';
		await submit(page, button);
		if (path(page) !== '/')
			return `landed on ${page.url()}${await notice(page)}`;
		const login = page.locator('header #nav-login');
		if (await login.count() !== 1)
			return 'no #nav-login in the header';
		const text = (await login.innerText()).trim();
		if (text !== 'Sign in')
			return `#nav-login reads "${text}"`;
		if (await page.locator('header #nav-profile').count() !== 0)
			return 'the header still shows #nav-profile';
	});

	await check('foundation: after signing out the profile asks to sign in again', async () => {
		await page.goto('/accounts/profile/');
		if (path(page) !== '/accounts/login/')
			return `/accounts/profile/ shows ${page.url()}`;
		if (new URL(page.url()).searchParams.get('next') !== '/accounts/profile/')
			return `no next=/accounts/profile/ in ${page.url()}`;
	});

	await check('foundation: no console errors, CSP violations or failed requests (sign-in, profile, group, sign-out)', () => {
		if (problems.length > 0)
			return problems.join('; ');
	});
	await ctx.close();

	// A wrong password, in a fresh context (once: the sign-in throttle counts failures).
	const wrongProblems = [];
	const wctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const wpage = await wctx.newPage();
	watch(wpage, wrongProblems, [{ path: '/accounts/login/', status: 401 }]);
	await check('foundation: a wrong password shows the error sentence and keeps the address', async () => {
		await wpage.goto('/accounts/login/');
		await wpage.fill('#email', WRONG_EMAIL);
		await wpage.fill('#password', 'not-the-password');
		const answer = wpage.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/accounts/login/');
		await submit(wpage, wpage.getByRole('button', { name: 'Sign in', exact: true }));
		const resp = await answer;
		if (resp.status() !== 401)
			return `the POST answered ${resp.status()}, want 401`;
		const alert = wpage.locator('main [role=alert]');
		if (await alert.count() !== 1)
			return 'no role=alert notice';
		const text = (await alert.innerText()).trim();
		if (text !== WRONG_SENTENCE)
			return `the notice reads "${text}"`;
		if (await wpage.inputValue('#email') !== WRONG_EMAIL)
			return `#email holds "${await wpage.inputValue('#email')}"`;
		if (await wpage.inputValue('#password') !== '')
			return 'the password field was filled back in';
		if (await wpage.locator('header #nav-login').count() !== 1)
			return 'the header does not offer Sign in';
	});
	await check('foundation: no console errors or CSP violations on the failed sign-in', () => {
		if (wrongProblems.length > 0)
			return wrongProblems.join('; ');
	});
	await wctx.close();

	// A phone.
	const phoneProblems = [];
	const pctx = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const ppage = await pctx.newPage();
	watch(ppage, phoneProblems);
	await check('foundation: on a phone (390x844) /group/ has no horizontal scroll', async () => {
		const resp = await ppage.goto('/group/');
		if (resp.status() !== 200)
			return `GET /group/ answered ${resp.status()}`;
		return noHorizontalScroll(ppage);
	});
	await check('foundation: screenshot browser-groups-phone.png', async () => {
		await ppage.screenshot({ path: join(shotDir, 'browser-groups-phone.png'), fullPage: true });
	});
	for (const p of ['/group/quic/', '/accounts/login/']) {
		await check(`foundation: on a phone (390x844) ${p} has no horizontal scroll`, async () => {
			await ppage.goto(p);
			return noHorizontalScroll(ppage);
		});
	}
	await check('foundation: no console errors or CSP violations on the phone', () => {
		if (phoneProblems.length > 0)
			return phoneProblems.join('; ');
	});
	await pctx.close();
}
