// Losing the server: edits typed in the browser while jos-server is killed wait, and arrive
// after its restart, none lost and none twice; and a tab reloaded while the server is down
// still has its edits (journal in IndexedDB, page from the service worker) and sends them
// once the server is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickField, meetingWithZoeFillingIn, signalering, status, type, until } from './harness.mjs';

const offline = async (page) => {
  const s = await status(page);
  return !s.connected && s;
};

test('edits typed while the server is killed arrive after its restart, none lost or doubled', async () => {
  const m = await meetingWithZoeFillingIn('killed');
  try {
    await clickField(m.page, 'text/0/2/0');
    await type(m.page, 'Voor de storing. ');
    await m.server.kill();
    await type(m.page, 'Tijdens de storing – één, twee. ');
    const waiting = await until(() => offline(m.page), 'the browser did not notice');
    assert.ok(waiting.waiting > 0, 'the edits wait');
    await type(m.page, 'Nog meer.');
    const expected = 'Voor de storing. Tijdens de storing – één, twee. Nog meer.';
    assert.equal((await signalering(m.page))[2].cells[0], expected, 'shown while offline');

    await m.restart();
    const seen = await m.anna.do({ do: 'wait', row: 2, text: expected, timeout_ms: 30000 });
    assert.equal(seen.state.cells[2][0], expected);
    await until(async () => (await status(m.page)).waiting === 0 && (await status(m.page)).live,
                'the browser did not settle');
    assert.equal((await signalering(m.page))[2].cells[0], expected);
  } finally {
    await m.close();
  }
});

test('a tab reloaded while the server is down keeps its edits and sends them later', async () => {
  const m = await meetingWithZoeFillingIn('reload');
  try {
    // The service worker holds the page by now.
    await until(() => m.page.evaluate(() => !!navigator.serviceWorker.controller),
                'no service worker took the page');
    await m.server.kill();
    await until(() => offline(m.page), 'the browser did not notice');
    await clickField(m.page, 'text/0/1/0');  // in sight at 1280x800
    const words = 'Zonder server getypt, dan herladen: ‘ë’ blijft.';
    await type(m.page, words);
    await until(async () => (await status(m.page)).stored, 'IndexedDB did not get the journal');

    await m.page.reload();
    await until(async () => (await status(m.page))?.frames > 0, 'the page did not open offline');
    const after = await status(m.page);
    assert.equal(after.signalering[1].cells[0], words, 'the edit is still there');
    assert.ok(after.waiting > 0, 'and still waits');

    await m.restart();
    const seen = await m.anna.do({ do: 'wait', row: 1, text: words, timeout_ms: 30000 });
    assert.equal(seen.state.cells[1][0], words);
    await until(async () => (await status(m.page)).waiting === 0, 'the browser still waits');
  } finally {
    await m.close();
  }
});
