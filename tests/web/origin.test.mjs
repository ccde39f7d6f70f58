// A page on a foreign origin cannot open a session with jos-server, even though it runs in
// the same browser on the same machine; jos's own page can, without any configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { launch, open, scratch, startServer } from './harness.mjs';

// What a page runs to try: opens a WebSocket to `address` and says how it went.
const attempt = (address) => new Promise((resolve) => {
  const socket = new WebSocket(address);
  socket.onopen = () => { socket.close(); resolve('open'); };
  socket.onerror = () => resolve('refused');
});

test('only jos’s own page may open a session', async () => {
  const work = scratch('origin');
  const server = await startServer(`${work.dir}/jos.sqlite`);
  // The foreign site: another port is another origin.
  const foreign = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>elders</title><p>Een andere site.</p>');
  });
  foreign.listen(0, '127.0.0.1');
  await once(foreign, 'listening');
  const browser = await launch();
  try {
    await open(browser.page, server.url);
    assert.equal(await browser.page.evaluate(attempt, `${server.ws}/ws`), 'open', 'own page');

    const other = await browser.context.newPage();
    await other.goto(`http://127.0.0.1:${foreign.address().port}/`);
    assert.equal(await other.evaluate(attempt, `${server.ws}/ws`), 'refused', 'foreign page');
    // Under another name for the same machine, too.
    await other.goto(`http://localhost:${foreign.address().port}/`);
    assert.equal(await other.evaluate(attempt, `${server.ws}/ws`), 'refused', 'foreign name');
  } finally {
    await browser.close();
    foreign.close();
    await server.stop();
    work.remove();
  }
});
