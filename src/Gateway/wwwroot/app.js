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
    style: $('style'),
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
      this.reason = root.querySelector('.job-reason');
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

      // The style, and why the painter chose it.
      this.setText(this.reason, '');
      if (job.style) {
        this.setText(this.style, `Style: ${prettyStyle(job.style)}`);
        this.setText(this.reason, job.styleReason ? `Why this style: ${job.styleReason.replace(/^auto:\s*/i, '')}` : '');
      } else if (job.requestedStyle && job.requestedStyle !== 'auto') {
        this.setText(this.style, `Style: ${prettyStyle(job.requestedStyle)}`);
      } else {
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
          this.record = { ...this.record, galleryId: job.galleryId, imageUrl: job.imageUrl, style: job.style };
          updateRecord(this.record.id, { galleryId: job.galleryId, imageUrl: job.imageUrl, style: job.style });
        }
        this.showPainting(job.imageUrl, job.style);
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
      if (this.record.galleryId && this.record.imageUrl) {
        this.setText(this.status, 'Your painting is ready.');
        this.setText(this.style, this.record.style ? `Style: ${prettyStyle(this.record.style)}` : '');
        this.setText(this.error, '');
        this.showPainting(this.record.imageUrl, this.record.style);
      } else {
        this.setText(this.status, 'This portrait is no longer available.');
        this.setText(this.style, '');
        this.setText(this.error, describe('not_found'));
      }
    }

    showPainting(imageUrl, style) {
      if (this.record.removed) return;
      const styleWords = style ? ` in the ${prettyStyle(style)} style` : '';
      this.image.alt = `Your portrait, painted${styleWords}`;
      if (this.image.getAttribute('src') !== imageUrl) this.image.src = imageUrl;
      this.download.href = imageUrl;
      this.download.setAttribute('download', `portrait${style ? `-${style}` : ''}.webp`);
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
      this.setText(this.style, this.record.style ? `Style: ${prettyStyle(this.record.style)}` : '');
      this.setText(this.reason, '');
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
    const style = els.style.value || 'auto';
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
    els.galleryLink.href = `${config.galleryBaseUrl}/`;
    els.maxSize.textContent = formatBytes(config.maxUploadBytes);
    els.input.accept = config.acceptedTypes.join(',');
  }

  const styleDescriptions = new Map([['auto', 'The painter looks at your photo and picks the style that suits it.']]);

  async function loadStyles() {
    try {
      const response = await fetch('/api/styles', { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const body = await response.json();
      const styles = Array.isArray(body) ? body : Array.isArray(body.styles) ? body.styles : [];
      const chosen = els.style.value;
      els.style.replaceChildren();
      const auto = new Option('Let the painter choose', 'auto');
      els.style.add(auto);
      for (const style of styles) {
        if (!style || typeof style.name !== 'string' || style.name === 'auto') continue;
        const medium = style.medium && style.medium !== style.name ? ` (${style.medium})` : '';
        els.style.add(new Option(`${prettyStyle(style.name)}${medium}`, style.name));
        if (style.description) styleDescriptions.set(style.name, style.description);
      }
      if ([...els.style.options].some((o) => o.value === chosen)) els.style.value = chosen;
      onStyleChosen();
    } catch { /* "Let the painter choose" still works */ }
  }

  function onStyleChosen() {
    els.styleHint.textContent = styleDescriptions.get(els.style.value) || 'A painter with its own hand and palette.';
  }
  els.style.addEventListener('change', onStyleChosen);

  async function init() {
    await loadConfig();
    applyConfig();
    loadStyles();
    for (const record of loadRecords()) showCard(record, { prepend: false });
  }

  init();
})();
