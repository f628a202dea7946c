/*! Baodao (报到) embed: shows the check-in widget for a venue or event on
 * your page, in an iframe sized to its content. No dependencies.
 *
 *   <div id="baodao-checkin"></div>
 *   <script src="https://checkin.example.cn/embed.js"
 *           data-venue-url="https://checkin.example.cn/c#…" data-lang="zh-CN"></script>
 *
 * data-venue-url: a venue check-in URL (or any page of the widget, e.g. "/"
 *   for the home screen), on the same host as this script.
 * data-lang: zh-CN or en (optional). data-target: the id of the element to
 *   fill (default "baodao-checkin"; created after the script if missing).
 * Your site's origin must be listed in the server's --frame-ancestors. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.URL || !window.postMessage) return;
  var widget = new URL(script.src, location.href).origin;
  var url = new URL(script.getAttribute('data-venue-url') || '/', widget);
  if (url.origin !== widget) {
    console.error('Baodao embed: data-venue-url must be on ' + widget);
    return;
  }
  var lang = script.getAttribute('data-lang');
  // Search parameters go before the #code fragment; the widget reads them.
  url.searchParams.set('embed_origin', location.origin);
  if (lang) url.searchParams.set('lang', lang);

  var target = document.getElementById(script.getAttribute('data-target') || 'baodao-checkin');
  if (!target) {
    target = document.createElement('div');
    script.parentNode.insertBefore(target, script.nextSibling);
  }
  var frame = document.createElement('iframe');
  frame.src = url.href;
  frame.title = lang && lang.indexOf('en') === 0 ? 'Volunteer check-in' : '志愿者签到';
  frame.setAttribute('allow', 'camera ' + widget);
  frame.style.cssText = 'display:block;width:100%;height:640px;border:0;overflow:hidden;';
  target.appendChild(frame);

  // Only our widget's iframe may resize it.
  window.addEventListener('message', function (e) {
    if (e.origin !== widget || e.source !== frame.contentWindow) return;
    var d = e.data;
    if (d && d.type === 'baodao:height' && typeof d.height === 'number' && d.height > 0) {
      frame.style.height = Math.min(Math.ceil(d.height), 20000) + 'px';
    }
  });
})();
