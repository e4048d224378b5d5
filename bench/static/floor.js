// The floor: the least a consent banner can be. A fixed div with two buttons, inserted once the body exists;
// a click writes a first-party cookie and removes the banner. No framework, no CSS file, no strings table.
(function () {
  if (/(^|; )floor_consent=/.test(document.cookie)) return;
  function decide(v) {
    document.cookie = 'floor_consent=' + v + '; path=/; max-age=15552000; SameSite=Lax';
    bar.remove();
  }
  var bar = document.createElement('div');
  bar.id = 'floor-banner';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', 'Cookie consent');
  bar.style.cssText =
    'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;padding:16px;background:#fff;color:#111;' +
    'border-top:1px solid #ccc;font:16px/1.4 system-ui,sans-serif;display:flex;gap:8px;align-items:center';
  var text = document.createElement('span');
  text.style.flex = '1';
  text.textContent = 'We use cookies for analytics, with your consent.';
  var accept = document.createElement('button');
  accept.id = 'floor-accept';
  accept.textContent = 'Accept all';
  accept.onclick = function () { decide('all'); };
  var reject = document.createElement('button');
  reject.id = 'floor-reject';
  reject.textContent = 'Reject all';
  reject.onclick = function () { decide('necessary'); };
  bar.append(text, accept, reject);
  function mount() { document.body.appendChild(bar); }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
