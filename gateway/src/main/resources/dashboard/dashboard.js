// The operator page: asks for an admin key, keeps it in sessionStorage (this tab only), and shows the providers'
// lights and this instance's lookup figures from the /admin/stats routes, refreshed every few seconds.
'use strict';

(function () {
  const KEY_NAME = 'creditgate.adminKey';
  const REFRESH_MS = 10000;
  const LIGHTS = {
    green: '绿 green',
    yellow: '黄 yellow',
    red: '红 red'
  };

  const $ = (id) => document.getElementById(id);
  let timer = null;

  function show(element, visible) {
    element.hidden = !visible;
  }

  function showError(message) {
    $('error').textContent = message;
    show($('error'), Boolean(message));
  }

  function showLogin(message) {
    clearTimeout(timer);
    show($('login'), true);
    show($('board'), false);
    show($('logout'), false);
    showError(message || '');
    $('admin-key').focus();
  }

  class RequestFailed extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  async function getJson(path, key) {
    const response = await fetch(path, {
      headers: { Authorization: 'Bearer ' + key, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit'
    });
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const problem = await response.json();
        detail = (problem.code ? problem.code + ': ' : '') + (problem.detail || problem.title || detail);
      } catch (ignored) {
        // not problem+json: the status text will do
      }
      throw new RequestFailed(response.status, detail);
    }
    return response.json();
  }

  function formatNumber(value, digits) {
    return Number(value).toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function formatTime(iso) {
    // the gateway answers in Asia/Shanghai time: show it as it is, without the offset
    return iso ? iso.slice(0, 19).replace('T', ' ') : '从未 never';
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function renderProviders(providers) {
    const body = $('providers').tBodies[0];
    body.replaceChildren();
    for (const p of providers) {
      const row = body.insertRow();
      row.dataset.provider = p.provider;
      const name = cell(row, p.name, 'provider');
      name.title = p.provider;
      const light = cell(row, LIGHTS[p.light] || p.light, 'light light-' + p.light);
      light.dataset.light = p.light;
      cell(row, formatNumber(p.accepted_today, 0), 'number accepted-today');
      cell(row, formatNumber(p.rejected_today, 0), 'number rejected-today');
      cell(row, formatTime(p.last_submission_at), 'last-submission');
    }
    show($('no-providers'), providers.length === 0);
  }

  function renderOverview(overview) {
    $('window-seconds').textContent = formatNumber(overview.window_seconds, 0);
    $('lookup-rate').textContent = formatNumber(overview.lookups_per_second, 2);
    $('subject-rate').textContent = formatNumber(overview.subjects_per_second, 2);
    $('cache-hit-ratio').textContent = overview.cache_hit_ratio === null
      ? '–' : formatNumber(overview.cache_hit_ratio * 100, 1) + ' %';
  }

  async function refresh() {
    clearTimeout(timer);
    const key = sessionStorage.getItem(KEY_NAME);
    if (!key) {
      showLogin();
      return;
    }
    try {
      const [stats, overview] = await Promise.all([
        getJson('/admin/stats/providers', key),
        getJson('/admin/stats/overview', key)
      ]);
      renderProviders(stats.providers);
      renderOverview(overview);
      showError('');
      show($('login'), false);
      show($('board'), true);
      show($('logout'), true);
      $('updated').textContent = '更新于 Updated ' + new Date().toLocaleTimeString('zh-CN', { hour12: false });
    } catch (failure) {
      if (failure.status === 401 || failure.status === 403) {
        sessionStorage.removeItem(KEY_NAME);
        showLogin('密钥无效或不是管理密钥 · The key is not valid or is not an admin key (' + failure.message + ')');
        return;
      }
      showError('无法读取数据，稍后重试 · Could not read the figures, retrying: ' + failure.message);
    }
    timer = setTimeout(refresh, REFRESH_MS);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const key = $('admin-key').value.trim();
      $('admin-key').value = '';
      if (key) {
        sessionStorage.setItem(KEY_NAME, key);
        refresh();
      }
    });
    $('logout').addEventListener('click', () => {
      sessionStorage.removeItem(KEY_NAME);
      showLogin();
    });
    refresh();
  });
}());
