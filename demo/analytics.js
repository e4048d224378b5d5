// A stand-in for a vendor's analytics script: sets its cookie and says it ran.
document.cookie = '_demo_analytics=1; path=/; max-age=86400';
window.demoAnalyticsRuns = (window.demoAnalyticsRuns || 0) + 1;
const el = document.getElementById('analytics-status');
if (el) el.textContent = 'ran ' + window.demoAnalyticsRuns + '× (cookie _demo_analytics set)';
