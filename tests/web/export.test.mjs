// "Documenten opslaan" in the browser: the same dialog as on the desktop, the same sets
// (documents/sets.hpp); the server renders each file (/export/) and the browser downloads
// it. Zoë, in the browser, saves the set of meeting 1 and the invitation to meeting 2 with
// its attachments; the files are the set's, under its names, with the meeting's content.
// And her own data (AVG), which the browser saves from what the server sent it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { click, marks, meetingWithZoeFillingIn, signalering, status, until } from './harness.mjs';

const row0 = 'Wekelijks overleg met mevrouw Öztürk – ‘vast aanspreekpunt’.';

// Clicks `button` and saves every download that follows into `dir`, until the part
// `said` (the dialog's list of what it saved) is drawn. Returns the names the browser was given.
async function saveWith(page, button, dir, said = 'export/saved') {
  mkdirSync(dir, { recursive: true });
  const saved = [];
  const pending = [];
  const take = (download) => {
    const name = download.suggestedFilename();
    saved.push(name);
    pending.push(download.saveAs(join(dir, name)));
  };
  page.on('download', take);
  try {
    await click(page, button);
    await until(async () => {
      const m = await marks(page);
      assert.equal(m['export/error'], undefined, 'the dialog reports an error');
      return m[said];
    }, 'the dialog does not say what it saved');
    await Promise.all(pending);
  } finally {
    page.off('download', take);
  }
  return saved;
}

// Until the client stopped drawing (it draws only while something changes): a popup that
// just opened has its place and size then.
async function settled(page) {
  let last = -1;
  await until(async () => {
    const now = (await status(page)).frames;
    const still = now === last;
    last = now;
    if (!still) await sleep(250);
    return still;
  }, 'the client keeps drawing');
}

// A click as a hand makes it, on a settled screen: the pointer rests on the part before the
// press. Dear ImGui's combo opens only for a press on what a frame already saw hovered.
async function clickHeld(page, name) {
  await settled(page);
  const where = (await marks(page))[name];
  assert.ok(where, `${name} staat niet op het scherm`);
  await page.mouse.move((where.l + where.r) / 2, (where.t + where.b) / 2);
  await sleep(100);
  await page.mouse.down();
  await sleep(80);
  await page.mouse.up();
  await sleep(60);
}

function pdfText(file) {
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-', file);
  if (!existsSync('/usr/bin/pdftotext')) return null;  // poppler-utils: tools/setup.sh test
  return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('the browser saves a meeting’s documents and an invitation with its attachments', async () => {
  const m = await meetingWithZoeFillingIn('export');
  try {
    await m.anna.do({ do: 'edit', row: 0, text: row0 });
    await m.anna.do({ do: 'rate', row: 0, value: 3 });
    await m.anna.do({ do: 'settle' });
    await until(async () => (await signalering(m.page))[0]?.cells[0] === row0, 'Anna’s row 0');

    // The documents screen: "Documenten opslaan…" opens the dialog on meeting 1's set.
    await click(m.page, 'tab/documents');
    await click(m.page, 'documents/export');
    await until(async () => (await marks(m.page))['export/kind0'], 'the dialog does not open');
    const after = join(m.work.dir, 'na');
    const names = await saveWith(m.page, 'export/save', after);
    assert.deepEqual(names, [
      'signaleringsinstrument-begin.pdf', 'signaleringsinstrument-begin.md',
      'signaleringsinstrument-begin.csv', 'notulen-1.pdf', 'notulen-1.md', 'notulen-1.csv',
      'planning.ics']);
    const md = readFileSync(join(after, 'signaleringsinstrument-begin.md'), 'utf8');
    assert.ok(md.includes(row0), `the instrument holds Anna’s row:\n${md}`);
    assert.ok(readFileSync(join(after, 'signaleringsinstrument-begin.csv'), 'utf8').includes(row0));
    assert.ok(readFileSync(join(after, 'notulen-1.md'), 'utf8').includes('Notulen Signaleringsbijeenkomst'));
    assert.ok(readFileSync(join(after, 'planning.ics'), 'utf8').startsWith('BEGIN:VCALENDAR'));
    const pdf = pdfText(join(after, 'signaleringsinstrument-begin.pdf'));
    if (pdf !== null) assert.ok(pdf.replace(/\s+/g, ' ').includes('Wekelijks overleg met mevrouw Öztürk'), pdf);

    // The invitation to meeting 2 with what goes with it, in the same dialog.
    await click(m.page, 'export/kind1');
    await clickHeld(m.page, 'export/meeting');
    await clickHeld(m.page, 'export/meeting1');
    const invitation = join(m.work.dir, 'uitnodiging');
    const attached = await saveWith(m.page, 'export/save', invitation);
    assert.deepEqual(attached, [
      'uitnodiging-2.txt', 'uitnodiging-2.pdf', 'uitnodiging-2.ics',
      'signaleringsinstrument-begin.pdf', 'factsheet.pdf', 'actieplan-leeg.pdf']);
    const letter = readFileSync(join(invitation, 'uitnodiging-2.txt'), 'utf8');
    assert.ok(letter.includes('Uitnodiging: Actieplanbijeenkomst'), letter);
    assert.ok(letter.includes('Het Baken en JoU Utrecht'), letter);
    assert.ok(readFileSync(join(invitation, 'uitnodiging-2.ics'), 'utf8').startsWith('BEGIN:VCALENDAR'));
    const filled = pdfText(join(invitation, 'signaleringsinstrument-begin.pdf'));
    if (filled !== null)
      assert.ok(filled.replace(/\s+/g, ' ').includes('Wekelijks overleg met mevrouw Öztürk'), filled);
    pdfText(join(invitation, 'factsheet.pdf'));
  } finally {
    await m.close();
  }
});

// Scrolls the window under the pointer until `name` is wholly in the page.
async function scrollTo(page, name) {
  const height = page.viewportSize().height;
  await until(async () => {
    const where = (await marks(page))[name];
    if (where && where.t >= 0 && where.b <= height - 40) return true;
    await page.mouse.move(page.viewportSize().width / 3, height / 2);
    await page.mouse.wheel(0, where && where.b < 0 ? -120 : 120);
    await sleep(150);
    return false;
  }, `${name} komt niet in beeld`);
}

test('in the browser, a team member saves their own data (AVG) as downloads', async () => {
  const m = await meetingWithZoeFillingIn('own-data');
  try {
    await click(m.page, 'tab/overview');
    const mine = await until(async () => {
      const found = Object.keys(await marks(m.page)).filter((name) => /^team\/export\d+$/.test(name));
      return found.length > 0 ? found : null;
    }, 'no “Gegevens” button');
    assert.equal(mine.length, 1, `only her own data: ${mine}`);
    const id = mine[0].slice('team/export'.length);
    await scrollTo(m.page, mine[0]);
    const dir = join(m.work.dir, 'gegevens');
    const names = await saveWith(m.page, mine[0], dir, 'team/export-saved');
    assert.deepEqual(names, [`persoonsgegevens-${id}.json`, `persoonsgegevens-${id}.txt`]);
    const json = JSON.parse(readFileSync(join(dir, `persoonsgegevens-${id}.json`), 'utf8'));
    assert.ok(JSON.stringify(json).includes('Zoë Çelik'), JSON.stringify(json));
    const text = readFileSync(join(dir, `persoonsgegevens-${id}.txt`), 'utf8');
    assert.ok(text.includes('Zoë Çelik'), text);
  } finally {
    await m.close();
  }
});
