// What the page adds to the client: its title and icon, the message for a browser without
// WebGL2, the browser's clipboard (copying the team code, pasting into a cell), and Dutch
// characters typed through dead keys, both as Windows sends them (a dead key, then the
// letter with the composed character) and as macOS and input methods do (a composition);
// and a Mac's Cmd+V.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, clickField, launch, meetingWithZoeFillingIn, open, press, scratch, signalering,
         startServer, status, type, until } from './harness.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

test('the page has its title and icon, and says why it cannot run without WebGL2', async () => {
  const work = scratch('page');
  const server = await startServer(`${work.dir}/jos.sqlite`);
  const browser = await launch();
  const bare = await launch({ args: ['--disable-webgl2'] });
  try {
    await open(browser.page, server.url);
    assert.equal(await browser.page.title(), 'jos – Jongerenwerk en Onderwijs Samen');
    const icon = await browser.page.evaluate(() => document.querySelector('link[rel=icon]').href);
    const answer = await browser.page.request.get(icon);
    assert.equal(answer.status(), 200);
    assert.equal(answer.headers()['content-type'], 'image/svg+xml');
    assert.match(await answer.text(), /<svg/);

    await bare.page.goto(server.url);
    const message = bare.page.locator('#jos-message');
    await until(async () => (await message.getAttribute('class')) === 'error', 'no message');
    assert.ok(await message.isVisible());
    assert.match(await message.textContent(), /WebGL2 ontbreekt/);
    assert.equal(await bare.page.evaluate(() => window.Module), undefined, 'the client not loaded');
  } finally {
    await bare.close();
    await browser.close();
    await server.stop();
    work.remove();
  }
});

test('a new leerlijn started in the browser: its team code goes to the clipboard', async () => {
  const work = scratch('copy');
  const server = await startServer(`${work.dir}/jos.sqlite`);
  const browser = await launch();
  try {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'],
                                           { origin: server.url.replace(/\/$/, '') });
    await open(browser.page, server.url);
    await click(browser.page, 'start/tab-new');
    await clickField(browser.page, 'start/name');
    await type(browser.page, 'Anouk Jansen');
    await clickField(browser.page, 'start/function');
    await type(browser.page, 'zorgcoördinator');
    await clickField(browser.page, 'start/school');
    await type(browser.page, 'Het Baken');
    await clickField(browser.page, 'start/youth');
    await type(browser.page, 'JoU Utrecht');
    await press(browser.page, 'Enter');  // the button is below the fold; Enter submits
    const { join_code: code } = await until(async () => {
      const s = await status(browser.page);
      return s.live && s.join_code && s;
    }, 'the leerlijn did not start').catch(async (e) => {
      await browser.page.screenshot({ path: `${work.dir}/../jos-web-create-failed.png` });
      throw e;
    });

    await click(browser.page, 'started/copy-team');
    const copied = await until(() => browser.page.evaluate(() => navigator.clipboard.readText()),
                               'nothing on the clipboard');
    assert.equal(copied, code);
  } finally {
    await browser.close();
    await server.stop();
    work.remove();
  }
});

test('dead keys, a composition and pasting put Dutch characters in a cell', async () => {
  const m = await meetingWithZoeFillingIn('characters');
  try {
    await m.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'],
                                             { origin: m.server.url.replace(/\/$/, '') });
    const cdp = await m.browser.context.newCDPSession(m.page);
    await clickField(m.page, 'text/0/0/0');
    await type(m.page, 'Twee');

    // Windows (US-International): the dead key ¨ gives no character; the e after it gives ë.
    const key = (type, fields) => cdp.send('Input.dispatchKeyEvent', { type, ...fields });
    const dead = { key: 'Dead', code: 'Quote', windowsVirtualKeyCode: 222 };
    await key('keyDown', dead);
    await key('keyUp', dead);
    const e = { key: 'ë', code: 'KeyE', windowsVirtualKeyCode: 69 };
    await key('keyDown', { ...e, text: 'ë', unmodifiedText: 'ë' });
    await key('keyUp', e);
    await type(m.page, 'n ide');

    // macOS and input methods: ´ is composed, then committed as é.
    await cdp.send('Input.imeSetComposition', { text: '´', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'é' });
    await type(m.page, 'ën');

    // Pasted from another program, typographic quotes and a dash included.
    await m.page.evaluate(() => navigator.clipboard.writeText(' – ‘zo’n’ ïdee…'));
    await press(m.page, 'Control+V');

    const expected = 'Tweeën ideéën – ‘zo’n’ ïdee…';
    await until(async () => (await signalering(m.page))[0]?.cells[0] === expected,
                `the cell does not read “${expected}”: ${JSON.stringify((await signalering(m.page))[0])}`);
    const seen = await m.anna.do({ do: 'wait', row: 0, text: expected });
    assert.equal(seen.state.cells[0][0], expected, 'the desktop has the same characters');
    assert.equal((await status(m.page)).notice, '', 'nothing was refused');
  } finally {
    await m.close();
  }
});

// On a Mac the shortcuts are Cmd+V, Cmd+A, and the browser sends no keyup for a key pressed
// while Cmd is down (here sent as a Mac's Chromium does: the paste command with the V, no
// release of the V). The text is pasted once, and a second Cmd+V pastes again.
test('on a Mac, Cmd+V pastes, once per press', async () => {
  const m = await meetingWithZoeFillingIn('mac');
  try {
    await m.browser.context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' }));
    await m.page.reload();
    await until(async () => (await status(m.page))?.live, 'not live again after the reload');
    await m.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'],
                                             { origin: m.server.url.replace(/\/$/, '') });
    await m.page.evaluate(() => navigator.clipboard.writeText('plak'));
    await clickField(m.page, 'text/0/0/0');
    await type(m.page, 'Een ');

    const cdp = await m.browser.context.newCDPSession(m.page);
    const key = (type, fields) => cdp.send('Input.dispatchKeyEvent', { type, ...fields });
    const cmd = { key: 'Meta', code: 'MetaLeft', windowsVirtualKeyCode: 91, modifiers: 4 };
    const v = { key: 'v', code: 'KeyV', windowsVirtualKeyCode: 86, modifiers: 4 };
    const cmdV = async () => {
      await key('rawKeyDown', cmd);
      await key('rawKeyDown', { ...v, commands: ['paste'] });
      await sleep(120);
      await key('keyUp', { ...cmd, modifiers: 0 });  // and never a keyUp of the V
      await sleep(700);  // long past Dear ImGui's key repeat
    };
    await cmdV();
    const once = 'Een plak';
    await until(async () => (await signalering(m.page))[0]?.cells[0] === once,
                `the cell does not read “${once}”: ${JSON.stringify((await signalering(m.page))[0])}`);
    await cmdV();
    const twice = 'Een plakplak';
    await until(async () => (await signalering(m.page))[0]?.cells[0] === twice,
                `the cell does not read “${twice}”: ${JSON.stringify((await signalering(m.page))[0])}`);
    await sleep(500);
    assert.equal((await signalering(m.page))[0]?.cells[0], twice, 'no paste came on its own');
  } finally {
    await m.close();
  }
});
