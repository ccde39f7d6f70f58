// What the browser tests share: a real jos-server (the binary, on a free port, its own
// SQLite file), a desktop client core without a window (jos_web_peer), and Debian's
// Chromium driven by playwright-core with a fresh profile. The browser client is found by
// the marks it reports (window.josTest turns them on): names of drawn parts and their
// rectangles in canvas pixels, as the desktop GUI tests read them from --marks.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

export const SERVER = process.env.JOS_SERVER;
export const PEER = process.env.JOS_PEER;
export const SITE = process.env.JOS_WEB_SITE;
const CHROMIUM = process.env.JOS_CHROMIUM || '/usr/bin/chromium';

export function scratch(name) {
  const dir = mkdtempSync(join(tmpdir(), `jos-web-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Waits until `probe()` gives something truthy, polling; throws `what` after `ms`.
export async function until(probe, what, ms = 20000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await sleep(50);
  }
  throw new Error(`${what} (niet binnen ${ms} ms)`);
}

// jos-server on `port` (0: a free one) with the database `db`; `extra` are more flags.
export async function startServer(db, port = 0, extra = []) {
  const portFile = `${db}.port`;
  rmSync(portFile, { force: true });
  const args = ['--port', String(port), '--db', db, '--port-file', portFile, '--log-level', 'warn',
                '--web', SITE, ...extra];
  const proc = spawn(SERVER, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  await until(() => existsSync(portFile) && readFileSync(portFile, 'utf8').trim(), 'jos-server startte niet');
  const actual = Number(readFileSync(portFile, 'utf8').trim());
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/`,
    ws: `ws://127.0.0.1:${actual}`,
    proc,
    // SIGKILL: no goodbye to anyone, as when the machine dies.
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await once(proc, 'exit');
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;  // killed already
      proc.kill('SIGTERM');
      await once(proc, 'exit');
    },
  };
}

// The desktop side: a client core in its own process, one JSON command per line.
export async function startPeer(server, configDir) {
  const proc = spawn(PEER, [server, configDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  // A peer that ends fails what waits for it (else the test would hang on nothing).
  proc.on('exit', (code, signal) => {
    for (const w of waiting.splice(0))
      w.reject(new Error(`jos_web_peer ended (${signal ?? code}) before answering`));
  });
  const peer = {
    async do(command) {
      const answer = new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      proc.stdin.write(JSON.stringify(command) + '\n');
      const reply = await answer;
      if (!reply.ok) throw new Error(`peer ${command.do}: ${reply.error} ${JSON.stringify(reply.state ?? {})}`);
      return reply;
    },
    async quit() {
      if (proc.exitCode !== null) return;
      await peer.do({ do: 'quit' });
      await once(proc, 'exit');
    },
  };
  return peer;
}

// Chromium with a fresh profile (kept until close, so a reload finds its IndexedDB);
// `args`: more command-line switches.
// `touch`: a touch screen as well as the mouse (page.touchscreen, Input.dispatchTouchEvent).
export async function launch({ width = 1280, height = 800, testHooks = true, touch = false,
                               args = [] } = {}) {
  const profile = scratch('profile');
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    hasTouch: touch,
    args: ['--no-sandbox', '--use-gl=swiftshader', '--disable-gpu-sandbox',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-first-run', '--disable-quic', ...args],
  });
  if (testHooks) await context.addInitScript(() => { window.josTest = true; });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.stack));
  return {
    context,
    page,
    profileDir: profile.dir,
    async close() {
      await context.close();
      profile.remove();
    },
  };
}

export async function status(page) {
  return page.evaluate(() => (window.Module && Module.calledRun)
    ? JSON.parse(Module.ccall('jos_status', 'string')) : null);
}

export async function open(page, url) {
  await page.goto(url);
  return until(async () => (await status(page))?.frames > 0, 'de browserclient tekende niets');
}

export async function marks(page) {
  const text = await page.evaluate(() => Module.ccall('jos_marks', 'string'));
  const out = {};
  for (const line of text.split('\n')) {
    const [name, l, t, r, b] = line.split(' ');
    if (name) out[name] = { l: +l, t: +t, r: +r, b: +b };
  }
  return out;
}

// Clicks the middle of a part the client drew, once it is drawn and in its place (what
// just appeared may still move: a table filling in above it). The canvas has the page's
// size at devicePixelRatio 1, so its pixels are the page's.
export async function click(page, name, ms = 15000) {
  const where = await placed(page, name, ms);
  await page.mouse.click((where.l + where.r) / 2, (where.t + where.b) / 2);
  await sleep(60);  // a frame to take the click
  return where;
}

// A finger's tap on the middle of a part, once it is in its place: the finger rests on the
// screen for a moment, as a finger does (frames are drawn in between).
export async function tap(page, name, ms = 15000) {
  const where = await placed(page, name, ms);
  const cdp = await page.context().newCDPSession(page);
  const touchPoints = [{ x: (where.l + where.r) / 2, y: (where.t + where.b) / 2 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints });
  await sleep(100);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await sleep(60);
  return where;
}

// Where `name` is once the client drew no frame for a while (what the last input changed
// has been laid out; a click is taken a frame after the pointer arrives, and a loaded
// machine takes long over a frame) and it stays put.
async function placed(page, name, ms) {
  let seen = null;
  let frames = -1;
  let since = Date.now();
  return until(async () => {
    const drawn = (await status(page)).frames;
    const now = (await marks(page))[name];
    const same = now && seen && drawn === frames &&
                 ['l', 't', 'r', 'b'].every((side) => now[side] === seen[side]);
    if (!same) since = Date.now();
    seen = now;
    frames = drawn;
    return same && Date.now() - since >= 300 ? now : null;
  }, `${name} staat niet op het scherm`, ms);
}

// Clicks into a text field and waits for its cursor, as a person does before typing.
// A field that may not take text yet (a role that is still on its way) is clicked again.
export async function clickField(page, name) {
  await until(async () => {
    await click(page, name);
    for (let i = 0; i < 10; ++i) {
      if ((await status(page))?.text_input) return true;
      await sleep(100);
    }
    return false;
  }, `${name} neemt geen tekst aan`);
}

// Types as a person does: key by key, each held for a moment (a press and release within
// one frame would be lost to Dear ImGui 1.86).
export async function type(page, text) {
  await page.keyboard.type(text, { delay: 25 });
}

export async function press(page, key) {
  await page.keyboard.press(key, { delay: 40 });
}

// The start screen: join with `code` as `name` (jongerenwerker).
export async function joinWithCode(page, code, name) {
  await clickField(page, 'start/code');
  await type(page, code);
  await clickField(page, 'start/name');
  await type(page, name);
  await clickField(page, 'start/function');
  await type(page, 'jongerenwerker');
  await click(page, 'start/jongerenwerk');
  await click(page, 'start/join');
  try {
    return await until(async () => (await status(page))?.live, 'de browserclient kwam niet live');
  } catch (e) {
    await page.screenshot({ path: `${tmpdir()}/jos-web-join-failed.png` });
    throw new Error(`${e.message}: ${JSON.stringify(await status(page))}`);
  }
}

// The Signaleringsinstrument (begin) as the browser client holds it: per row its rating
// and its text.
export async function signalering(page) {
  return (await status(page))?.signalering ?? [];
}

// Anna (desktop) starts the leerlijn and meeting 1; Zoë (browser, `size`) joins and is made
// invuller. restart() brings the server back on the same port and database.
export async function meetingWithZoeFillingIn(name, size = {}) {
  const work = scratch(name);
  const db = `${work.dir}/jos.sqlite`;
  let server = await startServer(db);
  const port = server.port;
  const anna = await startPeer(server.ws, `${work.dir}/anna`);
  const browser = await launch(size);
  const { join_code: code } = await anna.do({ do: 'create' });
  await open(browser.page, server.url);
  await joinWithCode(browser.page, code, 'Zoë Çelik');
  await anna.do({ do: 'start_meeting', meeting: 0, agenda: 4 });
  await anna.do({ do: 'assign', name: 'Zoë Çelik', role: 'invuller' });
  await anna.do({ do: 'settle' });
  return {
    work, anna, browser, page: browser.page, code,
    get server() { return server; },
    async restart() { server = await startServer(db, port); },
    async close() {
      await browser.close();
      await anna.quit();
      await server.stop();
      work.remove();
    },
  };
}
