// Memory per Blazor Server circuit: signs in once per browser context, then opens signed-in tabs one by one (each a
// live interactive circuit on the next of the given paths), and at each step samples the app's resident memory
// (VmRSS of APP_PID) and, through the HOOK command (run.sh passes one that takes a gcdump), its live managed heap.
// Usage: APP_PID=123 [HOOK=cmd] node p4_circuits.js [base] [steps=0,10,20,40] [user=supervisor] [paths=/,/tickets]
const { chromium } = require('playwright-core');
const fs = require('fs');
const { execSync } = require('child_process');
const base = process.argv[2] || 'http://127.0.0.1:5204';
const steps = (process.argv[3] || '0,10,20,40').split(',').map(Number);
const user = process.argv[4] || 'supervisor';
const paths = (process.argv[5] || '/,/tickets').split(',');
const pid = process.env.APP_PID;
const rss = () => pid ? Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024 : NaN;
const hook = n => { if (!process.env.HOOK) return NaN; try { return Number(execSync(process.env.HOOK + ' ' + n, { encoding: 'utf8', timeout: 180000 }).trim()); } catch (e) { console.error('hook failed ' + e.message); return NaN; } };
const sleep = ms => new Promise(r => setTimeout(r, ms));
const slope = (xs, ys) => { const n = xs.length, mx = xs.reduce((a, b) => a + b) / n, my = ys.reduce((a, b) => a + b) / n;
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0); };
(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--renderer-process-limit=4', '--disable-extensions',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  const ctx = await browser.newContext();
  const login = await ctx.newPage();
  await login.goto(base + '/account/login', { timeout: 180000 });
  await login.fill('#userName', user);
  await login.fill('#password', process.env.PASSWORD || 'ServiceMark-Demo-2026');
  await login.click('#login-submit');
  await login.waitForURL(u => !u.pathname.startsWith('/account/login'), { timeout: 180000 });
  await login.close();
  let open = 0, errors = 0;
  const pages = [], results = [];
  const sample = async n => { await sleep(n ? 5000 : 2000); const r = rss(), h = hook(n);
    results.push({ tabs: n, openCircuits: open, rssMB: r, heapMB: h });
    console.log(`tabs ${n} open circuits ${open}` + (pid ? ` rss ${r.toFixed(1)} MB` : '') + (process.env.HOOK ? ` live heap ${h.toFixed(1)} MB` : '')); };
  await sample(0);
  for (const target of steps.filter(s => s > 0)) {
    while (pages.length < target) {
      const p = await ctx.newPage();
      p.on('websocket', ws => { if (ws.url().includes('_blazor')) { open++; ws.on('close', () => open--); } });
      p.on('pageerror', () => errors++);
      await p.goto(base + paths[pages.length % paths.length], { timeout: 180000, waitUntil: 'load' });
      await p.waitForFunction(() => window.Blazor !== undefined, null, { timeout: 180000 });
      pages.push(p);
    }
    await sample(pages.length);
  }
  const xs = results.map(r => r.tabs);
  if (pid) console.log(`per circuit: rss ${slope(xs, results.map(r => r.rssMB)).toFixed(2)} MB, live heap ${slope(xs, results.map(r => r.heapMB)).toFixed(2)} MB (least-squares slope over the steps); page errors ${errors}`);
  fs.writeFileSync(process.env.OUT || 'p4-result.json', JSON.stringify(results, null, 1));
  await browser.close();
  if (open < pages.length) { console.error(`only ${open} of ${pages.length} circuits open`); process.exit(1); }
})().catch(e => { console.error(e); process.exit(1); });
