// A touch screen (many school Chromebooks have one). A tap presses what it touches: a tab,
// a cell, a button, a combo and its list, and a tab of the start screen while a field has
// the keyboard. A finger drawn upwards scrolls the overview down to the team list.
// Emscripten's GLFW pressed where the pointer had been before the touch (and so swallowed
// the tap), and scrolled nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch, marks, meetingWithZoeFillingIn, open, scratch, startServer, status, tap, type,
         until } from './harness.mjs';

// A finger drawn from (x, from) to (x, to) in steps, as a hand does.
async function swipe(page, x, from, to) {
  const cdp = await page.context().newCDPSession(page);
  const at = (y) => [{ x, y }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(from) });
  for (let i = 1; i <= 8; ++i) {
    await cdp.send('Input.dispatchTouchEvent',
                   { type: 'touchMove', touchPoints: at(from + ((to - from) * i) / 8) });
    await sleep(20);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await sleep(150);
}

test('on a touch screen, taps press what they touch and a swipe scrolls', async () => {
  const m = await meetingWithZoeFillingIn('touch', { touch: true });
  try {
    const page = m.page;
    const height = page.viewportSize().height;

    // A tap into a cell of the Signaleringsinstrument, then on tabs while it has the keyboard.
    await tap(page, 'tab/meeting');
    await tap(page, 'text/0/0/0');
    await until(async () => (await status(page))?.text_input, 'the tap did not open the cell')
      .catch(async (e) => {
        await page.screenshot({ path: `${m.work.dir}/../jos-web-touch-cell.png` });
        throw e;
      });
    await type(page, 'Een');
    await tap(page, 'tab/overview');
    const mine = await until(async () => {
      const found = Object.keys(await marks(page)).filter((name) => /^team\/edit\d+$/.test(name));
      return found.length > 0 ? found : null;
    }, 'the overview does not show the team');
    assert.equal(mine.length, 1, `only her own row can be changed: ${mine}`);
    const before = (await marks(page))[mine[0]];
    assert.ok(before.t > height, 'the team list starts below the fold (else nothing to scroll)');

    // Swiping upwards brings the team list up, and not the other way round.
    await until(async () => {
      const where = (await marks(page))[mine[0]];
      if (where.t >= 0 && where.b <= height - 40) return true;
      await swipe(page, 400, 600, 300);
      return false;
    }, 'swiping does not bring the team list into sight');
    assert.ok((await marks(page))[mine[0]].t < before.t);

    await tap(page, mine[0]);
    await until(async () => (await marks(page))['team/save'], 'the tap did not open her row');
    await tap(page, 'team/cancel-edit');
    await until(async () => !(await marks(page))['team/save'], 'the tap did not close her row');

    // A combo's list opens for a tap and takes the tap on an entry.
    await tap(page, 'tab/documents');
    await tap(page, 'documents/export');
    await tap(page, 'export/kind1');
    await tap(page, 'export/meeting');
    await until(async () => (await marks(page))['export/meeting1'], 'the tap did not open the list');
    await tap(page, 'export/meeting1');
    await until(async () => !(await marks(page))['export/meeting1'], 'the list stays open');
    assert.equal((await status(page)).notice, '', 'nothing was refused');
  } finally {
    await m.close();
  }
});

// The start screen's tabs, from one to the other and back, with a field in between: Dear
// ImGui 1.86 takes a tab only for a press on what a frame already saw under the pointer,
// and a tap arrives as a move and a press at once.
test('on a touch screen, the start screen’s tabs follow the finger', async () => {
  const work = scratch('touch-start');
  const server = await startServer(`${work.dir}/jos.sqlite`);
  const browser = await launch({ touch: true });
  try {
    const page = browser.page;
    await open(page, server.url);
    for (let round = 0; round < 2; ++round) {
      await tap(page, 'start/tab-new');
      await until(async () => (await marks(page))['start/school'], `round ${round}: not on “Nieuwe leerlijn”`);
      await tap(page, 'start/name');
      await until(async () => (await status(page))?.text_input, 'the tap did not open the field');
      await type(page, 'Anouk');
      await tap(page, 'start/tab-join');
      await until(async () => (await marks(page))['start/code'], `round ${round}: not on “Deelnemen”`);
    }
  } finally {
    await browser.close();
    await server.stop();
    work.remove();
  }
});
