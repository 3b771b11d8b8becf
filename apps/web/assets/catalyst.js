// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/js/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// A report being built: ask for its state instead of reloading the page, and show the
// finished page (with its download) once it is built or has failed.
const reportState = document.querySelector('[data-report-state]');
if (reportState) {
  const progress = document.getElementById('report-progress');
  const percent = document.getElementById('report-percent');
  const poll = async () => {
    try {
      const response = await fetch(reportState.dataset.reportState, {
        headers: { accept: 'application/json' },
      });
      if (response.ok) {
        const state = await response.json();
        if (progress) progress.value = state.progress;
        if (percent) percent.textContent = percent.textContent.replace(/\d+/, state.progress);
        if (state.status === 'done' || state.status === 'failed') {
          window.location.reload();
          return;
        }
      }
    } catch {
      // The next look may work; the refresh link is there either way.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
}
