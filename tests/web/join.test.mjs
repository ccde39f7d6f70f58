// The first test: the browser client joins a real server with the team code, is
// made invuller, types in a cell and rates; a desktop client core sees it. And the other
// way round: what the desktop types and rates reaches the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, clickField, joinWithCode, launch, open, scratch, signalering, startPeer, startServer,
         status, type, until } from './harness.mjs';

test('the browser joins with the team code and works with a desktop client both ways', async () => {
  const work = scratch('join');
  const server = await startServer(`${work.dir}/jos.sqlite`);
  const anna = await startPeer(server.ws, `${work.dir}/anna`);
  const browser = await launch();
  try {
    const { join_code: code } = await anna.do({ do: 'create', name: 'Anna de Wit' });
    await open(browser.page, server.url);
    assert.equal(await browser.page.title(), 'jos – Jongerenwerk en Onderwijs Samen');
    await joinWithCode(browser.page, code, 'Zoë Çelik');
    assert.equal(await browser.page.title(), 'jos – Het Baken en JoU Utrecht',
                 'the tab names the leerlijn');

    await anna.do({ do: 'start_meeting', meeting: 0, agenda: 4 });
    await anna.do({ do: 'assign', name: 'Zoë Çelik', role: 'invuller' });

    // Zoë types in the first row's cell and rates it 3.
    await clickField(browser.page, 'text/0/0/0');
    await type(browser.page, 'Wekelijks overleg met de mentor.');
    await click(browser.page, 'rate/0/3');
    const seen = await anna.do({ do: 'wait', row: 0, text: 'Wekelijks overleg met de mentor.',
                                 rating: 3 });
    assert.equal(seen.state.cells[0][0], 'Wekelijks overleg met de mentor.');

    // Anna, at her desk, writes in the second row and rates it; Zoë's browser shows it.
    await anna.do({ do: 'edit', row: 1, text: 'Leerlingen kennen de jongerenwerkers.' });
    await anna.do({ do: 'rate', row: 1, value: 2 });
    await until(async () => {
      const rows = await signalering(browser.page);
      return rows[1]?.cells[0] === 'Leerlingen kennen de jongerenwerkers.' && rows[1]?.rating === 2;
    }, 'Anna’s row 2 did not reach the browser');
    await anna.do({ do: 'settle' });
    await until(async () => (await status(browser.page)).waiting === 0, 'the browser still waits');
  } finally {
    await browser.close();
    await anna.quit();
    await server.stop();
    work.remove();
  }
});
