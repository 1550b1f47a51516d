// browser.test.mjs: drives Debian's Chromium (/usr/bin/chromium) through playwright-core against a
// running idtracker with the demo data (`idtracker init --demo`), the way a person would use it:
// sign in, read the profile and a working group's page, use a phone, mistype a password, sign out;
// then submit a fresh draft anonymously, confirm it from the mailed link and read its document page;
// then a WG chair enters an outgoing liaison statement, the public cannot see it while it is pending,
// the area's AD approves it and everyone can find it; then an individual draft named for QUIC is
// posted, the QUIC chair calls for its adoption and closes the call with the outcome adopt.
//
//   IDT_BASE_URL=http://127.0.0.1:41234 node tests/browser/browser.test.mjs
//
// IDT_BASE_URL        the server to test (required)
// IDT_SCREENSHOT_DIR  where the screenshots go (default: the repository's build/)
// IDT_DATA_DIR        the server's data folder, to read the confirmation mail from the outbox in
//                     idtracker.db with sqlite3; without it the checks that need the mail are skipped
//
// A small runner, no framework: one `ok - ...` or `not ok - ...: reason` line per check, then
// `browser: N passed, N failed` (`, N skipped` when a check could not run: `skipped - ...: reason`
// lines); the exit status is 1 when a check failed. Without /usr/bin/chromium or
// playwright-core (npm install in tests/browser/) it prints `browser: skipped (reason)` and exits 0.
// No browser is ever downloaded. No timed assertions: the timeouts below only stop a hung run.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
/* The submission scenario: a fresh draft by this author, uploaded anonymously by a visitor whose name
 * carries markup (every page must show it as text and run none of it). */
const SUB_AUTHOR = 'Ann Author <ann@example.org>';
const SUB_HOSTILE_NAME = 'Ann <b>Author</b> <img src=x onerror=alert(1)>';
const SUB_EMAIL = 'ann@example.org';
/* The liaison scenario: the QUIC chair (area wit) sends an outgoing statement to ITU-T SG15; it waits
 * for an AD of wit (not one of another area, sec) and, once posted, is assigned to the SDO's liaison
 * manager. */
const LI_CHAIR = 'lukas.brenner@example.org';
const LI_AD = 'samuel.achterberg@example.org';
const LI_OTHER_AD = 'amir.rostami@example.org';
const LI_TO_GROUP = 'itu-t-sg-15';
const LI_TO_NAME = 'ITU-T Study Group 15';
const LI_TO_CONTACTS = 'sg15@itu.example.org';
const LI_MANAGER = 'Hiroshi Nakamura';
/* The WG adoption scenario: Ann posts an individual draft named for QUIC; its chair adopts it. */
const WG_CHAIR = 'lukas.brenner@example.org';
const WG_GROUP = 'quic';
const WG_SUMMARY = 'Rough consensus to adopt; editors to be named.';
/* A stored message as a person reads it (as tests/e2e/test_submit.sh's mail_decode): the headers
 * unfolded and decoded, a blank line, the body decoded from quoted-printable. */
const MAIL_DECODE_PY = `import sys, email, email.policy
m = email.message_from_bytes(sys.stdin.buffer.read().replace(b"\\r\\n", b"\\n"), policy=email.policy.default)
for k, v in m.items(): print("%s: %s" % (k, " ".join(str(v).split())))
print(); print((m.get_body(preferencelist=("plain",)) or m).get_content())`;

const here = dirname(fileURLToPath(import.meta.url));
const shotDir = process.env.IDT_SCREENSHOT_DIR ? resolve(process.env.IDT_SCREENSHOT_DIR) : resolve(here, '../../build');

let passed = 0, failed = 0, skipped = 0;

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

/* A check that cannot run here (a missing tool or setting): neither passed nor failed. */
function skipCheck(desc, reason) {
	skipped++;
	console.log(`skipped - ${desc}: ${reason}`);
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
	console.log(`browser: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
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
	try {
		await scenario();
	} catch (e) {
		fail('the scenario runs to its end', e);
	}
	try {
		await submissionScenario();
	} catch (e) {
		fail('the submission scenario runs to its end', e);
	}
	try {
		await liaisonScenario();
	} catch (e) {
		fail('the liaison scenario runs to its end', e);
	}
	await wgScenario();
} catch (e) {
	fail('the WG adoption scenario runs to its end', e);
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

// ---------------------------------------------------------------------------------------------
// The submission office (src/web/submission_pages.c, src/web/doc_pages.c; tests/e2e/test_submit.sh
// drives the same flows with curl): an anonymous visitor uploads a fresh draft, posts it, confirms it
// from the link the mail carries, reads its document page, then looks at both on a phone.

/* A page that opens an alert, confirm or prompt ran script it should not have. */
function watchDialogs(page, sink) {
	page.on('dialog', (d) => {
		sink.push(`a ${d.type()} dialog opened on ${page.url()}: "${d.message()}"`);
		d.dismiss().catch(() => {});
	});
}

/* One SELECT on the server's database (the server keeps it open; .timeout waits out its writes). */
function sqlite(dataDir, sql) {
	return execFileSync('sqlite3', ['-batch', '-noheader', '-cmd', '.timeout 5000', join(dataDir, 'idtracker.db'), sql],
	    { encoding: 'utf8', timeout: STEP_TIMEOUT_MS }).trim();
}

function mailDecode(raw) {
	return execFileSync('python3', ['-c', MAIL_DECODE_PY], { input: raw, encoding: 'utf8', timeout: STEP_TIMEOUT_MS });
}

async function submissionScenario() {
	const problems = [];
	const letters = Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('');
	const name = `draft-browser-${letters}-test`;
	const title = `A Test Draft for ${name}`;
	const today = new Date().toISOString().slice(0, 10);
	const dataDir = process.env.IDT_DATA_DIR || '';
	const noData = 'IDT_DATA_DIR is not set: the confirmation mail cannot be read from the outbox';
	const tmp = mkdtempSync(join(tmpdir(), 'idt-browser-draft-'));
	let files = null;		/* { txt, xml } */
	let id = '', statusPath = '', confirmPath = '', posted = false;

	const ctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const page = await ctx.newPage();
	watch(page, problems);
	watchDialogs(page, problems);
	try {
		await check(`submission R2, R3: tests/e2e/gen_draft.py writes a fresh ${name}-00 as text and XML`, () => {
			const out = execFileSync('python3', [join(here, '../e2e/gen_draft.py'), '--name', name, '--rev', '00',
				'--date', today, '--author', SUB_AUTHOR, '--out', tmp], { encoding: 'utf8', timeout: STEP_TIMEOUT_MS });
			const paths = out.split('\n').map((l) => l.trim()).filter(Boolean);
			const txt = paths.find((p) => p.endsWith(`${name}-00.txt`)), xml = paths.find((p) => p.endsWith(`${name}-00.xml`));
			if (!txt || !xml)
				return `gen_draft.py wrote ${JSON.stringify(paths)}`;
			files = { txt, xml };
		});

		await check('submission R1, R80: /submit/ has the txt and xml file inputs, the submitter fields and Upload and check', async () => {
			const resp = await page.goto('/submit/');
			if (resp.status() !== 200)
				return `GET /submit/ answered ${resp.status()}`;
			for (const sel of ['input[type=file]#txt', 'input[type=file]#xml', '#submitter_name', '#submitter_email', '#post_if_valid'])
				if (await page.locator(sel).count() !== 1)
					return `no ${sel}`;
			for (const f of ['txt', 'xml', 'submitter_name', 'submitter_email'])
				if (await page.locator(`label[for=${f}]`).count() !== 1)
					return `#${f} has no <label for>`;
			if (await page.getByRole('button', { name: 'Upload and check', exact: true }).count() !== 1)
				return 'no Upload and check button';
		});

		await check('submission R5, R6: Upload and check lands on the status page /submit/status/<id>/<token>/', async () => {
			if (!files)
				return 'no draft was generated';
			await page.setInputFiles('#txt', files.txt);
			await page.setInputFiles('#xml', files.xml);
			await page.fill('#submitter_name', SUB_HOSTILE_NAME);
			await page.fill('#submitter_email', SUB_EMAIL);
			await submit(page, page.getByRole('button', { name: 'Upload and check', exact: true }));
			const m = /^\/submit\/status\/([0-9]+)\/[A-Za-z0-9_-]{43}\/$/.exec(path(page));
			if (!m)
				return `landed on ${page.url()}${await notice(page)}`;
			id = m[1];
			statusPath = path(page);
		});

		const onStatus = () => statusPath !== '' && path(page) === statusPath;
		await check('submission R25: the verdict (#verdict) reads 0 errors', async () => {
			if (!onStatus())
				return `not on the status page but on ${page.url()}`;
			const v = (await page.locator('#verdict').innerText()).trim();
			if (!/^0 errors,/.test(v))
				return `#verdict reads "${v}"`;
		});

		await check(`submission R25: the metadata shows the title (#m-title) and the author (#m-authors) "${SUB_AUTHOR}"`, async () => {
			if (!onStatus())
				return 'not on the status page';
			const t = (await page.locator('#m-title').innerText()).trim();
			if (!t.includes(title))
				return `#m-title reads "${t}"`;
			const a = await page.locator('#m-authors').innerText();
			if (!a.includes(SUB_AUTHOR))
				return `#m-authors reads "${a.trim()}"`;
			const d = (await page.locator('#m-date').innerText()).trim();
			if (d !== today)
				return `#m-date reads "${d}", want ${today}`;
		});

		await check('submission R31, R82: the preview (#preview) shows the draft, with a link to the whole draft', async () => {
			if (!onStatus())
				return 'not on the status page';
			const p = await page.locator('#preview').innerText();
			if (!p.includes(`${name}-00`))
				return `#preview does not name ${name}-00`;
			if (await page.locator(`main a[href="${statusPath}full/"]`).count() !== 1)
				return `no link to ${statusPath}full/`;
		});

		await check('submission R63-R65: the receipt (#receipt) gives the submission number and the Secretariat\'s address', async () => {
			if (!onStatus())
				return 'not on the status page';
			const r = page.locator('#receipt');
			if (await r.count() !== 1)
				return 'no #receipt';
			const text = await r.innerText();
			if (!text.includes(`Submission ${id}. Keep this number`))
				return `#receipt reads "${text.trim()}"`;
			if (await r.locator('a[href^="mailto:"]').count() !== 1)
				return 'no mailto: link in #receipt';
		});

		await check('submission R25: the uploader\'s name with markup is shown as text (#m-submitter), none of it runs', async () => {
			if (!onStatus())
				return 'not on the status page';
			const s = page.locator('#m-submitter');
			const text = (await s.innerText()).trim();
			if (text !== `${SUB_HOSTILE_NAME} <${SUB_EMAIL}>`)
				return `#m-submitter reads "${text}"`;
			if (await s.locator('b, img').count() !== 0 || await page.locator('main img').count() !== 0)
				return 'the name\'s markup became elements';
		});

		await check('submission R25: screenshot browser-submit-status.png', async () => {
			await page.screenshot({ path: join(shotDir, 'browser-submit-status.png'), fullPage: true });
		});

		await check('submission R32, R36-R38: choosing the author in #author and pressing Post submission asks for confirmation by mail (auth)', async () => {
			if (!onStatus())
				return 'not on the status page';
			await page.selectOption('#author', { label: SUB_AUTHOR });
			await submit(page, page.getByRole('button', { name: 'Post submission', exact: true }));
			if (path(page) !== statusPath)
				return `landed on ${page.url()}${await notice(page)}`;
			const n = page.locator('main .notice', { hasText: 'confirmation link was sent' });
			if (await n.count() !== 1)
				return `no notice of the confirmation link${await notice(page)}`;
			const st = (await page.locator('#state').innerText()).trim();
			if (!st.includes('(auth)'))
				return `#state reads "${st}"`;
		});

		const mailDesc = 'submission R38, R81: the confirmation mail (outbox, sub_confirm) goes to the author with the checks\' results and the link /submit/status/<id>/confirm/<token>/';
		if (!dataDir)
			skipCheck(mailDesc, noData);
		else
			await check(mailDesc, () => {
				if (id === '')
					return 'nothing was uploaded';
				const raw = sqlite(dataDir, `SELECT message FROM outbox WHERE template='sub_confirm' AND object_id='${id}' ORDER BY id DESC LIMIT 1`);
				if (raw === '')
					return `no sub_confirm message for submission ${id} in the outbox`;
				const m = mailDecode(raw);
				if (!/^To: .*ann@example\.org/m.test(m))
					return `the mail is not to ann@example.org: ${m.split('\n').filter((l) => l.startsWith('To:')).join(' ')}`;
				if (!m.includes('0 errors'))
					return 'the mail does not carry the results (0 errors)';
				const link = /https?:\/\/[^\s"<>]+\/submit\/status\/([0-9]+)\/confirm\/[A-Za-z0-9_-]+\//.exec(m);
				if (!link)
					return 'no confirmation link in the mail';
				if (link[1] !== id)
					return `the link is for submission ${link[1]}, want ${id}`;
				const u = new URL(link[0]);
				if (u.origin !== baseURL)
					return `the link names ${u.origin}, the server is ${baseURL}`;
				confirmPath = u.pathname;
			});

		const confirmDesc = 'submission R39: opening the confirmation link shows the draft (#draft-text) and Confirm and post, and posts nothing (still auth)';
		if (!dataDir)
			skipCheck(confirmDesc, noData);
		else
			await check(confirmDesc, async () => {
				if (confirmPath === '')
					return 'no confirmation link';
				const resp = await page.goto(confirmPath);
				if (resp.status() !== 200)
					return `GET ${confirmPath} answered ${resp.status()}`;
				const text = await page.locator('#draft-text').innerText();
				if (!text.includes(`${name}-00`) || !text.includes(title))
					return `#draft-text does not show ${name}-00 and its title`;
				if (await page.getByRole('button', { name: 'Confirm and post', exact: true }).count() !== 1)
					return 'no Confirm and post button';
				const st = sqlite(dataDir, `SELECT state FROM submission WHERE id=${id}`);
				if (st !== 'auth')
					return `the submission is ${st} after opening the link`;
			});

		const shownDesc = `submission R39: the confirm page shows the submitter "${SUB_AUTHOR}" as text`;
		if (!dataDir)
			skipCheck(shownDesc, noData);
		else
			await check(shownDesc, async () => {
				if (confirmPath === '' || path(page) !== confirmPath)
					return 'not on the confirm page';
				const text = await page.locator('main').innerText();
				if (!text.includes(`submitted by ${SUB_AUTHOR}`))
					return `the page does not say "submitted by ${SUB_AUTHOR}"`;
			});

		const shotDesc = 'submission R39: screenshot browser-submit-confirm.png';
		if (!dataDir)
			skipCheck(shotDesc, noData);
		else
			await check(shotDesc, async () => {
				if (confirmPath === '' || path(page) !== confirmPath)
					return 'not on the confirm page';
				await page.screenshot({ path: join(shotDir, 'browser-submit-confirm.png'), fullPage: true });
			});

		const postDesc = 'submission R36, R37: Confirm and post posts the draft and the status page says Posted';
		if (!dataDir)
			skipCheck(postDesc, noData);
		else
			await check(postDesc, async () => {
				if (confirmPath === '' || path(page) !== confirmPath)
					return 'not on the confirm page';
				await submit(page, page.getByRole('button', { name: 'Confirm and post', exact: true }));
				if (path(page) !== `/submit/status/${id}/`)
					return `landed on ${page.url()}${await notice(page)}`;
				const n = (await page.locator('main .notice').first().innerText()).trim();
				if (n !== 'Posted.')
					return `the notice reads "${n}"`;
				const st = (await page.locator('#state').innerText()).trim();
				if (!st.startsWith('Posted'))
					return `#state reads "${st}"`;
				const row = sqlite(dataDir, `SELECT state FROM submission WHERE id=${id}`);
				if (row !== 'posted')
					return `the submission is ${row}`;
				posted = true;
			});

		const docPath = `/doc/${name}/`, txtPath = `/archive/id/${name}-00.txt`;
		const docDesc = `submission R36: ${docPath} shows the title in h1, -00 in #revisions with its .txt, the author in #doc-authors`;
		if (!dataDir)
			skipCheck(docDesc, noData);
		else
			await check(docDesc, async () => {
				if (!posted)
					return 'the draft was not posted';
				const resp = await page.goto(docPath);
				if (resp.status() !== 200)
					return `GET ${docPath} answered ${resp.status()}`;
				const h1 = (await page.locator('main h1').innerText()).trim();
				if (!h1.includes(title))
					return `h1 is "${h1}"`;
				const row = page.locator('table#revisions tbody tr', { hasText: '00' });
				if (await row.count() !== 1)
					return `-00 is in ${await row.count()} rows of #revisions`;
				if (await row.locator(`a[href="${txtPath}"]`).count() !== 1)
					return `no link to ${txtPath} in -00's row`;
				const au = (await page.locator('#doc-authors').innerText()).trim();
				if (au !== SUB_AUTHOR)
					return `#doc-authors reads "${au}"`;
			});

		const docShot = 'submission R36: screenshot browser-doc.png';
		if (!dataDir)
			skipCheck(docShot, noData);
		else
			await check(docShot, async () => {
				if (path(page) !== docPath)
					return `not on ${docPath}`;
				await page.screenshot({ path: join(shotDir, 'browser-doc.png'), fullPage: true });
			});

		const txtDesc = `submission R36: following the .txt link serves the posted text (${txtPath})`;
		if (!dataDir)
			skipCheck(txtDesc, noData);
		else
			await check(txtDesc, async () => {
				if (path(page) !== docPath)
					return `not on ${docPath}`;
				const answer = page.waitForResponse((r) => new URL(r.url()).pathname === txtPath);
				await submit(page, page.locator(`table#revisions a[href="${txtPath}"]`));
				const resp = await answer;
				if (resp.status() !== 200)
					return `GET ${txtPath} answered ${resp.status()}`;
				const type = resp.headers()['content-type'] || '';
				if (!type.startsWith('text/plain'))
					return `Content-Type is "${type}"`;
				const body = await resp.text();
				if (!body.includes(`${name}-00`) || !body.includes(title))
					return `the text does not name ${name}-00 and its title`;
				if (!(await page.locator('body').innerText()).includes(`${name}-00`))
					return 'the browser does not show the text';
			});

		await check('submission R25: no console errors, CSP violations, dialogs or failed requests (upload, status, confirm, document)', () => {
			if (problems.length > 0)
				return problems.join('; ');
		});
	} finally {
		await ctx.close();
		rmSync(tmp, { recursive: true, force: true });
	}

	// The same pages on a phone.
	const phoneProblems = [];
	const pctx = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const ppage = await pctx.newPage();
	watch(ppage, phoneProblems);
	watchDialogs(ppage, phoneProblems);
	await check('submission R25, R31: on a phone (390x844) the status page has no horizontal scroll', async () => {
		if (statusPath === '')
			return 'nothing was uploaded';
		const resp = await ppage.goto(statusPath);
		if (resp.status() !== 200)
			return `GET ${statusPath} answered ${resp.status()}`;
		if (await ppage.locator('#preview').count() !== 1)
			return 'the status page has no #preview';
		return noHorizontalScroll(ppage);
	});
	await check('submission R25: screenshot browser-submit-phone.png', async () => {
		if (statusPath === '' || path(ppage) !== statusPath)
			return 'not on the status page';
		await ppage.screenshot({ path: join(shotDir, 'browser-submit-phone.png'), fullPage: true });
	});
	const phoneDoc = `submission R36: on a phone (390x844) /doc/${name}/ has no horizontal scroll`;
	if (!dataDir)
		skipCheck(phoneDoc, noData);
	else
		await check(phoneDoc, async () => {
			if (!posted)
				return 'the draft was not posted';
			const resp = await ppage.goto(`/doc/${name}/`);
			if (resp.status() !== 200)
				return `GET /doc/${name}/ answered ${resp.status()}`;
			return noHorizontalScroll(ppage);
		});
	await check('submission R25: no console errors, CSP violations or dialogs on the phone', () => {
		if (phoneProblems.length > 0)
			return phoneProblems.join('; ');
	});
	await pctx.close();
}

// ---------------------------------------------------------------------------------------------
// The liaison office (src/web/liaison_pages.c, src/liaison/liaison.c; tests/e2e/test_liaison.sh
// drives the same flows with curl): the QUIC chair enters an outgoing statement, which waits as
// pending, unseen by the public and by an AD of another area; the wit AD approves it, and then anyone
// finds it in the list, on its page and by a word of its text, on a desktop and on a phone.

/* Signs in on /accounts/login/ and lands on the profile; returns a reason when it did not. */
async function signIn(page, email) {
	const resp = await page.goto('/accounts/login/');
	if (resp.status() !== 200)
		return `GET /accounts/login/ answered ${resp.status()}`;
	await page.fill('#email', email);
	await page.fill('#password', DEMO_PASSWORD);
	await submit(page, page.getByRole('button', { name: 'Sign in', exact: true }));
	if (path(page) !== '/accounts/profile/')
		return `signing in as ${email} landed on ${page.url()}${await notice(page)}`;
}

/* The value (dd) a definition list (#liaison-meta, #liaison-status) gives for a term (dt). */
async function metaValue(page, dl, term) {
	return page.locator(dl).evaluate((el, t) => {
		for (const dt of el.querySelectorAll('dt'))
			if (dt.textContent.trim() === t)
				return dt.nextElementSibling?.textContent.trim() ?? null;
		return null;
	}, term);
}

async function liaisonScenario() {
	const letters = Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('');
	const title = `Browser test <i>${letters}</i> status of QUIC for SG15`;
	const word = `zebrafinch${letters}`;		/* one word of the body, found by nobody else's statement */
	const body = `The QUIC working group reports its progress.\nSearch word: ${word}.\nPlease comment.`;
	const escaped = title.replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const deadline = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
	let id = '', detailPath = '', posted = false;
	const onDetail = (p) => detailPath !== '' && path(p) === detailPath;

	// L1: the QUIC chair enters the statement.
	const problems = [];
	const ctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const page = await ctx.newPage();
	watch(page, problems);
	watchDialogs(page, problems);
	try {
		let signedIn = false;
		await check(`liaison L1: the QUIC chair (${LI_CHAIR}) signs in`, async () => {
			const why = await signIn(page, LI_CHAIR);
			if (why)
				return why;
			signedIn = true;
		});

		await check('liaison L1: /liaison/add/outgoing/ has the form (#liaison-form) with its fields, each with a <label for>', async () => {
			if (!signedIn)
				return 'not signed in';
			const resp = await page.goto('/liaison/add/outgoing/');
			if (resp.status() !== 200)
				return `GET /liaison/add/outgoing/ answered ${resp.status()}`;
			const form = page.locator('form#liaison-form');
			if (await form.count() !== 1)
				return 'no form#liaison-form';
			const fields = ['from_groups', 'to_groups', 'from_contact', 'to_contacts', 'cc_contacts', 'technical_contacts',
				'response_contacts', 'purpose', 'deadline', 'title', 'other_identifiers', 'related_to', 'submitted', 'body'];
			for (const f of fields) {
				if (await form.locator(`#${f}`).count() !== 1)
					return `no #${f} in the form`;
				if (await form.locator(`label[for=${f}]`).count() !== 1)
					return `#${f} has no <label for>`;
			}
			if (await form.locator('button[name=action][value=send]').count() !== 1)
				return 'no send button';
		});

		await check('liaison L1: the From select (#from_groups) offers the chair\'s WG quic and not httpbis', async () => {
			if (path(page) !== '/liaison/add/outgoing/')
				return 'not on the form';
			if (await page.locator('#from_groups option[value="quic"]').count() !== 1)
				return `#from_groups offers ${JSON.stringify(await page.locator('#from_groups option').evaluateAll((o) => o.map((x) => x.value)))}`;
			if (await page.locator('#from_groups option[value="httpbis"]').count() !== 0)
				return '#from_groups offers httpbis, a WG the chair does not chair';
			if (await page.locator(`#to_groups option[value="${LI_TO_GROUP}"]`).count() !== 1)
				return `#to_groups does not offer ${LI_TO_GROUP}`;
		});

		await check(`liaison L1: Submit (For comment, deadline ${deadline}) lands on /liaison/<id>/`, async () => {
			if (path(page) !== '/liaison/add/outgoing/')
				return 'not on the form';
			await page.selectOption('#from_groups', 'quic');
			await page.selectOption('#to_groups', LI_TO_GROUP);
			await page.fill('#from_contact', LI_CHAIR);
			await page.fill('#to_contacts', LI_TO_CONTACTS);
			await page.selectOption('#purpose', { label: 'For comment' });
			await page.fill('#deadline', deadline);
			await page.fill('#title', title);
			await page.fill('#body', body);
			await submit(page, page.locator('#liaison-form button[name=action][value=send]'));
			const m = /^\/liaison\/([0-9]+)\/$/.exec(path(page));
			if (!m)
				return `landed on ${page.url()}${await notice(page)}`;
			id = m[1];
			detailPath = path(page);
		});

		await check('liaison L1: the page shows the title as text (h1), state Pending, the envelope, and no Approve button', async () => {
			if (!onDetail(page))
				return `not on the statement's page but on ${page.url()}`;
			const h1 = page.locator('main h1');
			const text = (await h1.innerText()).trim();
			if (text !== title)
				return `h1 reads "${text}"`;
			if (await h1.locator('i').count() !== 0)
				return 'the title\'s <i> became an element';
			const want = { State: 'Pending', From: 'quic', To: LI_TO_NAME, 'To contacts': LI_TO_CONTACTS,
				Purpose: 'For comment', Deadline: deadline };
			for (const [term, value] of Object.entries(want)) {
				const got = await metaValue(page, '#liaison-meta', term);
				if (got !== value)
					return `#liaison-meta ${term} reads "${got}", want "${value}"`;
			}
			if (await page.locator('button[name=action][value=approve]').count() !== 0)
				return 'the submitter is offered Approve';
			if (await page.locator('#liaison-status').count() !== 0)
				return 'a pending statement shows #liaison-status';
		});

		await check('liaison L1: screenshot browser-liaison-pending.png', async () => {
			if (!onDetail(page))
				return 'not on the statement\'s page';
			await page.screenshot({ path: join(shotDir, 'browser-liaison-pending.png'), fullPage: true });
		});

		await check('liaison L1: no console errors, CSP violations, dialogs or failed requests (sign-in, form, statement)', () => {
			if (problems.length > 0)
				return problems.join('; ');
		});
	} finally {
		await ctx.close();
	}

	// L2: an anonymous visitor does not see it.
	const anonProblems = [];
	const actx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const apage = await actx.newPage();
	watch(apage, anonProblems, [{ path: detailPath, status: 404 }]);
	watchDialogs(apage, anonProblems);
	try {
		await check('liaison L2: the pending statement\'s page answers 404 to an anonymous visitor', async () => {
			if (id === '')
				return 'no statement was entered';
			const resp = await apage.goto(detailPath);
			if (resp.status() !== 404)
				return `GET ${detailPath} answered ${resp.status()}`;
			if ((await apage.locator('main').innerText()).includes(letters))
				return 'the 404 page shows the title';
		});
		await check('liaison L2: /liaison/ does not list the pending statement', async () => {
			if (id === '')
				return 'no statement was entered';
			const resp = await apage.goto('/liaison/');
			if (resp.status() !== 200)
				return `GET /liaison/ answered ${resp.status()}`;
			if (await apage.locator(`main a[href="${detailPath}"]`).count() !== 0 || (await apage.locator('main').innerText()).includes(letters))
				return 'the list shows it';
		});
		await check('liaison L2: no console errors, CSP violations or dialogs for the anonymous visitor', () => {
			if (anonProblems.length > 0)
				return anonProblems.join('; ');
		});
	} finally {
		await actx.close();
	}

	// L3: an AD of another area (sec) may not approve it, and so does not see it either.
	const otherProblems = [];
	const octx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const opage = await octx.newPage();
	watch(opage, otherProblems, [{ path: detailPath, status: 404 }]);
	watchDialogs(opage, otherProblems);
	try {
		await check(`liaison L3: for an AD of another area (${LI_OTHER_AD}) the pending page is a 404 too`, async () => {
			if (id === '')
				return 'no statement was entered';
			const why = await signIn(opage, LI_OTHER_AD);
			if (why)
				return why;
			const resp = await opage.goto(detailPath);
			if (resp.status() !== 404)
				return `GET ${detailPath} answered ${resp.status()}`;
			if (await opage.locator('button[name=action][value=approve]').count() !== 0)
				return 'the page offers Approve';
		});
		await check('liaison L3: no console errors, CSP violations or dialogs for the other AD', () => {
			if (otherProblems.length > 0)
				return otherProblems.join('; ');
		});
	} finally {
		await octx.close();
	}

	// L4: the wit AD approves it.
	const adProblems = [];
	const dctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const dpage = await dctx.newPage();
	watch(dpage, adProblems);
	watchDialogs(dpage, adProblems);
	try {
		await check(`liaison L4: the wit AD (${LI_AD}) sees the pending statement with Approve (#approval-form)`, async () => {
			if (id === '')
				return 'no statement was entered';
			const why = await signIn(dpage, LI_AD);
			if (why)
				return why;
			const resp = await dpage.goto(detailPath);
			if (resp.status() !== 200)
				return `GET ${detailPath} answered ${resp.status()}`;
			const st = await metaValue(dpage, '#liaison-meta', 'State');
			if (st !== 'Pending')
				return `#liaison-meta State reads "${st}"`;
			if (await dpage.locator('#approval-form button[name=action][value=approve]').count() !== 1)
				return 'no Approve button in #approval-form';
		});

		await check(`liaison L4: Approve posts it: state Posted, #liaison-status assigns it to the SDO's liaison manager (${LI_MANAGER})`, async () => {
			if (!onDetail(dpage))
				return 'not on the statement\'s page';
			await submit(dpage, dpage.locator('#approval-form button[name=action][value=approve]'));
			if (!onDetail(dpage))
				return `landed on ${dpage.url()}${await notice(dpage)}`;
			const st = await metaValue(dpage, '#liaison-meta', 'State');
			if (st !== 'Posted')
				return `#liaison-meta State reads "${st}"${await notice(dpage)}`;
			if (await dpage.locator('#liaison-status').count() !== 1)
				return 'no #liaison-status';
			const who = await metaValue(dpage, '#liaison-status', 'Assigned to');
			if (!who?.includes(LI_MANAGER))
				return `#liaison-status Assigned to reads "${who}"`;
			if (await dpage.locator('button[name=action][value=approve]').count() !== 0)
				return 'Approve is still offered';
			posted = true;
		});

		await check('liaison L4: the history (#history) has Statement Submitted, Approved and Posted', async () => {
			if (!posted)
				return 'the statement was not posted';
			const h = await dpage.locator('table#history').innerText();
			for (const w of ['Statement Submitted', 'Statement Approved', 'Statement Posted'])
				if (!h.includes(w))
					return `#history has no "${w}"`;
		});

		await check('liaison L4: screenshot browser-liaison-posted.png', async () => {
			if (!onDetail(dpage))
				return 'not on the statement\'s page';
			await dpage.screenshot({ path: join(shotDir, 'browser-liaison-posted.png'), fullPage: true });
		});

		await check('liaison L4: no console errors, CSP violations, dialogs or failed requests for the approving AD', () => {
			if (adProblems.length > 0)
				return adProblems.join('; ');
		});
	} finally {
		await dctx.close();
	}

	// L5: anyone finds it now.
	const pubProblems = [];
	const uctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const upage = await uctx.newPage();
	watch(upage, pubProblems);
	watchDialogs(upage, pubProblems);
	try {
		await check('liaison L5: /liaison/ lists the posted statement (#liaisons) with its title as text', async () => {
			if (!posted)
				return 'the statement was not posted';
			const resp = await upage.goto('/liaison/');
			if (resp.status() !== 200)
				return `GET /liaison/ answered ${resp.status()}`;
			const link = upage.locator(`table#liaisons a[href="${detailPath}"]`);
			if (await link.count() !== 1)
				return `${await link.count()} links to ${detailPath} in table#liaisons`;
			const text = (await link.innerText()).trim();
			if (text !== title)
				return `the link reads "${text}"`;
			if (await link.locator('i').count() !== 0)
				return 'the title\'s <i> became an element';
		});

		await check('liaison L5: the statement\'s page answers 200 with the title escaped (&lt;i&gt;) and the body', async () => {
			if (!posted)
				return 'the statement was not posted';
			const resp = await upage.goto(detailPath);
			if (resp.status() !== 200)
				return `GET ${detailPath} answered ${resp.status()}`;
			const html = await resp.text();
			if (!html.includes(escaped))
				return `the HTML does not carry "${escaped}"`;
			if (html.includes(`<i>${letters}</i>`))
				return 'the HTML carries the raw <i>';
			const h1 = (await upage.locator('main h1').innerText()).trim();
			if (h1 !== title)
				return `h1 reads "${h1}"`;
			if (!(await upage.locator('#liaison-body').innerText()).includes(word))
				return '#liaison-body does not show the text';
			if (await upage.locator('#approval-form, #tracking-form').count() !== 0)
				return 'an anonymous visitor is offered the approval or tracking form';
		});

		await check(`liaison L5: the search box (#q) on /liaison/ finds it by a word of its body (${word})`, async () => {
			if (!posted)
				return 'the statement was not posted';
			await upage.goto('/liaison/');
			await upage.fill('#q', word);
			await submit(upage, upage.locator('#liaison-search').getByRole('button', { name: 'Search', exact: true }));
			const u = new URL(upage.url());
			if (u.pathname !== '/liaison/' || u.searchParams.get('q') !== word)
				return `landed on ${upage.url()}`;
			const rows = await upage.locator('table#liaisons tbody tr').count();
			if (rows !== 1)
				return `${rows} rows in table#liaisons, want 1`;
			if (await upage.locator(`table#liaisons a[href="${detailPath}"]`).count() !== 1)
				return `the result is not ${detailPath}`;
		});

		await check('liaison L5: no console errors, CSP violations, dialogs or failed requests (list, statement, search)', () => {
			if (pubProblems.length > 0)
				return pubProblems.join('; ');
		});
	} finally {
		await uctx.close();
	}

	// L6: the same pages on a phone.
	const phoneProblems = [];
	const pctx = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const ppage = await pctx.newPage();
	watch(ppage, phoneProblems);
	watchDialogs(ppage, phoneProblems);
	try {
		await check('liaison L6: on a phone (390x844) /liaison/ has no horizontal scroll', async () => {
			const resp = await ppage.goto('/liaison/');
			if (resp.status() !== 200)
				return `GET /liaison/ answered ${resp.status()}`;
			return noHorizontalScroll(ppage);
		});
		await check('liaison L6: on a phone (390x844) the statement\'s page has no horizontal scroll', async () => {
			if (!posted)
				return 'the statement was not posted';
			const resp = await ppage.goto(detailPath);
			if (resp.status() !== 200)
				return `GET ${detailPath} answered ${resp.status()}`;
			return noHorizontalScroll(ppage);
		});
		await check('liaison L6: screenshot browser-liaison-phone.png', async () => {
			if (!onDetail(ppage))
				return 'not on the statement\'s page';
			await ppage.screenshot({ path: join(shotDir, 'browser-liaison-phone.png'), fullPage: true });
		});
		await check('liaison L6: no console errors, CSP violations or dialogs on the phone', () => {
			if (phoneProblems.length > 0)
				return phoneProblems.join('; ');
		});
	} finally {
		await pctx.close();
	}
}

// ---------------------------------------------------------------------------------------------
// The WG document office (src/web/wg_pages.c, src/web/doc_pages.c, src/wg/wgdoc.c;
// tests/e2e/test_wgdoc.sh drives the same flows with curl): Ann posts an individual draft named for
// QUIC (POST /api/submission, confirmed from the mailed link), which the QUIC page lists as related;
// the QUIC chair issues a call for adoption from the document page (12 days refused, 14 sent), closes
// it with the outcome adopt, and the QUIC page lists the draft among the WG's documents; then the
// document page on a phone.

function randomLetters(n) {
	return Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
}

/* The path of the confirmation link in the newest sub_confirm mail of submission id, or ''. */
function confirmLinkOf(dataDir, id) {
	const raw = sqlite(dataDir, `SELECT message FROM outbox WHERE template='sub_confirm' AND object_id='${id}' ORDER BY id DESC LIMIT 1`);
	if (raw === '')
		return '';
	const link = /https?:\/\/[^\s"<>]+\/submit\/status\/[0-9]+\/confirm\/[A-Za-z0-9_-]+\//.exec(mailDecode(raw));
	return link ? new URL(link[0]).pathname : '';
}

async function wgScenario() {
	const name = `draft-${randomLetters(8)}-${WG_GROUP}-${randomLetters(8)}`;
	const docPath = `/doc/${name}/`, callPath = `/doc/${name}/adopt/call/`;
	const today = new Date().toISOString().slice(0, 10);
	const ends = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
	const dataDir = process.env.IDT_DATA_DIR || '';
	const noData = 'IDT_DATA_DIR is not set: the confirmation mail cannot be read from the outbox';
	/* Every check here stands on the posted draft, which needs the mail: without the data folder, skip. */
	const need = (desc, fn) => (dataDir ? check(desc, fn) : skipCheck(desc, noData));
	const tmp = mkdtempSync(join(tmpdir(), 'idt-browser-wg-'));
	let id = '', confirmPath = '', posted = false, called = false, adopted = false;
	const wgCalls = () => sqlite(dataDir, `SELECT count(*) FROM wg_call c JOIN document d ON d.id = c.document_id WHERE d.name = '${name}'`);

	// A1: Ann posts the draft; the QUIC page lists it as related.
	const problems = [];
	const ctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const page = await ctx.newPage();
	watch(page, problems);
	watchDialogs(page, problems);
	try {
		await need(`wg A1: ${name}-00 by ${SUB_AUTHOR} goes through POST /api/submission (user=${SUB_EMAIL}) and waits for her confirmation (auth)`, async () => {
			const out = execFileSync('python3', [join(here, '../e2e/gen_draft.py'), '--name', name, '--rev', '00', '--date', today,
				'--author', SUB_AUTHOR, '--format', 'txt', '--out', tmp], { encoding: 'utf8', timeout: STEP_TIMEOUT_MS });
			const txt = out.split('\n').map((l) => l.trim()).find((p) => p.endsWith(`${name}-00.txt`));
			if (!txt)
				return `gen_draft.py wrote ${JSON.stringify(out.trim())}`;
			const form = new FormData();
			form.append('user', SUB_EMAIL);
			form.append('txt', new Blob([readFileSync(txt)], { type: 'text/plain' }), `${name}-00.txt`);
			const resp = await fetch(`${baseURL}/api/submission`, { method: 'POST', body: form, signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
			const body = await resp.text();
			if (resp.status !== 200)
				return `POST /api/submission answered ${resp.status}: ${body.slice(0, 300)}`;
			const j = JSON.parse(body);
			id = String(j.id);
			if (j.state !== 'auth')
				return `the submission is ${j.state}, want auth`;
		});

		await need('wg A1: the confirmation link from the outbox, opened and pressed (Confirm and post), posts the draft', async () => {
			if (id === '')
				return 'nothing was submitted';
			confirmPath = confirmLinkOf(dataDir, id);
			if (confirmPath === '')
				return `no confirmation link for submission ${id} in the outbox`;
			const resp = await page.goto(confirmPath);
			if (resp.status() !== 200)
				return `GET ${confirmPath} answered ${resp.status()}`;
			await submit(page, page.getByRole('button', { name: 'Confirm and post', exact: true }));
			if (path(page) !== `/submit/status/${id}/`)
				return `landed on ${page.url()}${await notice(page)}`;
			const st = sqlite(dataDir, `SELECT state FROM submission WHERE id=${id}`);
			if (st !== 'posted')
				return `the submission is ${st}${await notice(page)}`;
			posted = true;
		});

		await need(`wg A1: /group/${WG_GROUP}/ lists ${name}-00 among related drafts (#wg-related), not in #wg-docs`, async () => {
			if (!posted)
				return 'the draft was not posted';
			const resp = await page.goto(`/group/${WG_GROUP}/`);
			if (resp.status() !== 200)
				return `GET /group/${WG_GROUP}/ answered ${resp.status()}`;
			const link = page.locator(`table#wg-related a[href="${docPath}"]`);
			if (await link.count() !== 1)
				return `${await link.count()} links to ${docPath} in table#wg-related`;
			const text = (await link.innerText()).trim();
			if (text !== `${name}-00`)
				return `the link reads "${text}"`;
			if (await page.locator(`table#wg-docs a[href="${docPath}"]`).count() !== 0)
				return 'it is listed in #wg-docs too';
		});

		await check('wg A1: no console errors, CSP violations, dialogs or failed requests (confirm, group page)', () => {
			if (problems.length > 0)
				return problems.join('; ');
		});
	} finally {
		await ctx.close();
		rmSync(tmp, { recursive: true, force: true });
	}

	// A2, A4, A5: the QUIC chair calls for adoption and closes the call.
	const chairProblems = [];
	const cctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const cpage = await cctx.newPage();
	watch(cpage, chairProblems, [{ path: callPath, status: 400 }]);
	watchDialogs(cpage, chairProblems);
	try {
		await need(`wg A2: the ${WG_GROUP.toUpperCase()} chair (${WG_CHAIR}) sees the Working group section (#wg-meta, state None) and the chairs' form (#wg-form)`, async () => {
			if (!posted)
				return 'the draft was not posted';
			const why = await signIn(cpage, WG_CHAIR);
			if (why)
				return why;
			const resp = await cpage.goto(docPath);
			if (resp.status() !== 200)
				return `GET ${docPath} answered ${resp.status()}`;
			if (await cpage.locator('dl#wg-meta').count() !== 1)
				return 'no dl#wg-meta';
			const group = await metaValue(cpage, '#wg-meta', 'Group');
			if (group !== WG_GROUP)
				return `#wg-meta Group reads "${group}"`;
			const st = (await cpage.locator('#wg-state').innerText()).trim();
			if (st !== 'None')
				return `#wg-state reads "${st}"`;
			const form = cpage.locator('form#wg-form');
			if (await form.count() !== 1)
				return 'no form#wg-form';
			for (const f of ['state', 'value', 'comment'])
				if (await form.locator(`label[for=${f}]`).count() !== 1)
					return `#${f} has no <label for>`;
			if (await form.locator('button[name=action][value=close]').count() !== 0)
				return 'Close the call is offered with no call open';
		});

		await need('wg A2: following "Issue a call for adoption or withdrawal" opens the call form (#call-form), #text prefilled with the template', async () => {
			if (path(cpage) !== docPath)
				return `not on ${docPath}`;
			await submit(cpage, cpage.getByRole('link', { name: 'Issue a call for adoption or withdrawal', exact: true }));
			if (path(cpage) !== callPath)
				return `landed on ${cpage.url()}`;
			const form = cpage.locator('form#call-form');
			if (await form.count() !== 1)
				return 'no form#call-form';
			for (const f of ['group', 'days', 'text'])
				if (await form.locator(`label[for=${f}]`).count() !== 1)
					return `#${f} has no <label for>`;
			if (await cpage.inputValue('#group') !== WG_GROUP)
				return `#group holds "${await cpage.inputValue('#group')}"`;
			const text = await cpage.inputValue('#text');
			if (!text.includes('Is the proposal useful?'))
				return '#text does not ask "Is the proposal useful?"';
			if (!text.includes(name))
				return `#text does not name ${name}`;
		});

		await need('wg A4: 12 days is refused (400): the page says "at least two weeks", keeps the form with 12, and no call is made', async () => {
			if (path(cpage) !== callPath)
				return 'not on the call form';
			await cpage.fill('#days', '12');
			const answer = cpage.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === callPath);
			await submit(cpage, cpage.getByRole('button', { name: 'Send the call', exact: true }));
			const resp = await answer;
			if (resp.status() !== 400)
				return `the POST answered ${resp.status()}, want 400${await notice(cpage)}`;
			const n = cpage.locator('main .notice');
			if (await n.count() < 1 || !(await n.first().innerText()).includes('at least two weeks'))
				return `no notice saying "at least two weeks"${await notice(cpage)}`;
			if (await cpage.locator('form#call-form').count() !== 1)
				return 'the form is gone';
			if (await cpage.inputValue('#days') !== '12')
				return `#days holds "${await cpage.inputValue('#days')}"`;
			if (!(await cpage.inputValue('#text')).includes('Is the proposal useful?'))
				return '#text lost the template';
			const calls = wgCalls();
			if (calls !== '0')
				return `${calls} calls were recorded`;
		});

		await need(`wg A2: 14 days sends the call: back on the document page, #wg-state reads "Call For Adoption By WG Issued (call for adoption open until ${ends})"`, async () => {
			if (path(cpage) !== callPath)
				return 'not on the call form';
			await cpage.fill('#days', '14');
			await submit(cpage, cpage.getByRole('button', { name: 'Send the call', exact: true }));
			if (path(cpage) !== docPath)
				return `landed on ${cpage.url()}${await notice(cpage)}`;
			const st = (await cpage.locator('#wg-state').innerText()).trim();
			const want = `Call For Adoption By WG Issued (call for adoption open until ${ends})`;
			if (st !== want)
				return `#wg-state reads "${st}", want "${want}"`;
			if (await cpage.locator('ul#checklist').count() !== 1)
				return 'no adoption checklist (#checklist)';
			if (await cpage.locator('#wg-form button[name=action][value=close]').count() !== 1)
				return 'no Close the call button in #wg-form';
			called = true;
		});

		await need('wg A2: screenshot browser-wg-call.png', async () => {
			if (!called)
				return 'no call was sent';
			await cpage.screenshot({ path: join(shotDir, 'browser-wg-call.png'), fullPage: true });
		});

		await need('wg A5: outcome "adopt" with the summary, "Close the call with this outcome": #wg-state reads "Adopted by a WG", #checklist has the consensus step ticked', async () => {
			if (!called || path(cpage) !== docPath)
				return 'no call is open on the document page';
			/* Scoped to the form: page.fill() is not strict and would take any first #value. */
			await cpage.locator('#wg-form #value').fill('adopt');
			await cpage.locator('#wg-form #comment').fill(WG_SUMMARY);
			await submit(cpage, cpage.locator('#wg-form').getByRole('button', { name: 'Close the call with this outcome', exact: true }));
			if (path(cpage) !== docPath)
				return `landed on ${cpage.url()}${await notice(cpage)}`;
			const st = (await cpage.locator('#wg-state').innerText()).trim();
			if (st !== 'Adopted by a WG')
				return `#wg-state reads "${st}"${await notice(cpage)}`;
			const step = cpage.locator('ul#checklist > li', { hasText: 'Rough consensus judged' });
			if (await step.count() !== 1)
				return `${await step.count()} consensus steps in #checklist`;
			const text = (await step.innerText()).trim();
			if (!text.startsWith('[x] Rough consensus judged and announced to the WG'))
				return `the consensus step reads "${text}"`;
			if (await step.getAttribute('class') !== 'done')
				return `the consensus step's class is "${await step.getAttribute('class')}"`;
			if (await cpage.locator('#wg-form button[name=action][value=close]').count() !== 0)
				return 'Close the call is still offered';
			adopted = true;
		});

		await need('wg A5: screenshot browser-wg-adopted.png', async () => {
			if (!adopted)
				return 'the draft was not adopted';
			await cpage.screenshot({ path: join(shotDir, 'browser-wg-adopted.png'), fullPage: true });
		});

		await check('wg A2: no console errors, CSP violations, dialogs or failed requests for the chair (document, call, close)', () => {
			if (chairProblems.length > 0)
				return chairProblems.join('; ');
		});
	} finally {
		await cctx.close();
	}

	// A13: the QUIC page lists it among the WG's documents.
	const pubProblems = [];
	const uctx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
	const upage = await uctx.newPage();
	watch(upage, pubProblems);
	watchDialogs(upage, pubProblems);
	try {
		await need(`wg A13: /group/${WG_GROUP}/ lists ${name}-00 in #wg-docs with state "Adopted by a WG", no longer in #wg-related`, async () => {
			if (!adopted)
				return 'the draft was not adopted';
			const resp = await upage.goto(`/group/${WG_GROUP}/`);
			if (resp.status() !== 200)
				return `GET /group/${WG_GROUP}/ answered ${resp.status()}`;
			const row = upage.locator('table#wg-docs tbody tr', { has: upage.locator(`a[href="${docPath}"]`) });
			if (await row.count() !== 1)
				return `${await row.count()} rows of table#wg-docs link to ${docPath}`;
			const st = (await row.locator('td[data-label="State"]').innerText()).trim();
			if (st !== 'Adopted by a WG')
				return `its State reads "${st}"`;
			if (await upage.locator(`table#wg-related a[href="${docPath}"]`).count() !== 0)
				return 'it is still listed in #wg-related';
		});

		await need('wg A13: screenshot browser-wg-group.png', async () => {
			if (!adopted)
				return 'the draft was not adopted';
			await upage.screenshot({ path: join(shotDir, 'browser-wg-group.png'), fullPage: true });
		});

		await check('wg A13: no console errors, CSP violations, dialogs or failed requests (group page)', () => {
			if (pubProblems.length > 0)
				return pubProblems.join('; ');
		});
	} finally {
		await uctx.close();
	}

	// The document page on a phone, as the chair sees it (the Working group section and the form).
	const phoneProblems = [];
	const pctx = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const ppage = await pctx.newPage();
	watch(ppage, phoneProblems);
	watchDialogs(ppage, phoneProblems);
	try {
		await need(`wg A2: on a phone (390x844) ${docPath} with the chairs' form has no horizontal scroll`, async () => {
			if (!posted)
				return 'the draft was not posted';
			const why = await signIn(ppage, WG_CHAIR);
			if (why)
				return why;
			const resp = await ppage.goto(docPath);
			if (resp.status() !== 200)
				return `GET ${docPath} answered ${resp.status()}`;
			if (await ppage.locator('form#wg-form').count() !== 1)
				return 'no form#wg-form';
			return noHorizontalScroll(ppage);
		});
		await need('wg A2: screenshot browser-wg-phone.png', async () => {
			if (path(ppage) !== docPath)
				return `not on ${docPath}`;
			await ppage.screenshot({ path: join(shotDir, 'browser-wg-phone.png'), fullPage: true });
		});
		await check('wg A2: no console errors, CSP violations or dialogs on the phone', () => {
			if (phoneProblems.length > 0)
				return phoneProblems.join('; ');
		});
	} finally {
		await pctx.close();
	}
}
