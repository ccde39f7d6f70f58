// The browser client at a laptop's two common sizes, in a meeting with the
// Signaleringsinstrument being filled in. JOS_SCREENSHOT_DIR=docs keeps the pictures there
// (docs/web-1280x800.png, docs/web-1024x640.png); otherwise they go to a temporary folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { clickField, marks, meetingWithZoeFillingIn, signalering, status, type, until } from './harness.mjs';

test('the meeting in the browser at 1280x800 and 1024x640', async () => {
  const m = await meetingWithZoeFillingIn('screens');
  const dir = process.env.JOS_SCREENSHOT_DIR || m.work.dir;
  try {
    const rows = [
      ['Er is een vast aanspreekpunt op school; de jongerenwerker weet wie het is.', 3],
      ['Leerlingen kennen de jongerenwerkers van gezicht, niet altijd bij naam.', 2],
      ['Signalen over leerlingen worden nog niet gedeeld – daar willen we afspraken over.', 1],
    ];
    for (const [i, [text, value]] of rows.entries()) {
      await m.anna.do({ do: 'edit', row: i + 1, text });
      await m.anna.do({ do: 'rate', row: i + 1, value });
    }
    await clickField(m.page, 'text/0/0/0');
    await type(m.page, 'Wekelijks overleg met de mentor…');
    await until(async () => (await signalering(m.page))[3]?.rating === 1, 'Anna’s rows');

    await until(async () => (await status(m.page)).waiting === 0, 'Zoë’s typing waits');

    // Smaller and back: the canvas follows the page, also at the size of the whole screen
    // (which is what the headless browser's screen measures).
    for (const [width, height] of [[1024, 640], [1280, 800]]) {
      await m.page.setViewportSize({ width, height });
      await until(async () => {
        const canvas = await m.page.evaluate(() => [Module.canvas.width, Module.canvas.height]);
        const cell = (await marks(m.page))['text/0/0/0'];
        return canvas[0] === width && canvas[1] === height && cell && cell.r <= width;
      }, `the canvas does not fill ${width}x${height}`);
      const file = join(dir, `web-${width}x${height}.png`);
      const picture = await m.page.screenshot({ path: file });
      assert.ok(picture.length > 20000, `${file} shows something`);
    }
  } finally {
    await m.close();
  }
});
