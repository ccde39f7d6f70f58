// The browser client's figures (issue 15): transfer size, time to the first frame with the
// meeting's state, idle CPU of the tab, frame build time of the busiest view. Runs a real
// jos-server, a desktop peer and Debian's Chromium (SwiftShader) through the browser tests'
// harness; needs a build with tests (jos_web_peer) and tests/web/setup.sh done.
//   node bench/web.mjs build/NAME
import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

const build = resolve(process.argv[2] ?? 'build/test');
process.env.JOS_SERVER ??= `${build}/server/jos-server`;
process.env.JOS_PEER ??= `${build}/tests/web/jos_web_peer`;
process.env.JOS_WEB_SITE ??= `${build}/web/site`;
const h = await import('../tests/web/harness.mjs');

// The bytes a browser receives for `path` when it accepts gzip (the body on the wire).
function fetched(port, path) {
  return new Promise((done, fail) => {
    request({ port, host: '127.0.0.1', path, headers: { 'Accept-Encoding': 'gzip' } }, (r) => {
      let bytes = 0;
      const chunks = [];
      r.on('data', (c) => { bytes += c.length; chunks.push(c); });
      r.on('end', () => done({ bytes, body: Buffer.concat(chunks), encoding: r.headers['content-encoding'] }));
    }).on('error', fail).end();
  });
}

// CPU seconds (user + system) of every process of this Chromium (its profile folder names
// it), by kind of process (browser, renderer, gpu-process, utility).
function browserCpu(profileDir) {
  const kinds = {};
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes(profileDir)) continue;
      const kind = /--type=([a-z-]+)/.exec(command)?.[1] ?? 'browser';
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      kinds[kind] = (kinds[kind] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100;  // utime, stime in USER_HZ
    } catch { /* ended meanwhile */ }
  }
  return kinds;
}
const cpuSum = (kinds) => Object.values(kinds).reduce((a, b) => a + b, 0);

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];

const work = h.scratch('bench');
const server = await h.startServer(`${work.dir}/jos.sqlite`);
const anna = await h.startPeer(server.ws, `${work.dir}/anna`);
const browser = await h.launch();
const figures = [];
try {
  // 1. Transfer size: the page, its worker and every file it loads, gzipped where asked.
  const page = await fetched(server.port, '/');
  const html = (page.encoding === 'gzip' ? gunzipSync(page.body) : page.body).toString();
  const assets = JSON.parse(/data-assets="([^"]*)"/.exec(html)[1].replaceAll('&quot;', '"'));
  let total = page.bytes + (await fetched(server.port, '/sw.js')).bytes;
  const parts = [];
  for (const [name, address] of Object.entries(assets)) {
    const f = await fetched(server.port, address);
    total += f.bytes;
    parts.push(`${name} ${(f.bytes / 1024).toFixed(0)} KiB${f.encoding ? ' (' + f.encoding + ')' : ''}`);
  }
  figures.push(['transfer size, compressed (page, worker, client, fonts)', `${(total / 1048576).toFixed(2)} MiB`, parts.join(', ')]);

  // A meeting with history: Anna writes 500 edits and ratings; Zoë joins in the browser.
  const { join_code: code } = await anna.do({ do: 'create' });
  await anna.do({ do: 'start_meeting', meeting: 0, agenda: 4 });
  for (let i = 0; i < 500; ++i) {
    await anna.do({ do: 'edit', row: i % 8, text: `${i} ` });
    if (i % 10 === 0) await anna.do({ do: 'rate', row: i % 8, value: 1 + (i % 4) });
  }
  await anna.do({ do: 'settle' });
  await h.open(browser.page, server.url);
  await h.joinWithCode(browser.page, code, 'Zoë Çelik');
  await anna.do({ do: 'assign', name: 'Zoë Çelik', role: 'invuller' });

  // 2. Opening the page again (known identity, files from the worker's cache) until the
  // first frame that shows the meeting's state: performance.now() counts from navigation.
  const firsts = [];
  for (let i = 0; i < 5; ++i) {
    await h.until(async () => (await h.status(browser.page))?.stored, 'IndexedDB not written');
    await browser.page.reload();
    const s = await h.until(async () => {
      const now = await h.status(browser.page);
      return now?.first_live_ms > 0 && now;
    }, 'no live frame after reload').catch(async (e) => {
      throw new Error(`${e.message}: ${JSON.stringify(await h.status(browser.page))}`);
    });
    firsts.push(s.first_live_ms);
  }
  figures.push(['page opened → first frame with the state (reload, 5×)', `median ${median(firsts).toFixed(0)} ms`,
                `each: ${firsts.map((v) => v.toFixed(0)).join(', ')} ms`]);

  // 3. Idle: the tab left alone for 10 s, the meeting open; CPU of all of Chromium.
  await sleep(2000);
  const cdp = await browser.context.newCDPSession(browser.page);
  await cdp.send('Performance.enable');
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const dir = browser.profileDir;
  const cpu0 = browserCpu(dir);
  const task0 = await task();
  const frames0 = (await h.status(browser.page)).frames;
  const t0 = Date.now();
  await sleep(10000);
  const seconds = (Date.now() - t0) / 1000;
  const cpu1 = browserCpu(dir);
  const cpu = (cpuSum(cpu1) - cpuSum(cpu0)) / seconds * 100;
  const byKind = Object.entries(cpu1).map(([k, v]) => `${k} ${((v - (cpu0[k] ?? 0)) / seconds * 100).toFixed(1)}`).join(', ');
  const main = ((await task()) - task0) / seconds * 100;
  const drawn = (await h.status(browser.page)).frames - frames0;
  figures.push(['idle tab, 10 s: CPU of all Chromium processes', `${cpu.toFixed(2)} % of a core`,
                `page main thread ${main.toFixed(2)} %; ${drawn} frames drawn; by process: ${byKind} %`]);

  // 4. The busiest view: the meeting's Signaleringsinstrument, Zoë typing while Anna types.
  await h.clickField(browser.page, 'text/0/0/0');
  await browser.page.evaluate(() => Module.ccall('jos_reset_frame_times', null));
  const typing = h.type(browser.page, 'Wekelijks overleg met de mentor en de jongerenwerker. '.repeat(3));
  for (let i = 0; i < 60; ++i) {
    await anna.do({ do: 'edit', row: 1, text: 'x' });
    await sleep(50);
  }
  await typing;
  const s = await h.status(browser.page);
  figures.push(['frame build (NewFrame → Render + draw), meeting view, both typing',
                `median ${s.build_ms_median.toFixed(2)} ms, p99 ${s.build_ms_p99.toFixed(2)} ms`,
                `${s.live_frames} frames, max ${s.build_ms_max.toFixed(2)} ms`]);
} finally {
  await browser.close();
  await anna.quit();
  await server.stop();
  work.remove();
}
for (const [what, value, detail] of figures) console.log(`${what}: ${value}${detail ? '  (' + detail + ')' : ''}`);
