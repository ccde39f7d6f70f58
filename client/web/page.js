// What the page gives the client beyond emscripten's GLFW (emcc --pre-js): characters from
// a hidden text field, the browser's clipboard, and a note of every user input so that an
// idle tab draws nothing (main.cpp reads Module.josInput once per animation frame).
Module.josInput = 1;

Module.josTakeInput = function () {
  var input = Module.josInput | 0;
  Module.josInput = 0;
  return input;
};
Module.josPageWidth = function () { return window.innerWidth | 0; };
Module.josPageHeight = function () { return window.innerHeight | 0; };
Module.josPageScale = function () { return window.devicePixelRatio || 1; };
// The canvas gets the page's size, and GLFW hears of it through its resize listener. Not
// glfwSetWindowSize: emscripten's asks for fullscreen instead when the size is the screen's
// (a maximised kiosk browser, F11), which the browser refuses, and the canvas stays as it was.
Module.josFitCanvas = function (width, height) { Browser.setCanvasSize(width, height); };
Module.josPageTest = function () { return window.josTest ? 1 : 0; };
// GLFW's own note that a key is down (main.cpp let it go), which would make its next
// press a repeat, which Dear ImGui ignores.
Module.josForgetKey = function (key) { if (GLFW.active) GLFW.active.keys[key] = 0; };
// A Mac's shortcuts are Cmd+C, Cmd+V, Cmd+A (Dear ImGui's macOS behaviours).
Module.josPageMac = function () { return /Mac|iPhone|iPad/.test(navigator.platform || '') ? 1 : 0; };
// The client talks to the server that served the page, and only to it (the page's
// Content-Security-Policy says so too).
Module.josServerAddress = function () {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host;
};

// The client's files (settings, journal) live in IDBFS: read from IndexedDB before the app
// starts, written back after each change (storage_sync_browser.cpp).
Module.josMountStorage = function (path) {
  try { FS.mkdir(path); } catch (e) { /* there already */ }
  FS.mount(IDBFS, {}, path);
  FS.syncfs(true, function (error) { _jos_storage_loaded(error ? 1 : 0); });
};
Module.josSyncStorage = function () {
  FS.syncfs(false, function (error) { _jos_storage_synced(error ? 1 : 0); });
};

Module.josReady = function () {
  // emscripten's GLFW listens for gamepads, and while a page does, Chromium polls the
  // devices at 60 Hz in its browser process (2 % of a core with the tab idle). jos reads no
  // gamepad (Dear ImGui's gamepad navigation is off).
  if (typeof GLFW !== 'undefined') {
    window.removeEventListener('gamepadconnected', GLFW.onGamepadConnected, true);
    window.removeEventListener('gamepaddisconnected', GLFW.onGamepadDisconnected, true);
  }
  var canvas = Module.canvas;
  // Its touch handling presses the button where the pointer was before the touch (it never
  // reads a touch's place): a tap goes to the client as the mouse events the browser makes
  // of it instead, and a finger drawn over the screen scrolls (below).
  if (typeof GLFW !== 'undefined') {
    canvas.removeEventListener('touchstart', GLFW.onMouseButtonDown, true);
    canvas.removeEventListener('touchend', GLFW.onMouseButtonUp, true);
    canvas.removeEventListener('touchcancel', GLFW.onMouseButtonUp, true);
    canvas.removeEventListener('touchmove', GLFW.onMousemove, true);
  }
  var field = document.getElementById('jos-input');
  var note = function () {
    Module.josInput = 1;
    _jos_wake_up();
  };

  ['keydown', 'keyup', 'wheel', 'resize', 'focus', 'blur', 'pointerup', 'pointerdown']
      .forEach(function (type) { window.addEventListener(type, note, true); });
  canvas.addEventListener('mousemove', note, true);
  document.addEventListener('visibilitychange', note);

  // The wheel and the touchpad in Dear ImGui's units: a notch is 1, up and left positive.
  // Emscripten 3.1.6's GLFW hands over the browser's pixels as they are, upside down: a
  // notch down scrolled a hundred notches up.
  canvas.addEventListener('wheel', function (e) {
    var unit = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;
    Module.ccall('jos_wheel', null, ['number', 'number'], [-e.deltaX * unit, -e.deltaY * unit]);
    e.preventDefault();
  }, {passive: false});

  // A finger drawn over the screen scrolls what is under it, as the wheel does: the pointer
  // goes there first (the window under it is the one that scrolls).
  var finger = null;
  canvas.addEventListener('touchstart', function (e) {
    finger = e.touches.length === 1 ? {x: e.touches[0].clientX, y: e.touches[0].clientY} : null;
  }, {passive: true});
  canvas.addEventListener('touchmove', function (e) {
    if (finger === null || e.touches.length !== 1) return;
    var t = e.touches[0];
    canvas.dispatchEvent(new MouseEvent('mousemove', {clientX: t.clientX, clientY: t.clientY}));
    Module.ccall('jos_wheel', null, ['number', 'number'],
                 [(t.clientX - finger.x) / 100, (t.clientY - finger.y) / 100]);
    finger = {x: t.clientX, y: t.clientY};
    e.preventDefault();
  }, {passive: false});

  // Typing goes into the hidden field, which keeps the focus: what it receives is the text
  // the person meant, dead keys (´ then e: é) and input methods included. Keys such as
  // Enter, Backspace and the arrows reach Dear ImGui through GLFW as keys.
  var take = function (text) {
    if (text) Module.ccall('jos_text_input', null, ['string'], [text]);
    field.value = '';
    note();
  };
  field.addEventListener('input', function (e) {
    if (e.isComposing) return;
    if (e.inputType === 'insertText' || e.inputType === 'insertReplacementText') take(e.data);
    else field.value = '';
  });
  field.addEventListener('compositionend', function (e) { take(e.data); });
  // Pasting: the browser hands over the text; Dear ImGui's Ctrl+V then takes it.
  field.addEventListener('paste', function (e) {
    var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    Module.ccall('jos_paste', null, ['string'], [text]);
    e.preventDefault();
    note();
  });
  var keepFocus = function () { if (document.activeElement !== field) field.focus({preventScroll: true}); };
  canvas.addEventListener('mousedown', function (e) { e.preventDefault(); keepFocus(); note(); }, true);
  window.addEventListener('focus', keepFocus);
  keepFocus();

  var loading = document.getElementById('jos-message');
  if (loading) loading.hidden = true;
};

// Dear ImGui copied something (the team code, a cell's text).
Module.josCopy = function (text) {
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(text).catch(function () {});
};

// A file the client made itself (a person's data, as the server sent it over the
// connection): saved as a download.
Module.josSave = function (name, type, text) {
  var link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], {type: type}));
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
};

// "Documenten opslaan": the server renders each file for members (the participant token);
// the browser saves each as a download. Reports to jos_export_done([[name, bytes]...], why).
Module.josDownload = function (names, token) {
  var saved = [];
  var done = function (error) {
    Module.ccall('jos_export_done', null, ['string', 'string'], [JSON.stringify(saved), error]);
    _jos_wake_up();  // the dialog shows what was saved
  };
  var next = function (i) {
    if (i === names.length) return done('');
    fetch('/export/' + encodeURIComponent(names[i]), {headers: {'Authorization': 'Bearer ' + token}})
        .then(function (response) {
          if (!response.ok)
            return response.text().then(function (text) { throw new Error(text.trim()); });
          var disposition = response.headers.get('Content-Disposition') || '';
          var match = /filename="([^"]+)"/.exec(disposition);
          var name = match ? match[1] : names[i];
          return response.blob().then(function (blob) {
            var link = document.createElement('a');
            link.href = URL.createObjectURL(blob);
            link.download = name;
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
            saved.push([name, blob.size]);
            next(i + 1);
          });
        })
        .catch(function (error) { done(error.message || 'onbekende fout'); });
  };
  next(0);
};
