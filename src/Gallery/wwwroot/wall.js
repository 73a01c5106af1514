// RenderFarm gallery wall: newest paintings first, more as you scroll, the full painting in a lightbox.
// Plain script under a strict CSP (script-src 'self'): no inline handlers, no style attributes in markup.
'use strict';

(() => {
  const DEFAULT_PAGE_SIZE = 24;
  const MAX_PAGE_SIZE = 100;

  const $ = (id) => document.getElementById(id);
  const els = {
    wall: $('wall'),
    state: $('wall-state'),
    more: $('load-more'),
    sentinel: $('sentinel'),
    uploadLink: $('upload-link'),
    lightbox: $('lightbox'),
    lightboxImage: $('lightbox-image'),
    lightboxTitle: $('lightbox-title'),
    lightboxDate: $('lightbox-date'),
    lightboxClose: $('lightbox-close'),
    lightboxPrev: $('lightbox-prev'),
    lightboxNext: $('lightbox-next'),
  };

  const params = new URLSearchParams(location.search);
  const pageSize = (() => {
    const asked = Number.parseInt(params.get('pageSize') || params.get('limit') || '', 10);
    return Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  })();

  const items = [];
  const seen = new Set();
  let cursor = null;      // "before" for the next page; null before the first page
  let ended = false;
  let loading = false;
  let failed = false;
  let current = -1;       // index of the painting in the lightbox

  // ---------------------------------------------------------------------------------------------------------------
  // Words.

  function prettyStyle(name) {
    if (!name) return 'A painting';
    return name.split(/[_\-\s]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  }

  function formatDate(value, long) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    return date.toLocaleDateString(undefined, long
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
      : { day: 'numeric', month: 'short', year: 'numeric' });
  }

  function setState(text) {
    els.state.textContent = text || '';
    els.state.hidden = !text;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Tiles.

  function tileFor(item, index) {
    const li = document.createElement('li');
    li.className = 'tile';
    li.dataset.galleryId = item.id;

    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tile-button';
    const style = prettyStyle(item.style);
    const date = formatDate(item.createdAt, false);
    button.setAttribute('aria-label', `Open the ${style} portrait${date ? ` from ${date}` : ''}`);
    button.addEventListener('click', () => openLightbox(index));

    const img = document.createElement('img');
    img.className = 'tile-image';
    img.src = item.thumbnailUrl || item.imageUrl;
    img.alt = `A portrait painted in the ${style} style`;
    img.loading = 'lazy';
    img.decoding = 'async';
    img.width = 256;
    img.height = 320;
    img.addEventListener('load', () => li.classList.add('is-loaded'));
    img.addEventListener('error', () => li.classList.add('is-broken'));

    const caption = document.createElement('span');
    caption.className = 'tile-caption';
    const name = document.createElement('span');
    name.className = 'tile-style';
    name.textContent = style;
    const when = document.createElement('span');
    when.className = 'tile-date';
    when.textContent = date;
    caption.append(name, when);

    button.append(img, caption);
    li.append(button);
    return li;
  }

  function isItem(value) {
    return value && typeof value.id === 'string' && (typeof value.thumbnailUrl === 'string' || typeof value.imageUrl === 'string');
  }

  async function loadPage() {
    if (loading || ended) return;
    loading = true;
    failed = false;
    els.more.hidden = true;
    els.wall.setAttribute('aria-busy', 'true');
    if (items.length > 0) setState('Hanging more paintings…');
    try {
      const url = new URL('/api/gallery', location.origin);
      url.searchParams.set('limit', String(pageSize));
      if (cursor !== null) url.searchParams.set('before', cursor);
      const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error(`gallery answered ${response.status}`);
      const page = await response.json();
      const fragment = document.createDocumentFragment();
      for (const item of Array.isArray(page.items) ? page.items : []) {
        if (!isItem(item) || seen.has(item.id)) continue;
        seen.add(item.id);
        items.push(item);
        fragment.append(tileFor(item, items.length - 1));
      }
      els.wall.append(fragment);
      cursor = page.next === null || page.next === undefined || page.next === '' ? null : String(page.next);
      ended = cursor === null;
    } catch {
      failed = true;
    } finally {
      loading = false;
      els.wall.setAttribute('aria-busy', 'false');
    }
    afterPage();
  }

  function afterPage() {
    if (failed) {
      setState(items.length === 0
        ? 'The gallery could not be loaded just now.'
        : 'More paintings could not be loaded just now.');
      els.more.textContent = 'Try again';
      els.more.hidden = false;
      return;
    }
    if (items.length === 0) {
      setState('No paintings on the wall yet — yours could be the first.');
      return;
    }
    if (ended) {
      setState(items.length === 1 ? 'That is the only painting so far.' : `That's all ${items.length} paintings so far.`);
      return;
    }
    setState('');
    els.more.textContent = 'Show more paintings';
    els.more.hidden = observer !== null; // without IntersectionObserver the button is the way to load more
    // The observer only reports changes: if the sentinel is still in view after this page, ask again.
    if (observer) {
      observer.unobserve(els.sentinel);
      observer.observe(els.sentinel);
    }
  }

  const observer = 'IntersectionObserver' in window
    ? new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadPage();
    }, { rootMargin: '0px 0px 600px 0px' })
    : null;

  els.more.addEventListener('click', () => loadPage());

  // ---------------------------------------------------------------------------------------------------------------
  // Lightbox.

  function showInLightbox(index) {
    const item = items[index];
    if (!item) return;
    current = index;
    const style = prettyStyle(item.style);
    els.lightboxTitle.textContent = style;
    const date = formatDate(item.createdAt, true);
    els.lightboxDate.textContent = date ? `Painted ${date}` : '';
    els.lightboxImage.alt = `A portrait painted in the ${style} style`;
    // The thumbnail is cached already: show it at once, then the full painting when it arrives.
    els.lightboxImage.src = item.thumbnailUrl || item.imageUrl;
    els.lightbox.dataset.galleryId = item.id;
    if (item.imageUrl && item.imageUrl !== item.thumbnailUrl) {
      const full = new Image();
      full.addEventListener('load', () => {
        if (current === index) els.lightboxImage.src = item.imageUrl;
      });
      full.src = item.imageUrl;
    }
    els.lightboxPrev.disabled = index <= 0;
    els.lightboxNext.disabled = index >= items.length - 1 && ended;
  }

  function openLightbox(index) {
    showInLightbox(index);
    if (!els.lightbox.open) {
      if (typeof els.lightbox.showModal === 'function') els.lightbox.showModal();
      else els.lightbox.setAttribute('open', '');
    }
    els.lightboxClose.focus();
  }

  function closeLightbox() {
    if (typeof els.lightbox.close === 'function') els.lightbox.close();
    else els.lightbox.removeAttribute('open');
  }

  async function step(delta) {
    const target = current + delta;
    if (target < 0) return;
    if (target >= items.length) {
      if (ended) return;
      await loadPage();
      if (target >= items.length) return;
    }
    showInLightbox(target);
  }

  els.lightbox.addEventListener('close', () => {
    const tile = items[current] ? els.wall.querySelector(`[data-gallery-id="${CSS.escape(items[current].id)}"] button`) : null;
    current = -1;
    els.lightboxImage.removeAttribute('src');
    delete els.lightbox.dataset.galleryId;
    if (tile) tile.focus();
  });
  els.lightboxClose.addEventListener('click', closeLightbox);
  els.lightboxPrev.addEventListener('click', () => step(-1));
  els.lightboxNext.addEventListener('click', () => step(1));
  // A click on the dim backdrop (the dialog itself, outside its content) closes it too.
  els.lightbox.addEventListener('click', (event) => {
    if (event.target === els.lightbox) closeLightbox();
  });
  els.lightbox.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowLeft') { event.preventDefault(); step(-1); }
    else if (event.key === 'ArrowRight') { event.preventDefault(); step(1); }
    else if (event.key === 'Escape' && !(typeof els.lightbox.showModal === 'function')) closeLightbox();
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Start.

  (function linkToUploads() {
    // Behind the public Ingress (default port) the upload page is this host's "/" and the wall is "/wall"; on a
    // developer machine the Gateway listens on 8080 beside the Gallery's 8081. A referrer from another origin wins
    // where the browser sends one (the site's Referrer-Policy usually stops it).
    let origin = location.port === '' ? location.origin : `${location.protocol}//${location.hostname}:8080`;
    try {
      const from = document.referrer;
      if (from) {
        const url = new URL(from);
        if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== location.origin) origin = url.origin;
      }
    } catch { /* keep the default */ }
    els.uploadLink.href = `${origin}/`;
  })();

  loadPage();
})();
