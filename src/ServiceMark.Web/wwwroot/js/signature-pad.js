// A minimal signature pad: draws with mouse, pen or finger on a canvas and returns a PNG data URL.
const pads = new WeakMap();

export function init(canvas) {
  const ctx = canvas.getContext('2d');
  const ratio = window.devicePixelRatio || 1;
  const rect = canvas.getBoundingClientRect();
  canvas.width = rect.width * ratio;
  canvas.height = rect.height * ratio;
  ctx.scale(ratio, ratio);
  ctx.lineWidth = 2.2;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#111';
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, rect.width, rect.height);
  const state = { drawing: false, strokes: 0 };
  pads.set(canvas, state);
  const point = e => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  canvas.addEventListener('pointerdown', e => { state.drawing = true; canvas.setPointerCapture(e.pointerId); const [x, y] = point(e); ctx.beginPath(); ctx.moveTo(x, y); });
  canvas.addEventListener('pointermove', e => { if (!state.drawing) return; const [x, y] = point(e); ctx.lineTo(x, y); ctx.stroke(); state.strokes++; });
  const stop = () => { state.drawing = false; };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
}

export function clear(canvas) {
  const ctx = canvas.getContext('2d');
  const rect = canvas.getBoundingClientRect();
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, rect.width, rect.height);
  const state = pads.get(canvas);
  if (state) state.strokes = 0;
}

export function toDataUrl(canvas) {
  const state = pads.get(canvas);
  return state && state.strokes > 0 ? canvas.toDataURL('image/png') : null;
}
