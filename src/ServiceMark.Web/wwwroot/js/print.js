// The print button (inline handlers are blocked by the Content-Security-Policy).
document.getElementById('print-now')?.addEventListener('click', () => window.print());
