// Starts jos in the page: checks that the browser has WebGL2 (or says why jos cannot run
// here), fetches the fonts into the client's file system, then loads the WebAssembly
// client. The server fills in the addresses of the files (data-assets), each named by its
// content hash.
(function () {
  'use strict';
  var script = document.currentScript;
  var assets = JSON.parse(script.getAttribute('data-assets'));
  var message = document.getElementById('jos-message');
  var fail = function (text) {
    message.textContent = text;
    message.className = 'error';
    message.hidden = false;
  };

  var probe = null;
  try { probe = document.createElement('canvas').getContext('webgl2'); } catch (e) { probe = null; }
  if (!probe) {
    fail('jos kan in deze browser niet starten: WebGL2 ontbreekt of staat uit. Gebruik een ' +
         'recente versie van Chrome, Edge, Firefox of Safari, of zet in de instellingen van de ' +
         'browser ‘hardwareversnelling’ aan.');
    window.josUnsupported = true;
    return;
  }

  // The service worker keeps the page and its files, so that jos opens without its server
  // (secure pages only: https, or this computer).
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(function () {});

  var fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
  window.Module = {
    canvas: document.getElementById('canvas'),
    locateFile: function (name) { return assets[name] || name; },
    preRun: [function () {
      Module.FS.mkdir('/fonts');
      fonts.forEach(function (name) {
        Module.addRunDependency('font:' + name);
        fetch(assets[name]).then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.arrayBuffer();
        }).then(function (bytes) {
          Module.FS.writeFile('/fonts/' + name, new Uint8Array(bytes));
          Module.removeRunDependency('font:' + name);
        }).catch(function (error) {
          fail('Het lettertype van jos kon niet worden geladen (' + error.message + '). ' +
               'Laad de pagina opnieuw.');
        });
      });
    }],
    onAbort: function (what) {
      fail('jos is gestopt door een fout (' + what + '). Laad de pagina opnieuw; je wijzigingen ' +
           'zijn bewaard.');
    },
  };

  var client = document.createElement('script');
  client.src = assets['jos.js'];
  client.onerror = function () {
    fail('jos kon niet worden geladen. Controleer de verbinding en laad de pagina opnieuw.');
  };
  document.body.appendChild(client);
})();
