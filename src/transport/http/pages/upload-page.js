// The /u page's script: enter the code, then announce each file, send it straight to storage
// with a progress bar, complete it, and follow it until it is ready or refused. No libraries.
(function () {
  'use strict';
  var T = JSON.parse(document.getElementById('texts').textContent);
  var ticket = null;
  var upload = null;
  var rows = {};

  function $(id) { return document.getElementById(id); }
  function fill(text, values) { return text.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }
  function size(bytes) {
    var units = ['B', 'KB', 'MB', 'GB'];
    var i = 0;
    while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
    return (i === 0 ? bytes : bytes.toFixed(bytes < 10 ? 1 : 0)) + ' ' + units[i];
  }
  function reason(code) { return T.reasons[code] || T.reasons.other; }

  function api(method, path, body) {
    var headers = { 'content-type': 'application/json' };
    if (ticket) headers.authorization = 'Bearer ' + ticket;
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (!res.ok) { var e = new Error((json.error && json.error.code) || 'error'); e.status = res.status; e.retry = res.headers.get('retry-after'); throw e; }
        return json;
      });
    });
  }

  function message(error) {
    if (error.message === 'rate_limited') return fill(T.tooMany, { seconds: error.retry || '60' });
    if (error.message === 'not_found') return T.wrongCode;
    if (error.message === 'upload_closed') return T.closed;
    return T.reasons[error.message] || T.error;
  }

  // A reload keeps the ticket (this tab only), so it does not use up one of the code's uses.
  var company = $('company');
  function pagePath() { return company ? '/u/' + company.value.trim().toLowerCase() : location.pathname.replace(/\/+$/, ''); }
  var KEY = 'voicefiles-upload-ticket:' + location.pathname;
  try { ticket = sessionStorage.getItem(KEY); } catch (_) { ticket = null; }
  if (ticket) api('GET', '/u/api/status').then(function (json) { show(json.upload); }, function () { ticket = null; });

  $('code-form').addEventListener('submit', function (event) {
    event.preventDefault();
    $('code-error').textContent = '';
    (company && !/^[a-z0-9-]{2,63}$/.test(company.value.trim().toLowerCase()) ? Promise.reject(new Error('not_found')) : api('POST', pagePath() + '/open', { code: $('code').value })).then(function (json) {
      ticket = json.ticket;
      try { sessionStorage.setItem(KEY, ticket); } catch (_) { /* private mode: the page still works */ }
      show(json.upload);
    }, function (error) {
      $('code-error').textContent = message(error);
      $('code').focus();
    });
  });

  function show(request) {
    upload = request;
    $('code-form').hidden = true;
    $('upload').hidden = false;
    $('purpose').textContent = T.requested + ': ' + request.purpose;
    var parts = [fill(T.limits, { files: request.max_files, size: size(request.max_bytes) })];
    if (request.types.length) parts.push(fill(T.types, { types: request.types.join(', ') }));
    parts.push(fill(T.until, { deadline: new Date(request.deadline).toLocaleString(T.locale) }));
    $('limits').textContent = parts.join(' ');
    if (request.types.length) $('files').accept = request.types.map(function (t) { return '.' + t; }).join(',');
    render(request.files);
    $('files').focus();
  }

  function row(key, name) {
    if (rows[key]) return rows[key];
    var li = document.createElement('li');
    var title = document.createElement('span');
    title.className = 'name';
    title.textContent = name;
    var bar = document.createElement('progress');
    bar.max = 100; bar.value = 0;
    bar.setAttribute('aria-label', T.uploading + ' ' + name);
    var state = document.createElement('span');
    state.className = 'state';
    state.textContent = T.uploading;
    li.append(title, bar, state);
    $('list').append(li);
    rows[key] = { li: li, bar: bar, state: state };
    return rows[key];
  }

  function setState(r, state, why) {
    r.state.className = 'state ' + state;
    r.state.textContent = T[state] + (why ? ' – ' + reason(why) : '');
    if (state !== 'pending') r.bar.value = 100;
  }

  function render(files) {
    files.forEach(function (file) {
      var r = rows[file.blob_id] || row(file.blob_id, file.name);
      if (file.state !== 'pending') setState(r, file.state, file.reason);
    });
  }

  function send(file) {
    var r = row('local:' + Math.random(), file.name);
    api('POST', '/u/api/files', { name: file.name, size: file.size }).then(function (slot) {
      rows[slot.blob_id] = r;
      return transfer(slot.upload, file, r).then(function () {
        r.state.textContent = T.received;
        return api('POST', '/u/api/files/' + slot.blob_id + '/complete');
      }).then(function (json) {
        var mine = null;
        json.upload.files.forEach(function (f) { if (f.blob_id === slot.blob_id) mine = f; });
        if (mine) { setState(r, mine.state, mine.reason); if (mine.state !== 'ready' && mine.state !== 'rejected') follow(slot.blob_id, r); }
      });
    }).catch(function (error) {
      r.bar.value = 0;
      r.state.className = 'state failed';
      r.state.textContent = T.failed + ' – ' + message(error);
    });
  }

  function transfer(target, file, r) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(target.method, target.url);
      var body = file;
      if (target.method === 'POST') {
        body = new FormData();
        Object.keys(target.fields).forEach(function (k) { body.append(k, target.fields[k]); });
        body.append('file', file);
      } else {
        Object.keys(target.fields).forEach(function (k) { xhr.setRequestHeader(k, target.fields[k]); });
      }
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) r.bar.value = Math.round((e.loaded / e.total) * 100); };
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) return resolve();
        var code = 'error';
        try { code = JSON.parse(xhr.responseText).error.code; } catch (_) { if (xhr.status === 413 || /EntityTooLarge/.test(xhr.responseText)) code = 'payload_too_large'; }
        var e = new Error(code); e.status = xhr.status; reject(e);
      };
      xhr.onerror = function () { reject(new Error('error')); };
      xhr.send(body);
    });
  }

  function follow(blobId, r) {
    setTimeout(function () {
      api('GET', '/u/api/status').then(function (json) {
        var mine = null;
        json.upload.files.forEach(function (f) { if (f.blob_id === blobId) mine = f; });
        if (!mine) return;
        setState(r, mine.state, mine.reason);
        if (mine.state === 'ready' || mine.state === 'rejected') return;
        follow(blobId, r);
      }, function () { follow(blobId, r); });
    }, 1000);
  }

  function take(list) { for (var i = 0; i < list.length; i++) send(list[i]); }
  $('files').addEventListener('change', function () { take(this.files); this.value = ''; });
  var drop = $('drop');
  ['dragenter', 'dragover'].forEach(function (type) { drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add('over'); }); });
  ['dragleave', 'drop'].forEach(function (type) { drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.remove('over'); }); });
  drop.addEventListener('drop', function (e) { if (e.dataTransfer && e.dataTransfer.files) take(e.dataTransfer.files); });
})();
