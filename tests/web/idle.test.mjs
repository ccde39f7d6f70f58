// An idle tab costs next to nothing (issue 15: < 2 % of a core): with the meeting clock
// running it draws no frame until something changes (the clock speaks whole minutes), input
// brings frames at once and they stop again, and nothing makes Chromium poll gamepads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { marks, meetingWithZoeFillingIn, status, until } from './harness.mjs';

// Waits until the client stopped drawing; returns its frame count then.
async function quiet(page) {
  let last = -1;
  return until(async () => {
    const now = (await status(page)).frames;
    if (now === last) return now;
    last = now;
    await sleep(400);
    return false;
  }, 'the client keeps drawing');
}

test('an idle tab draws nothing, input wakes it, and no gamepad is polled', async () => {
  const m = await meetingWithZoeFillingIn('idle');
  try {
    const clock = await until(async () => (await marks(m.page))['meeting/clock'], 'no meeting clock');
    assert.ok(clock.r > clock.l);

    // Left alone for 4 s with the clock running: at most the one frame of a new minute.
    const before = await quiet(m.page);
    await sleep(4000);
    const drawn = (await status(m.page)).frames - before;
    assert.ok(drawn <= 1, `${drawn} frames drawn by an idle tab`);

    // A move of the mouse: frames at once (hover may change), then quiet again.
    const idle = (await status(m.page)).frames;
    await m.page.mouse.move(clock.l + 5, clock.t + 5);
    await until(async () => (await status(m.page)).frames >= idle + 3, 'input drew no frames');
    await quiet(m.page);

    // Chromium polls gamepads for a page that listens for them (emscripten's GLFW does).
    const cdp = await m.browser.context.newCDPSession(m.page);
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    const gamepad = listeners.filter((l) => l.type.startsWith('gamepad'));
    assert.deepEqual(gamepad, [], 'the page listens for gamepads');
    assert.ok(listeners.some((l) => l.type === 'keydown'), 'the listeners were read');
  } finally {
    await m.close();
  }
});
