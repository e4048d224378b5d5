const $ = (s) => document.querySelector(s);
const show = (state) => {
  const el = $('#state');
  if (el) el.textContent = JSON.stringify(state, null, 2);
};
document.getElementById('geo-now') && ($('#geo-now').textContent = sessionStorage.getItem('demoGeo') || 'EU');
for (const b of document.querySelectorAll('[data-geo]'))
  b.addEventListener('click', async () => {
    sessionStorage.setItem('demoGeo', b.dataset.geo);
    await window.ConsentRelay?.reset();
    location.reload();
  });
$('#reset')?.addEventListener('click', () => window.ConsentRelay?.reset());
document.addEventListener('consent-relay:change', (e) => show(e.detail));
// The drop-in is async: it may start before or after this module.
const serverStatus = async () => {
  const r = await (await fetch('/api/server/firewall')).json();
  $('#server-status').textContent = JSON.stringify(r, null, 2);
};
for (const b of document.querySelectorAll('[data-firewall]'))
  b.addEventListener('click', async () => {
    await fetch('/api/server/firewall?mode=' + b.dataset.firewall, { method: 'POST' });
    serverStatus();
  });
$('#server-report')?.addEventListener('click', async () => {
  await fetch('/api/server/report', { method: 'POST' });
  serverStatus();
});
$('#flush')?.addEventListener('click', async () => {
  const d = await window.ConsentRelay?.telemetry.flush();
  $('#server-status').textContent += '\nbrowser: ' + JSON.stringify(d);
});
if ($('#server-status')) {
  serverStatus();
  setInterval(serverStatus, 3000);
}
const wait = () => (window.ConsentRelay ? window.ConsentRelay.ready.then(show) : setTimeout(wait, 20));
wait();
