// The labeling page: keys and buttons send actions to the server, one at
// a time, and the part of the page the server returns replaces the old.
(() => {
  'use strict';
  const body = document.body;
  const token = body.dataset.token;
  const work = document.getElementById('work');
  const announce = document.getElementById('announce');
  const error = document.getElementById('error');
  const orderSelect = document.getElementById('order');
  let order = body.dataset.order;
  let queue = Promise.resolve();
  let pending = 0;

  const claim = () => document.getElementById('claim');
  const currentID = () => (claim() ? claim().dataset.id : '');

  // show puts a new part of the page in place, moves the focus to the
  // claim and has screen readers read it out.
  function show(html) {
    work.innerHTML = html;
    error.textContent = '';
    const c = claim();
    if (c) {
      c.focus();
      announce.textContent = c.dataset.announce;
    }
  }

  // send performs one action; fill sets its parameters from the page as
  // it is when the action's turn comes, or returns false to drop it.
  async function send(path, method, fill) {
    const params = new URLSearchParams();
    if (fill && fill(params) === false) return;
    params.set('order', order);
    const init = {method, headers: {'X-Stance-Token': token}, cache: 'no-store', credentials: 'same-origin'};
    let url = path;
    if (method === 'POST') init.body = params;
    else url += '?' + params;
    const res = await fetch(url, init);
    const text = await res.text();
    if (!res.ok) throw new Error(text.trim() || res.statusText);
    show(text);
  }

  // act queues an action behind those sent before it, so that quick keys
  // apply to successive claims in order.
  function act(path, method, fill) {
    pending++;
    body.dataset.pending = pending;
    queue = queue
      .then(() => send(path, method, fill))
      .catch(err => {
        error.textContent = 'Not done: ' + err.message;
      })
      .finally(() => {
        pending--;
        body.dataset.pending = pending;
      });
  }

  function decide(label) {
    act('decide', 'POST', p => {
      const id = currentID();
      if (!id) return false;
      p.set('id', id);
      p.set('label', typeof label === 'function' ? label() : label);
      return p.get('label') !== '';
    });
  }

  const suggestion = () => (claim() ? claim().dataset.suggestion : '');

  function keyLabel(key) {
    const b = work.querySelector('button[data-action="decide"][data-key="' + key + '"]');
    return b ? b.dataset.label : '';
  }

  function openForm() {
    const form = document.getElementById('new-label');
    if (!form) return;
    form.hidden = false;
    work.querySelector('[data-action="new"]').setAttribute('aria-expanded', 'true');
    document.getElementById('new-name').focus();
  }

  function closeForm() {
    const form = document.getElementById('new-label');
    if (!form) return;
    form.hidden = true;
    work.querySelector('[data-action="new"]').setAttribute('aria-expanded', 'false');
    claim().focus();
  }

  const actions = {
    accept: () => decide(suggestion),
    skip: () => act('skip', 'POST', p => {
      const id = currentID();
      if (!id) return false;
      p.set('id', id);
    }),
    undo: () => act('undo', 'POST'),
    new: openForm,
    cancel: closeForm,
  };

  work.addEventListener('click', e => {
    const b = e.target.closest('button[data-action]');
    if (!b) return;
    if (b.dataset.action === 'decide') decide(b.dataset.label);
    else actions[b.dataset.action]();
  });

  work.addEventListener('submit', e => {
    e.preventDefault();
    const input = document.getElementById('new-name');
    const name = input.value.trim();
    if (!name) return;
    act('label', 'POST', p => {
      p.set('id', currentID());
      p.set('name', name);
    });
  });

  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const t = e.target;
    if (t.closest('input, select, textarea')) {
      if (e.key === 'Escape' && t.id === 'new-name') {
        e.preventDefault();
        closeForm();
      }
      return;
    }
    if (t.closest('button, a') && (e.key === 'Enter' || e.key === ' ')) return; // the button's own action
    if (/^[1-9]$/.test(e.key)) {
      const label = keyLabel(e.key);
      if (label) decide(label);
    } else if (e.key === 'Enter') {
      actions.accept();
    } else if (e.key === 's' || e.key === 'u') {
      actions[{s: 'skip', u: 'undo'}[e.key]]();
    } else if (e.key === 'n') {
      openForm();
      swallowN = true;
    } else {
      return;
    }
    e.preventDefault();
  });

  // The n that opened the form must not be typed into it: browsers that
  // still send its keypress to the field, now focused, get it cancelled.
  let swallowN = false;
  document.addEventListener('keypress', e => {
    if (swallowN && e.key === 'n') e.preventDefault();
    swallowN = false;
  }, true);
  document.addEventListener('keyup', e => {
    if (e.key === 'n') swallowN = false;
  }, true);

  orderSelect.addEventListener('change', () => {
    order = orderSelect.value;
    const url = new URL(location.href);
    url.searchParams.set('order', order);
    history.replaceState(null, '', url);
    act('claim', 'GET');
  });

  if (claim()) claim().focus();
})();
