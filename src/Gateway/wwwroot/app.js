// RenderFarm upload page: pick a photo, send it, follow the painting live.
// Plain script under a strict CSP (script-src 'self'): no inline handlers, no eval, no style attributes in markup.
'use strict';

(() => {
  const STORAGE_KEY = 'renderfarm.portraits.v1';
  const MAX_REMEMBERED = 20;
  const POLL_INTERVAL_MS = 1500;
  const MAX_STREAMS = 3;
  const TERMINAL = new Set(['succeeded', 'failed', 'canceled', 'expired']);
  const DEFAULT_CONFIG = {
    galleryBaseUrl: `${location.protocol}//${location.hostname}:8081`,
    maxUploadBytes: 20 * 1024 * 1024,
    acceptedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  };
  const EXTENSION_TYPES = { jpg: 'image/jpeg', jpeg: 'image/jpeg', jfif: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

  let config = { ...DEFAULT_CONFIG };
  const cards = new Map(); // job id -> JobCard
  let openStreams = 0;

  const $ = (id) => document.getElementById(id);
  const els = {
    form: $('upload-form'),
    input: $('photo'),
    dropzone: $('dropzone'),
    preview: $('preview'),
    previewImage: $('preview-image'),
    empty: $('dropzone-empty'),
    fileName: $('file-name'),
    maxSize: $('max-size'),
    styleChips: $('style-chips'),
    artGroups: $('art-groups'),
    artCardTemplate: $('art-card-template'),
    summaryFrame: $('summary-frame'),
    summaryImage: $('summary-image'),
    summaryTitle: $('summary-title'),
    styleHint: $('style-hint'),
    listed: $('listed'),
    submit: $('submit'),
    error: $('form-error'),
    jobsSection: $('jobs-section'),
    jobList: $('job-list'),
    template: $('job-template'),
    galleryLink: $('gallery-link'),
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Words, not codes.

  function inSeconds(seconds) {
    if (seconds == null || !Number.isFinite(seconds) || seconds <= 0) return 'in a few seconds';
    const n = Math.ceil(seconds);
    return n === 1 ? 'in 1 second' : `in ${n} seconds`;
  }

  function formatBytes(bytes) {
    if (bytes >= 1024 * 1024) {
      const mb = bytes / (1024 * 1024);
      return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
    }
    if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
    return `${bytes} bytes`;
  }

  const ERROR_SENTENCES = {
    missing_file: () => 'Please choose a photo first.',
    empty_file: () => 'That file is empty. Please choose a photo.',
    file_too_large: () => `That photo is too big to send. Please choose one smaller than ${formatBytes(config.maxUploadBytes)}.`,
    too_many_pixels: () => 'That photo has more pixels than our painters can handle. Please send a smaller version of it.',
    image_too_small: () => 'That photo is too small to paint. Please use a larger one, where your face fills more of the picture.',
    unsupported_format: () => 'We can only paint JPEG, PNG, WebP or GIF photos. Please choose a photo in one of those formats.',
    corrupt_image: () => 'That photo seems to be damaged, so we could not open it. Please try another one.',
    truncated_image: () => 'That photo looks cut short, as if it did not finish copying. Please try it again or choose another one.',
    unknown_style: () => 'That painting style is not available any more. Please pick another style.',
    style_unavailable: () => 'That painting style is not available right now. Please pick another style and try again.',
    invalid_field: () => 'Something in the form was not quite right. Please reload the page and try again.',
    rate_limited: (retry) => `You're sending photos too fast — try again ${inSeconds(retry)}.`,
    queue_full: (retry) => `The painters are very busy right now — please try again ${inSeconds(retry)}.`,
    service_unavailable: (retry) => `The painters are very busy right now — please try again ${inSeconds(retry)}.`,
    painter_failed: () => 'Our painter had trouble with this photo. Please try again, or choose a different style.',
    decode_failed: () => 'We could not read the picture in that file. Please try another photo.',
    encode_failed: () => 'Your portrait was painted but could not be saved. Please try again.',
    source_missing: () => 'Your photo went missing before it could be painted. Please upload it again.',
    upload_expired: () => 'Your photo waited too long in line and was deleted before it could be painted. Please upload it again.',
    canceled: () => 'You canceled this portrait, so nothing was painted.',
    internal_error: () => 'Something went wrong in the studio. Please try again in a moment.',
    not_found: () => 'We cannot find this portrait any more. It has probably expired.',
    not_cancelable: () => 'It is too late to cancel: this portrait has already finished.',
    idempotency_in_progress: (retry) => `Your photo is still being received — please check again ${inSeconds(retry)}.`,
    idempotency_key_reused: () => 'Something went wrong sending your photo. Please reload the page and try again.',
    network: () => 'We could not reach the studio. Please check your connection and try again.',
  };
  const GENERIC_SENTENCE = 'Something went wrong. Please try again in a moment.';

  function describe(code, retryAfterSeconds) {
    const sentence = code && Object.prototype.hasOwnProperty.call(ERROR_SENTENCES, code) ? ERROR_SENTENCES[code] : null;
    return sentence ? sentence(retryAfterSeconds) : GENERIC_SENTENCE;
  }

  function retryAfterOf(response) {
    const value = response.headers.get('Retry-After');
    if (!value) return null;
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return seconds;
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
  }

  function codeForStatus(status) {
    if (status === 413) return 'file_too_large';
    if (status === 415) return 'unsupported_format';
    if (status === 429) return 'rate_limited';
    if (status === 503) return 'service_unavailable';
    if (status === 404) return 'not_found';
    return null;
  }

  function parseProblem(text, status) {
    try {
      const body = JSON.parse(text);
      if (body && typeof body.code === 'string') return body.code;
    } catch { /* not JSON */ }
    return codeForStatus(status);
  }

  function prettyStyle(name) {
    if (!name) return '';
    if (name === 'auto') return 'Painter’s choice';
    return name.split(/[_\-\s]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  }

  // Only the Gateway's own artwork images are shown (same origin, a path): never a URL from elsewhere.
  function ownImageUrl(url) {
    return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : null;
  }

  function isArtwork(style) {
    return !!style && typeof style.artist === 'string' && style.artist !== '' && typeof style.title === 'string' && style.title !== '';
  }

  // "after Rembrandt, Self-Portrait with Two Circles (1665)" as nodes, the title in a <cite> (italic): text only, so
  // nothing the server sends is ever read as markup.
  function attributionNodes(artwork) {
    const title = document.createElement('cite');
    title.textContent = artwork.title;
    const nodes = [document.createTextNode(`after ${artwork.artist}, `), title];
    if (Number.isFinite(artwork.year)) nodes.push(document.createTextNode(` (${artwork.year})`));
    return nodes;
  }

  function attributionText(artwork) {
    return `after ${artwork.artist}, ${artwork.title}${Number.isFinite(artwork.year) ? ` (${artwork.year})` : ''}`;
  }

  // The painter's reason without the artwork's name, which the line above already gives: "after Titian, A Man with a
  // Quilted Sleeve (1510) (oil): a dark, low-key scene (…)" -> "a dark, low-key scene (…)".
  function reasonBeside(reason, artwork) {
    const text = reason.replace(/^auto:\s*/i, '');
    if (!isArtwork(artwork) || typeof artwork.attribution !== 'string' || !text.startsWith(artwork.attribution)) return text;
    const colon = text.indexOf(': ', artwork.attribution.length);
    return colon >= 0 && colon + 2 < text.length ? text.slice(colon + 2) : text;
  }

  // "person cut out (38% of the frame) …" -> "Person cut out (38% of the frame) ….": a sentence for the small print.
  function asSentence(text) {
    if (typeof text !== 'string' || !text.trim()) return '';
    const trimmed = text.trim();
    return `${trimmed[0].toUpperCase()}${trimmed.slice(1)}${/[.!?]$/.test(trimmed) ? '' : '.'}`;
  }

  function formatEta(seconds) {
    if (seconds == null || !Number.isFinite(seconds)) return null;
    const s = Math.max(0, Math.round(seconds));
    if (s < 5) return 'a few seconds';
    if (s < 60) return `about ${s} seconds`;
    const m = Math.round(s / 60);
    return m <= 1 ? 'about a minute' : `about ${m} minutes`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The user's portraits, remembered in this browser so a reload resumes them and "Remove" keeps working.

  function loadRecords() {
    try {
      const value = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
      return Array.isArray(value) ? value.filter((r) => r && typeof r.id === 'string' && typeof r.deleteToken === 'string') : [];
    } catch {
      return [];
    }
  }

  function saveRecords(records) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(records.slice(0, MAX_REMEMBERED)));
    } catch { /* private mode or full: the page still works, it just forgets on reload */ }
  }

  function updateRecord(id, changes) {
    const records = loadRecords();
    const index = records.findIndex((r) => r.id === id);
    if (index < 0) return;
    records[index] = { ...records[index], ...changes };
    saveRecords(records);
  }

  function addRecord(record) {
    saveRecords([record, ...loadRecords().filter((r) => r.id !== record.id)]);
  }

  function forgetRecord(id) {
    saveRecords(loadRecords().filter((r) => r.id !== id));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // One card per portrait: status in words, queue, style, the painting and what can be done with it.

  class JobCard {
    constructor(record) {
      this.record = record;
      this.done = false;
      this.source = null;
      this.timer = null;
      this.blobUrl = null;
      this.lastStatus = null;

      const root = els.template.content.firstElementChild.cloneNode(true);
      root.dataset.jobId = record.id;
      this.root = root;
      this.status = root.querySelector('.job-status');
      this.queue = root.querySelector('.job-queue');
      this.style = root.querySelector('.job-style');
      this.artwork = root.querySelector('.job-artwork');
      this.reason = root.querySelector('.job-reason');
      this.figure = root.querySelector('.job-figure');
      this.error = root.querySelector('.job-error');
      this.image = root.querySelector('.job-image');
      this.download = root.querySelector('.job-download');
      this.removeButton = root.querySelector('.job-remove');
      this.cancelButton = root.querySelector('.job-cancel');
      this.forgetButton = root.querySelector('.job-forget');

      this.image.addEventListener('load', () => this.onImageLoaded());
      this.image.addEventListener('error', () => this.onImageFailed());
      this.removeButton.addEventListener('click', () => this.removeFromGallery());
      this.cancelButton.addEventListener('click', () => this.cancel());
      this.forgetButton.addEventListener('click', () => this.forget());
    }

    start() {
      if (this.record.removed) {
        this.showRemoved();
        return;
      }
      this.setPhase('queued');
      this.setText(this.status, 'Checking on your portrait…');
      // Browsers allow few connections per origin: stream a handful of jobs at once, poll the rest.
      if ('EventSource' in window && openStreams < MAX_STREAMS) this.subscribe();
      else this.poll();
    }

    // Server-Sent Events first; polling if the stream cannot be opened or breaks before the job ends.
    subscribe() {
      const source = new EventSource(`/api/portraits/${encodeURIComponent(this.record.id)}/events`);
      this.source = source;
      openStreams++;
      const onData = (event) => {
        let status;
        try { status = JSON.parse(event.data); } catch { return; }
        this.render(status);
      };
      source.addEventListener('status', onData);
      source.onmessage = onData;
      source.onerror = () => {
        this.closeStream();
        if (!this.done) this.poll();
      };
    }

    closeStream() {
      if (this.source) {
        this.source.close();
        this.source = null;
        openStreams--;
      }
    }

    poll() {
      if (this.done || this.timer) return;
      const tick = async () => {
        this.timer = null;
        if (this.done) return;
        try {
          const response = await fetch(`/api/portraits/${encodeURIComponent(this.record.id)}`, {
            headers: { Accept: 'application/json' },
            cache: 'no-store',
          });
          if (response.status === 404) {
            this.renderMissing();
            return;
          }
          if (response.ok) this.render(await response.json());
        } catch { /* offline for a moment: try again */ }
        if (!this.done) this.timer = setTimeout(tick, POLL_INTERVAL_MS);
      };
      tick();
    }

    stop() {
      this.done = true;
      this.closeStream();
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }

    setText(element, text) {
      element.textContent = text || '';
      element.hidden = !text;
    }

    setPhase(phase) {
      this.root.dataset.status = phase;
    }

    // The style beside the painting: "after Rembrandt, <cite>Self-Portrait with Two Circles</cite> (1665)" with a
    // small image of the work, or "Style: Ink" for the studio's own painters.
    showStyle(name, artwork) {
      const imageUrl = isArtwork(artwork) ? ownImageUrl(artwork.imageUrl) : null;
      this.style.classList.toggle('is-artwork', isArtwork(artwork));
      if (isArtwork(artwork)) {
        this.style.replaceChildren(...attributionNodes(artwork));
        this.style.hidden = false;
      } else {
        this.setText(this.style, name ? `Style: ${prettyStyle(name)}` : '');
      }
      if (imageUrl) {
        if (this.artwork.getAttribute('src') !== imageUrl) this.artwork.src = imageUrl;
        this.artwork.hidden = false;
      } else {
        this.artwork.removeAttribute('src');
        this.artwork.hidden = true;
      }
    }

    render(job) {
      if (!job || typeof job.status !== 'string') return;
      this.lastStatus = job;
      const status = job.status;
      this.setPhase(status);
      if (TERMINAL.has(status)) this.stop();

      // Status in words.
      const words = {
        queued: 'Waiting for a free painter…',
        processing: 'A painter is at work on your portrait…',
        succeeded: 'Your painting is ready.',
        failed: 'We could not paint this one.',
        canceled: 'Canceled — nothing was painted.',
        expired: 'This portrait expired before it was painted.',
      };
      this.setText(this.status, words[status] || 'Checking on your portrait…');

      // Queue position and estimate.
      const parts = [];
      if (status === 'queued' && Number.isFinite(job.queuePosition)) {
        // 1-based place among the queued jobs: 1 means no one is ahead.
        const ahead = Math.max(0, Math.round(job.queuePosition) - 1);
        parts.push(ahead === 0 ? 'You are next in line.' : ahead === 1 ? '1 portrait is ahead of yours.' : `${ahead} portraits are ahead of yours.`);
      }
      if ((status === 'queued' || status === 'processing') && Number.isFinite(job.etaSeconds)) {
        parts.push(`Ready in ${formatEta(job.etaSeconds)}.`);
      }
      if (status === 'succeeded' && job.timings && Number.isFinite(job.timings.total)) {
        parts.push(`Painted in ${(job.timings.total / 1000).toFixed(1)} seconds.`);
      }
      this.setText(this.queue, parts.join(' '));

      // The style (the artwork it was painted after), why the painter chose it, and how the sitter was set.
      this.setText(this.reason, '');
      this.setText(this.figure, '');
      if (job.style) {
        this.showStyle(job.style, job.artwork);
        this.setText(this.reason, job.styleReason ? `Why this style: ${reasonBeside(job.styleReason, job.artwork)}` : '');
        this.setText(this.figure, asSentence(job.figure));
      } else if (job.requestedStyle && job.requestedStyle !== 'auto') {
        this.showStyle(job.requestedStyle, styleCatalog.get(job.requestedStyle));
      } else {
        this.showStyle(null, null);
        this.setText(this.style, 'Style: the painter will choose when it sees your photo.');
      }

      // Errors, in words.
      if (status === 'failed' || status === 'expired' || status === 'canceled') {
        const code = job.error && job.error.code ? job.error.code : status === 'expired' ? 'upload_expired' : status === 'canceled' ? 'canceled' : null;
        this.setText(this.error, describe(code));
      } else {
        this.setText(this.error, '');
      }

      // The painting.
      if (status === 'succeeded' && job.imageUrl) {
        if (this.record.galleryId !== job.galleryId || this.record.imageUrl !== job.imageUrl) {
          const painted = { galleryId: job.galleryId, imageUrl: job.imageUrl, style: job.style, artwork: isArtwork(job.artwork) ? job.artwork : null };
          this.record = { ...this.record, ...painted };
          updateRecord(this.record.id, painted);
        }
        this.showPainting(job.imageUrl, job.style, job.artwork);
      }

      this.cancelButton.hidden = !(status === 'queued' || status === 'processing');
      this.forgetButton.hidden = !TERMINAL.has(status);
    }

    // The job record is gone (expired after a day); the painting may still be in the gallery.
    renderMissing() {
      this.stop();
      this.setPhase('missing');
      this.cancelButton.hidden = true;
      this.forgetButton.hidden = false;
      this.setText(this.queue, '');
      this.setText(this.reason, '');
      this.setText(this.figure, '');
      if (this.record.galleryId && this.record.imageUrl) {
        this.setText(this.status, 'Your painting is ready.');
        this.showStyle(this.record.style, this.record.artwork);
        this.setText(this.error, '');
        this.showPainting(this.record.imageUrl, this.record.style, this.record.artwork);
      } else {
        this.setText(this.status, 'This portrait is no longer available.');
        this.showStyle(null, null);
        this.setText(this.error, describe('not_found'));
      }
    }

    showPainting(imageUrl, style, artwork) {
      if (this.record.removed) return;
      const styleWords = isArtwork(artwork) ? ` ${attributionText(artwork)}` : style ? ` in the ${prettyStyle(style)} style` : '';
      this.image.alt = `Your portrait, painted${styleWords}`;
      if (this.image.getAttribute('src') !== imageUrl) this.image.src = imageUrl;
      this.download.href = imageUrl;
      this.download.setAttribute('download', `portrait${style ? `-${style}` : ''}.jpg`);
      this.download.hidden = false;
      this.removeButton.hidden = !this.record.galleryId;
      this.removeButton.textContent = this.record.listed === false ? 'Delete painting' : 'Remove from gallery';
    }

    onImageLoaded() {
      this.image.hidden = false;
      this.root.classList.add('has-image');
      this.prepareDownload();
    }

    onImageFailed() {
      if (this.record.removed || !this.image.getAttribute('src')) return;
      this.root.classList.remove('has-image');
      this.image.hidden = true;
      this.download.hidden = true;
      this.setText(this.error, 'The painting could not be loaded. It may have been removed.');
    }

    // A cross-origin link ignores "download"; a same-origin blob: URL honours it. Best effort: if the Gallery does
    // not allow this origin to read images, the link still opens the painting.
    async prepareDownload() {
      const url = this.image.currentSrc || this.image.src;
      if (!url || this.blobUrl) return;
      try {
        const response = await fetch(url, { mode: 'cors', credentials: 'omit' });
        if (!response.ok) return;
        const blob = await response.blob();
        if (this.record.removed) return;
        this.blobUrl = URL.createObjectURL(blob);
        this.download.href = this.blobUrl;
      } catch {
        this.download.target = '_blank';
        this.download.rel = 'noopener';
      }
    }

    async removeFromGallery() {
      const { galleryId, deleteToken } = this.record;
      if (!galleryId) return;
      this.removeButton.disabled = true;
      this.setText(this.error, '');
      try {
        const base = config.galleryBaseUrl.replace(/\/+$/, '');
        const response = await fetch(`${base}/api/gallery/${encodeURIComponent(galleryId)}`, {
          method: 'DELETE',
          mode: 'cors',
          credentials: 'omit',
          headers: { 'X-Delete-Token': deleteToken },
        });
        if (response.status === 204 || response.ok || response.status === 404) {
          this.record = { ...this.record, removed: true };
          updateRecord(this.record.id, { removed: true });
          this.showRemoved();
          return;
        }
        const code = parseProblem(await response.text(), response.status);
        this.setText(this.error, describe(code, retryAfterOf(response)));
      } catch {
        this.setText(this.error, 'We could not reach the gallery to remove your painting. Please try again in a moment.');
      } finally {
        this.removeButton.disabled = false;
      }
    }

    showRemoved() {
      this.stop();
      this.setPhase('removed');
      this.image.removeAttribute('src');
      this.image.hidden = true;
      this.root.classList.remove('has-image');
      if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
      this.blobUrl = null;
      this.download.hidden = true;
      this.removeButton.hidden = true;
      this.cancelButton.hidden = true;
      this.forgetButton.hidden = false;
      this.setText(this.status, 'Your painting was removed from the gallery and deleted.');
      this.setText(this.queue, '');
      this.showStyle(this.record.style, this.record.artwork);
      this.setText(this.reason, '');
      this.setText(this.figure, '');
      this.setText(this.error, '');
    }

    async cancel() {
      this.cancelButton.disabled = true;
      try {
        const response = await fetch(`/api/portraits/${encodeURIComponent(this.record.id)}`, {
          method: 'DELETE',
          headers: { 'X-Delete-Token': this.record.deleteToken, Accept: 'application/json' },
        });
        const text = await response.text();
        if (response.ok) {
          try { this.render(JSON.parse(text)); } catch { /* the stream will tell */ }
          return;
        }
        const code = parseProblem(text, response.status);
        this.setText(this.error, describe(code, retryAfterOf(response)));
        if (response.status === 404) this.renderMissing();
      } catch {
        this.setText(this.error, describe('network'));
      } finally {
        this.cancelButton.disabled = false;
      }
    }

    forget() {
      this.stop();
      if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
      forgetRecord(this.record.id);
      cards.delete(this.record.id);
      this.root.remove();
      els.jobsSection.hidden = cards.size === 0;
      els.submit.focus();
    }
  }

  function showCard(record, { prepend }) {
    const card = new JobCard(record);
    cards.set(record.id, card);
    if (prepend) els.jobList.prepend(card.root);
    else els.jobList.append(card.root);
    els.jobsSection.hidden = false;
    card.start();
    return card;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Picking a photo: the file input, or drag and drop onto the drop zone.

  let previewUrl = null;

  function showFormError(text) {
    els.error.textContent = text || '';
    els.error.hidden = !text;
  }

  function typeOf(file) {
    if (file.type) return file.type.toLowerCase();
    const extension = (file.name.split('.').pop() || '').toLowerCase();
    return EXTENSION_TYPES[extension] || '';
  }

  function checkFile(file) {
    if (!file) return 'missing_file';
    if (file.size === 0) return 'empty_file';
    if (file.size > config.maxUploadBytes) return 'file_too_large';
    if (!config.acceptedTypes.includes(typeOf(file))) return 'unsupported_format';
    return null;
  }

  function onFileChosen() {
    const file = els.input.files && els.input.files[0];
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = null;
    if (!file) {
      els.preview.hidden = true;
      els.empty.hidden = false;
      els.fileName.hidden = true;
      els.dropzone.classList.remove('has-file');
      return;
    }
    els.fileName.textContent = `${file.name} · ${formatBytes(file.size)}`;
    els.fileName.hidden = false;
    const problem = checkFile(file);
    showFormError(problem ? describe(problem) : '');
    if (!problem) {
      previewUrl = URL.createObjectURL(file);
      els.previewImage.src = previewUrl;
      els.preview.hidden = false;
      els.empty.hidden = true;
      els.dropzone.classList.add('has-file');
    } else {
      els.preview.hidden = true;
      els.empty.hidden = false;
      els.dropzone.classList.remove('has-file');
    }
  }

  els.previewImage.addEventListener('error', () => {
    // The browser cannot show it (e.g. a file that only claims to be an image); the server will judge.
    els.preview.hidden = true;
    els.empty.hidden = false;
  });

  els.input.addEventListener('change', onFileChosen);

  ['dragenter', 'dragover'].forEach((type) => els.dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    els.dropzone.classList.add('is-dragging');
  }));
  ['dragleave', 'dragend'].forEach((type) => els.dropzone.addEventListener(type, (event) => {
    if (event.target === els.dropzone || !els.dropzone.contains(event.relatedTarget)) els.dropzone.classList.remove('is-dragging');
  }));
  els.dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    els.dropzone.classList.remove('is-dragging');
    const files = event.dataTransfer && event.dataTransfer.files;
    if (!files || files.length === 0) return;
    try {
      const transfer = new DataTransfer();
      transfer.items.add(files[0]);
      els.input.files = transfer.files;
    } catch {
      els.input.files = files;
    }
    onFileChosen();
  });
  // A photo dropped beside the zone should not navigate away from the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());

  // ---------------------------------------------------------------------------------------------------------------
  // Sending it.

  function setBusy(busy, label) {
    els.submit.disabled = busy;
    els.form.setAttribute('aria-busy', busy ? 'true' : 'false');
    els.submit.textContent = label || 'Paint my portrait';
  }

  function send(formData) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', '/api/portraits');
      request.setRequestHeader('Accept', 'application/json');
      if (window.crypto && typeof window.crypto.randomUUID === 'function') {
        request.setRequestHeader('Idempotency-Key', window.crypto.randomUUID());
      }
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable && event.total > 0) {
          setBusy(true, `Uploading… ${Math.floor((event.loaded / event.total) * 100)}%`);
        }
      });
      request.addEventListener('load', () => resolve({
        status: request.status,
        text: request.responseText,
        headers: { get: (name) => request.getResponseHeader(name) },
      }));
      request.addEventListener('error', () => reject(new Error('network')));
      request.addEventListener('abort', () => reject(new Error('network')));
      request.send(formData);
    });
  }

  els.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = els.input.files && els.input.files[0];
    const problem = checkFile(file);
    if (problem) {
      showFormError(describe(problem));
      (problem === 'missing_file' ? els.input : els.submit).focus();
      return;
    }
    showFormError('');
    const listed = els.listed.checked;
    const style = chosenStyle();
    const formData = new FormData();
    formData.append('photo', file, file.name);
    formData.append('style', style);
    formData.append('listed', listed ? 'true' : 'false');

    setBusy(true, 'Uploading…');
    let response;
    try {
      response = await send(formData);
    } catch {
      setBusy(false);
      showFormError(describe('network'));
      return;
    }
    setBusy(false);

    if (response.status === 202 || response.status === 200 || response.status === 201) {
      let accepted;
      try { accepted = JSON.parse(response.text); } catch { accepted = null; }
      if (!accepted || !accepted.id || !accepted.deleteToken) {
        showFormError(GENERIC_SENTENCE);
        return;
      }
      const record = {
        id: accepted.id,
        deleteToken: accepted.deleteToken,
        galleryId: null,
        imageUrl: null,
        listed,
        requestedStyle: style,
        submittedAt: new Date().toISOString(),
      };
      const existing = cards.get(record.id);
      if (existing) existing.forget();
      addRecord(record);
      const card = showCard(record, { prepend: true });
      if (!card.lastStatus) card.render({ status: accepted.status || 'queued', requestedStyle: style });
      els.input.value = '';
      onFileChosen();
      card.root.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      return;
    }

    const code = parseProblem(response.text, response.status);
    showFormError(describe(code, retryAfterOf(response)));
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Start-up: settings, styles, and the portraits this browser remembers.

  async function loadConfig() {
    try {
      const response = await fetch('/api/config', { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const value = await response.json();
      config = {
        galleryBaseUrl: typeof value.galleryBaseUrl === 'string' && value.galleryBaseUrl ? value.galleryBaseUrl.replace(/\/+$/, '') : DEFAULT_CONFIG.galleryBaseUrl,
        maxUploadBytes: Number.isFinite(value.maxUploadBytes) && value.maxUploadBytes > 0 ? value.maxUploadBytes : DEFAULT_CONFIG.maxUploadBytes,
        acceptedTypes: Array.isArray(value.acceptedTypes) && value.acceptedTypes.length > 0
          ? value.acceptedTypes.map((t) => String(t).toLowerCase())
          : DEFAULT_CONFIG.acceptedTypes,
      };
    } catch { /* keep the defaults */ }
  }

  function applyConfig() {
    els.galleryLink.href = `${config.galleryBaseUrl}/wall`;
    els.maxSize.textContent = formatBytes(config.maxUploadBytes);
    els.input.accept = config.acceptedTypes.join(',');
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The style choice: "auto" and the studio's own painters as plain options, the artworks as cards with their
  // images, grouped by medium in the curators' order. All are radio inputs named "style": one tab stop, arrow keys
  // move between them, and the form sends the checked one.

  const AUTO_HINT = 'The painter looks at your photo — its light, colour and setting — and picks the work to paint it after.';
  const MEDIUM_GROUPS = { oil: 'Oil paintings', ink: 'Drawings and prints in ink', watercolor: 'Watercolours' };
  const MEDIUM_HINTS = {
    oil: 'Painted in oils after this work: its palette, its light and its brushwork.',
    ink: 'Drawn in ink after this work: its lines and its hatching.',
    watercolor: 'Painted in watercolour after this work: its washes and its paper.',
  };
  const FEW_WORKS = 3; // a medium with this many works or fewer shares its row with the next (site.css)
  const styleCatalog = new Map([['auto', { name: 'auto', medium: 'auto', description: AUTO_HINT }]]);

  function chosenStyle() {
    const checked = els.form.querySelector('input[name="style"]:checked');
    return checked ? checked.value : 'auto';
  }

  function styleChip(name, text, description) {
    const label = document.createElement('label');
    label.className = 'style-chip';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'style';
    input.value = name;
    const words = document.createElement('span');
    words.textContent = text;
    label.append(input, words);
    if (description) label.title = description;
    return label;
  }

  function artCard(artwork) {
    const card = els.artCardTemplate.content.firstElementChild.cloneNode(true);
    card.dataset.style = artwork.name;
    card.querySelector('.art-radio').value = artwork.name;
    const image = card.querySelector('.art-image');
    const imageUrl = ownImageUrl(artwork.imageUrl);
    if (imageUrl) image.src = imageUrl;
    else image.hidden = true;
    card.querySelector('.art-artist').textContent = `after ${artwork.artist}`;
    card.querySelector('.art-title').textContent = artwork.title;
    card.querySelector('.art-meta').textContent = [Number.isFinite(artwork.year) ? String(artwork.year) : '', artwork.medium || '']
      .filter(Boolean).join(' · ');
    return card;
  }

  function mediumTitle(medium) {
    return MEDIUM_GROUPS[medium] || (medium ? `${medium[0].toUpperCase()}${medium.slice(1)}` : 'Other works');
  }

  function showStyles(styles) {
    const chosen = chosenStyle();
    for (const style of styles) styleCatalog.set(style.name, style);

    els.styleChips.querySelectorAll('.style-chip').forEach((chip) => chip.remove());
    els.styleChips.append(styleChip('auto', 'Let the painter choose', ''));
    for (const style of styles.filter((s) => !isArtwork(s))) els.styleChips.append(styleChip(style.name, prettyStyle(style.name), style.description));

    const byMedium = new Map();
    for (const artwork of styles.filter(isArtwork)) {
      const medium = artwork.medium || '';
      if (!byMedium.has(medium)) byMedium.set(medium, []);
      byMedium.get(medium).push(artwork);
    }
    const groups = [];
    if (byMedium.size > 0) {
      const lead = document.createElement('p');
      lead.className = 'art-lead';
      lead.textContent = 'Or have it painted after one of these works';
      groups.push(lead);
    }
    let index = 0;
    for (const [medium, artworks] of byMedium) {
      const group = document.createElement('div');
      group.className = artworks.length <= FEW_WORKS ? 'art-group art-group-few' : 'art-group';
      group.setAttribute('role', 'group');
      const title = document.createElement('h3');
      title.className = 'group-title';
      title.id = `art-group-${index++}`;
      title.textContent = mediumTitle(medium);
      group.setAttribute('aria-labelledby', title.id);
      const grid = document.createElement('div');
      grid.className = 'art-grid';
      grid.append(...artworks.map(artCard));
      group.append(title, grid);
      groups.push(group);
    }
    els.artGroups.replaceChildren(...groups);

    const radios = [...els.form.querySelectorAll('input[name="style"]')];
    (radios.find((r) => r.value === chosen) || radios[0]).checked = true;
    onStyleChosen();
  }

  async function loadStyles() {
    try {
      const response = await fetch('/api/styles', { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const body = await response.json();
      const styles = Array.isArray(body) ? body : Array.isArray(body.styles) ? body.styles : [];
      showStyles(styles.filter((s) => s && typeof s.name === 'string' && s.name !== 'auto'));
    } catch { /* "Let the painter choose" still works */ }
  }

  // What the chosen style will make, beside the photo: the artwork's image and attribution, or a sentence.
  function onStyleChosen() {
    const name = chosenStyle();
    const style = styleCatalog.get(name);
    const imageUrl = isArtwork(style) ? ownImageUrl(style.imageUrl) : null;
    if (isArtwork(style)) {
      els.summaryTitle.replaceChildren(...attributionNodes(style));
      els.styleHint.textContent = MEDIUM_HINTS[style.medium] || style.description || '';
    } else if (name === 'auto') {
      els.summaryTitle.textContent = 'Let the painter choose';
      const anyArtwork = [...styleCatalog.values()].some(isArtwork);
      els.styleHint.textContent = anyArtwork ? AUTO_HINT : 'The painter looks at your photo and picks the style that suits it.';
    } else {
      els.summaryTitle.textContent = prettyStyle(name);
      els.styleHint.textContent = (style && style.description) || 'A painter with its own hand and palette.';
    }
    if (imageUrl) els.summaryImage.src = imageUrl;
    else els.summaryImage.removeAttribute('src');
    els.summaryFrame.hidden = !imageUrl;
  }
  els.form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === 'style') onStyleChosen();
  });

  async function init() {
    await loadConfig();
    applyConfig();
    // The artworks arrive after the page has loaded and push the button down; from this mark on the form keeps its
    // place, so whatever points at the button (a test's click) waits for it.
    loadStyles().finally(() => { els.form.dataset.stylesShown = 'true'; });
    for (const record of loadRecords()) showCard(record, { prepend: false });
  }

  init();
})();
