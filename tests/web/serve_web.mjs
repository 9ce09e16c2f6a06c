// tests/web/serve_web.mjs - `guidepress serve` in a real browser: Debian's
// chromium driven by puppeteer-core, the page audited by axe-core.
//
//   node serve_web.mjs GUIDEPRESS SOURCE_DIR WORK_DIR
//
// Starts the desk on a free loopback port, then: fills the form with the
// mouse, sees the live preview, unticks a step, adds a note, downloads the
// PDF and reads it back (pdfinfo pages, pdftotext for the client's name,
// the note and the missing step); checks Print returns the PDF inline;
// shows a guide error with file:line:col; takes desktop and phone
// screenshots (WORK_DIR/serve-desktop*.png, serve-phone*.png); audits the
// desk, its error state and the batch pages with axe-core (no serious or
// critical finding); uses the form with script turned off; goes through
// the whole form with the keyboard only
// (every stop visibly focused) and downloads a PDF that way; runs a batch
// upload to the end. Stops the server and checks it answered throughout.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [exe, src, work] = process.argv.slice(2);
fs.mkdirSync(work, { recursive: true });
const GUIDE = 'data-engineer-to-backend-developer';
for (const k of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'])
  delete process.env[k];

let failures = 0;
function check(cond, what) {
  console.log(`${cond ? 'ok' : 'FAIL'}: ${what}`);
  if (!cond) failures++;
}

function startServer(extra) {
  return new Promise((resolve, reject) => {
    const p = spawn(exe, ['serve', '--listen', '127.0.0.1:0', '--jobs', '2', ...extra],
                    { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    p.stderr.on('data', (d) => { log += d; });
    p.stdout.once('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(d));
      if (!m) reject(new Error('server did not start: ' + d));
      resolve({ p, url: `http://127.0.0.1:${m[1]}`, log: () => log });
    });
    p.on('exit', (code) => reject(new Error('server exited ' + code + ': ' + log)));
  });
}

async function stopServer(s) {
  const done = new Promise((r) => s.p.once('exit', (code, sig) => r(code ?? sig)));
  s.p.kill('SIGTERM');
  return done;
}

function pdf(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0), text: text.replace(/\s+/g, ' ') };
}

async function waitForDownload(dir, before) {
  for (let i = 0; i < 600; i++) {
    const files = fs.readdirSync(dir).filter((f) => !before.has(f) && !f.endsWith('.crdownload'));
    if (files.length) return path.join(dir, files[0]);
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

async function audit(page, what) {
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of res.violations)
    console.log(`  axe ${what}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.help}`);
  check(bad.length === 0, `axe-core on ${what}: ${res.passes.length} rules pass, no serious or critical finding`);
}

const server = await startServer(['--guides', path.join(src, 'data/guides'),
                                  '--guides', path.join(src, 'data/guides-i18n'),
                                  '--guides', path.join(src, 'tests/web/fixtures/guides')]);
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  userDataDir: fs.mkdtempSync(path.join(work, 'profile-')),
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  protocolTimeout: 180000,
});
const downloads = path.join(work, 'downloads');
fs.rmSync(downloads, { recursive: true, force: true });
fs.mkdirSync(downloads);
const cdp = await browser.target().createCDPSession();
await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });

try {
  // 1. The form with the mouse, the live preview, the PDF.
  const page = await browser.newPage();
  page.setDefaultTimeout(120000);
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(server.url + '/');
  check((await page.title()).includes('guidepress desk'), 'the page has a useful title');
  await audit(page, 'the empty desk');

  await page.type('#q', 'backend');
  const shown = await page.$$eval('#guide-list li', (lis) => lis.filter((l) => !l.hidden).length);
  const all = await page.$$eval('#guide-list li', (lis) => lis.length);
  check(shown === 1 && all >= 8, `the guide list filters as you type (${shown} of ${all})`);
  await page.click(`label[for="g-${GUIDE}"]`);
  await page.type('#client', 'Jane Browser-Test');
  await page.type('#adviser', 'Sam Adviser');
  await page.waitForFunction(() => document.querySelectorAll('#preview img').length >= 5 &&
                                   document.querySelector('#ticks input[name=keep]'));
  const imgs = await page.$$eval('#preview img', (l) => l.map((i) => [i.naturalWidth, i.alt]));
  check(imgs.length >= 5 && imgs.every(([w]) => w > 100),
        `the live preview shows ${imgs.length} page images`);
  check(imgs.every(([, alt]) => /^Page \d+/.test(alt)), 'every preview image has alt text');
  const step = await page.$eval('#ticks input[name=keep] + label', (l) => l.firstChild.textContent.trim());
  const status0 = await page.$eval('#preview-status', (e) => e.textContent);
  await page.click('#ticks input[name=keep]');
  await page.type('#note', 'Call me after your first interview.');
  await page.waitForFunction((s) => document.querySelector('#preview-status').textContent !== s &&
                                    !document.querySelector('#preview-status').textContent.includes('Updating'),
                             {}, 'Updating preview…');
  check(status0.length > 0, 'the preview says how many pages');
  await audit(page, 'the desk with a guide and its preview');
  await page.screenshot({ path: path.join(work, 'serve-desktop.png'), fullPage: false });

  let before = new Set(fs.readdirSync(downloads));
  await page.click('button[value=pdf]');
  let file = await waitForDownload(downloads, before);
  check(file && file.endsWith('.pdf'), `Download PDF saves ${file && path.basename(file)}`);
  if (file) {
    const d = pdf(file);
    check(d.pages >= 5, `the PDF has ${d.pages} pages`);
    check(d.text.includes('Jane Browser-Test'), "the PDF has the client's name");
    check(d.text.includes('Call me after your first interview.'), 'the PDF has the private note');
    check(!d.text.includes(step), `the unticked step is left out: "${step}"`);
  }

  // Print opens the PDF: the same form, answered inline.
  const target = await page.$eval('button[value=print]', (b) => b.getAttribute('formtarget'));
  const inline = await page.evaluate(async () => {
    const fd = new FormData(document.getElementById('guide-form'));
    fd.set('action', 'print');
    const r = await fetch('/', { method: 'POST', body: new URLSearchParams(fd) });
    return [r.status, r.headers.get('content-type'), r.headers.get('content-disposition')];
  });
  check(target === '_blank' && inline[0] === 200 && inline[1] === 'application/pdf' &&
        inline[2].startsWith('inline'), `Print opens the PDF in a new tab (${inline})`);

  // 1b. The plan's start date, the client's e-mail, a composed guide.
  const labelled = await page.evaluate(() =>
    ['start', 'email', 'adviser-email', 'from_role', 'to_role'].map((id) => {
      const e = document.getElementById(id);
      return [id, !!e && e.labels.length === 1 && e.labels[0].textContent.trim().length > 0,
              e ? e.type : ''];
    }));
  check(labelled.every(([, ok]) => ok), `the new fields each have a label (${JSON.stringify(labelled)})`);
  check(labelled[0][2] === 'date' && labelled[1][2] === 'email',
        'the start date is a date input, the address an e-mail input');
  const setValue = (sel, v) => page.$eval(sel, (e, v) => {
    e.value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, v);
  await setValue('#start', '2027-01-11');
  await page.type('#email', 'jane@example.org');
  await page.type('#adviser-email', 'sam@example.org');
  await page.waitForFunction(() => !document.querySelector('#preview-status').textContent.includes('Updating') &&
                                   document.querySelectorAll('#preview img').length >= 5);
  await audit(page, 'the desk with a start date and an e-mail address');
  await page.screenshot({ path: path.join(work, 'serve-desktop-plan.png'), fullPage: true });
  const dl = await page.evaluate(async () => {
    const out = {};
    for (const action of ['ics', 'eml']) {
      const fd = new FormData(document.getElementById('guide-form'));
      fd.set('action', action);
      const r = await fetch('/', { method: 'POST', body: new URLSearchParams(fd) });
      out[action] = [r.status, r.headers.get('content-type'), r.headers.get('content-disposition'),
                     await r.text()];
    }
    return out;
  });
  check(dl.ics[0] === 200 && dl.ics[1].startsWith('text/calendar') &&
        dl.ics[3].includes('DTSTART;VALUE=DATE:20270118'), // Week 2-4 (Week 1-2 is unticked)
        `Add to calendar gives the dated .ics (${dl.ics.slice(0, 3)})`);
  check(dl.eml[0] === 200 && dl.eml[1] === 'message/rfc822' && dl.eml[2].startsWith('attachment') &&
        /^To: jane@example\.org/m.test(dl.eml[3]) && dl.eml[3].includes('application/pdf'),
        `Email gives the .eml with the PDF attached (${dl.eml.slice(0, 3)})`);
  if (file) fs.rmSync(file); // the same guide again: the same file name
  before = new Set(fs.readdirSync(downloads));
  await page.click('button[value=pdf]');
  file = await waitForDownload(downloads, before);
  check(file && pdf(file).text.includes('Feb–Apr 2027') && !pdf(file).text.includes('Month 2-4'),
        'with a start date, the PDF has dated steps (Month 2-4 is Feb–Apr 2027)');
  // A bad date from the form (typed past the browser's picker): the message beside the field.
  await page.evaluate(() => {
    const f = document.getElementById('guide-form');
    const fd = new FormData(f);
    fd.set('start', '2027-02-30');
    fd.set('action', 'preview');
    return fetch('/', { method: 'POST', body: new URLSearchParams(fd) }).then((r) => r.text())
      .then((html) => { document.open(); document.write(html); document.close(); });
  });
  await page.waitForSelector('#start-error');
  const startErr = await page.$eval('#start', (e) => [e.getAttribute('aria-invalid'),
                                                      e.getAttribute('aria-describedby')]);
  check(startErr[0] === 'true' && startErr[1].includes('start-error'),
        `a bad start date is marked and described beside the field (${startErr})`);
  await audit(page, 'the desk with a field error');
  await page.screenshot({ path: path.join(work, 'serve-desktop-error.png'), fullPage: false });
  // A composed guide: the two role lists, then the preview.
  await page.goto(server.url + '/');
  await page.select('#from_role', 'nurse');
  await page.select('#to_role', 'ux-designer');
  check(await page.$eval('#g-roles', (e) => e.checked), 'choosing roles chooses the composed guide');
  await page.waitForFunction(() => !document.querySelector('#preview-status').textContent.includes('Updating') &&
                                   document.querySelectorAll('#preview img').length >= 3);
  check((await page.$$eval('#preview img', (l) => l.length)) >= 3, 'a role pair has a live preview');
  await audit(page, 'the desk with a composed guide');
  await page.screenshot({ path: path.join(work, 'serve-desktop-roles.png'), fullPage: false });
  before = new Set(fs.readdirSync(downloads));
  await page.click('button[value=pdf]');
  file = await waitForDownload(downloads, before);
  check(file && path.basename(file) === 'nurse--ux-designer.pdf' &&
        pdf(file).text.includes('Nurse') && pdf(file).text.includes('UX Designer'),
        `a role pair's PDF names both roles (${file && path.basename(file)})`);

  // 2. A guide with an error: file:line:col and the hint in the page.
  await page.click('#q', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.click('label[for="g-broken-guide"]');
  await page.waitForSelector('#form-errors [role=alert]');
  const err = await page.$eval('#form-errors', (e) => e.textContent);
  check(err.includes('broken-guide.yaml:11:5') && err.includes('hint:'),
        'a guide error shows file:line:col and the hint');
  await audit(page, 'the desk showing a guide error');

  // 3. The phone width.
  await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
  await page.goto(server.url + `/?guide=${GUIDE}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no sideways scrolling at 390 px (${overflow})`);
  await page.screenshot({ path: path.join(work, 'serve-phone.png'), fullPage: false });
  await page.$eval('#start', (e) => e.scrollIntoView());
  await page.screenshot({ path: path.join(work, 'serve-phone-fields.png'), fullPage: false });
  await audit(page, 'the desk at phone width');

  // 4. Keyboard only: every stop focused visibly; then a PDF made without the mouse.
  const kb = await browser.newPage();
  kb.setDefaultTimeout(120000);
  await kb.setViewport({ width: 1280, height: 900 });
  await kb.goto(server.url + '/');
  const stops = [];
  for (let i = 0; i < 80; i++) {
    await kb.keyboard.press('Tab');
    const s = await kb.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const cs = getComputedStyle(e);
      return { id: e.id || (e.tagName === 'BUTTON' || e.tagName === 'A' ? e.textContent.trim().slice(0, 20) : e.name),
               tag: e.tagName,
               type: e.type || '', visible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
    });
    if (!s) break;
    if (stops.length && stops[0].id === s.id && stops[0].tag === s.tag) break;
    stops.push(s);
  }
  const ids = stops.map((s) => s.id);
  console.log("  stops: " + JSON.stringify(stops.map((s) => s.id)));
  const want = ['q', 'client', 'adviser', 'date', 'start', 'email', 'adviser-email', 'style',
                'note', 'from_role', 'to_role'];
  check(want.every((w) => ids.includes(w)), `Tab reaches every field (${ids.join(', ')})`);
  check(stops.some((s) => s.type === 'radio'), 'Tab reaches the guide list');
  check(['Update preview', 'Download PDF', 'Print (opens the PDF', 'Add to calendar (.ic',
         'Email (.eml)'].every((t) => ids.includes(t)),
        'Tab reaches every button');
  const unseen = stops.filter((s) => !s.visible).map((s) => s.id);
  check(unseen.length === 0, `every focused element shows a 2 px or wider outline (not: ${unseen})`);

  // Tab (never the mouse) to each field in turn.
  const tabTo = async (test, what) => {
    for (let i = 0; i < 100; i++) {
      await kb.keyboard.press('Tab');
      if (await kb.evaluate(test)) return true;
    }
    check(false, 'Tab reaches ' + what);
    return false;
  };
  await kb.goto(server.url + '/');
  await tabTo(() => document.activeElement.id === 'q', 'the search');
  await kb.keyboard.type('nurse');
  await tabTo(() => document.activeElement.name === 'guide', 'the guide list');
  await kb.keyboard.press('Space');
  const chosen = await kb.$eval('input[name=guide]:checked', (r) => r.value).catch(() => null);
  check(chosen === 'nurse-to-clinical-data-analyst', `Space chooses the guide (${chosen})`);
  await tabTo(() => document.activeElement.id === 'client', "the client's name");
  await kb.keyboard.type('Kim Keyboard');
  await kb.waitForFunction(() => document.querySelector('#ticks input[name=keep]'));
  await tabTo(() => document.activeElement.value === 'pdf', 'Download PDF');
  before = new Set(fs.readdirSync(downloads));
  await kb.keyboard.press('Enter');
  file = await waitForDownload(downloads, before);
  if (file) {
    const d = pdf(file);
    check(d.text.includes('Kim Keyboard') && d.text.includes('Nurse'),
          'a PDF made with the keyboard only is the chosen guide, for the typed name');
  } else {
    check(false, 'a PDF made with the keyboard only');
  }

  // 4b. Without script: the form still works (Update preview, then Download PDF).
  const ns = await browser.newPage();
  ns.setDefaultTimeout(120000);
  await ns.setJavaScriptEnabled(false);
  await ns.setViewport({ width: 1280, height: 900 });
  await ns.goto(server.url + '/');
  await ns.click('label[for="g-teacher-to-instructional-designer"]');
  await ns.type('#client', 'Noel Noscript');
  await Promise.all([ns.waitForNavigation(), ns.click('button[value=preview]')]);
  const nsImgs = await ns.$$eval('#preview img', (l) => l.length);
  const nsTicks = await ns.$$eval('#ticks input[name=keep]', (l) => l.length);
  check(nsImgs >= 5 && nsTicks >= 4,
        `without script, Update preview returns the page with ${nsImgs} pages and ${nsTicks} ticks`);
  check((await ns.$eval('#client', (e) => e.value)) === 'Noel Noscript', 'and keeps what was typed');
  before = new Set(fs.readdirSync(downloads));
  await ns.click('button[value=pdf]');
  file = await waitForDownload(downloads, before);
  check(file && pdf(file).text.includes('Noel Noscript'), 'without script, Download PDF works');

  // 5. The batch page: upload, progress, zip, failed rows.
  const bp = await browser.newPage();
  bp.setDefaultTimeout(180000);
  await bp.setViewport({ width: 1280, height: 900 });
  await bp.goto(server.url + '/batch');
  await audit(bp, 'the batch form');
  const csv = path.join(work, 'clients.csv');
  fs.writeFileSync(csv, 'guide,prepared_for,prepared_by,date,output\n' +
    `${GUIDE},Ann One,Sam,2026-01-12,\n` + `nurse-to-clinical-data-analyst,Bo Two,Sam,2026-01-12,\n` +
    `no-such-guide,Cy Three,Sam,2026-01-12,\n`);
  const input = await bp.$('#csv');
  await input.uploadFile(csv);
  // The progress page reloads itself when the batch is done, which can be
  // at once for three rows: read the bar from the page as it was served,
  // not from a live page that may be navigating away.
  const [served] = await Promise.all([bp.waitForNavigation(), bp.click('form button[type=submit]')]);
  const servedHtml = served ? await served.text() : '';
  check(/\/batch\/[0-9a-f]{32}$/.test(bp.url()) && servedHtml.includes('<progress'),
        'the upload shows a progress bar');
  await bp.waitForFunction(() => document.querySelector('h1').textContent.includes('finished'));
  const prog = await bp.$eval('progress', (p) => [p.value, p.max]);
  const failed = await bp.$eval('table', (t) => t.textContent).catch(() => '');
  check(prog[0] === 3 && prog[1] === 3, `the progress bar fills (${prog})`);
  check(failed.includes('no-such-guide') && failed.includes('clients.csv:4:1'),
        'the failed row is listed with its error');
  await audit(bp, 'the finished batch');
  before = new Set(fs.readdirSync(downloads));
  await bp.click('a[href$="result.zip"]');
  file = await waitForDownload(downloads, before);
  const list = file ? execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n').sort() : [];
  check(list.join(',') === `${GUIDE}-1.pdf,nurse-to-clinical-data-analyst-2.pdf,report.json`,
        `the zip holds the PDFs and the report (${list})`);
} catch (e) {
  console.log('FAIL: ' + (e.stack || e));
  failures++;
} finally {
  await browser.close();
}

// Screenshots of the shipped defaults for docs/serve.md (desktop and phone).
const plain = await startServer([]);
const b2 = await puppeteer.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  userDataDir: fs.mkdtempSync(path.join(work, 'profile-')),
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  protocolTimeout: 180000,
});
try {
  for (const [name, vp] of [['desktop', { width: 1280, height: 900 }],
                            ['phone', { width: 390, height: 844, isMobile: true, hasTouch: true }]]) {
    const p = await b2.newPage();
    p.setDefaultTimeout(120000);
    await p.setViewport(vp);
    await p.goto(plain.url + '/');
    await p.click(`label[for="g-${GUIDE}"]`);
    await p.type('#client', 'Jane Doe');
    await p.type('#adviser', 'Priya Natarajan');
    await p.waitForFunction(() => document.querySelectorAll('#preview img').length >= 5);
    await p.screenshot({ path: path.join(work, `serve-${name}.png`), fullPage: name === 'phone' });
    check(fs.statSync(path.join(work, `serve-${name}.png`)).size > 10000, `a ${name} screenshot`);
  }
} catch (e) {
  console.log('FAIL: ' + (e.stack || e));
  failures++;
} finally {
  await b2.close();
}

const health = await fetch(server.url + '/healthz').then((r) => r.text()).catch(() => '');
check(health === 'ok\n', 'the server still answers');
const code = await stopServer(server);
check(code === 0, `the server stops cleanly (${code})`);
check(!/Jane Browser-Test|Kim Keyboard|interview/.test(server.log()), 'the access log holds no personal data');
await stopServer(plain);
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
