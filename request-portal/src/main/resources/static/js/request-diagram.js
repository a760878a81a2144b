// The request page's process diagram: the BPMN of the request's own process version in bpmn-js's viewer, with the
// steps it waits on now and those it has finished marked; the marks follow the status block when it refreshes.
(function () {
  'use strict';

  var CURRENT = 'highlight-current';
  var DONE = 'highlight-done';
  var READABLE = 0.8;

  function fetchOk(url, accept) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': accept } }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ' answered ' + response.status);
      }
      return response;
    });
  }

  function mark(viewer, container) {
    return fetchOk(container.dataset.stateUrl, 'application/json')
      .then(function (response) { return response.json(); })
      .then(function (state) {
        var canvas = viewer.get('canvas');
        var elements = viewer.get('elementRegistry');
        elements.forEach(function (element) {
          canvas.removeMarker(element.id, CURRENT);
          canvas.removeMarker(element.id, DONE);
        });
        (state.finished || []).forEach(function (id) {
          if (elements.get(id)) { canvas.addMarker(id, DONE); }
        });
        (state.current || []).forEach(function (id) {
          if (elements.get(id)) { canvas.addMarker(id, CURRENT); }
        });
        return (state.current || []).map(function (id) { return elements.get(id); })
          .filter(function (element) { return element; });
      });
  }

  // A whole process is too small to read when fitted in: show the steps waiting now at a readable size instead.
  function focus(viewer, current) {
    var canvas = viewer.get('canvas');
    canvas.zoom('fit-viewport');
    if (!current.length || canvas.zoom() >= READABLE) {
      return;
    }
    var left = Math.min.apply(null, current.map(function (e) { return e.x; }));
    var top = Math.min.apply(null, current.map(function (e) { return e.y; }));
    var right = Math.max.apply(null, current.map(function (e) { return e.x + e.width; }));
    var bottom = Math.max.apply(null, current.map(function (e) { return e.y + e.height; }));
    var outer = canvas.viewbox().outer;
    var width = outer.width / READABLE;
    var height = outer.height / READABLE;
    canvas.viewbox({ x: (left + right - width) / 2, y: (top + bottom - height) / 2, width: width, height: height });
  }

  // Buttons for those who use neither a mouse wheel nor a touch screen; they exist only where the diagram does.
  function controls(viewer, container, current) {
    var group = document.createElement('div');
    group.className = 'button-group diagram-controls';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Diagram view');
    [['Zoom in', function (canvas) { canvas.zoom(canvas.zoom() * 1.25); }],
      ['Zoom out', function (canvas) { canvas.zoom(canvas.zoom() / 1.25); }],
      ['Show the whole process', function (canvas) { canvas.zoom('fit-viewport'); }],
      ['Show the steps waiting now', function () { focus(viewer, current()); }]].forEach(function (control) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--secondary';
      button.textContent = control[0];
      button.addEventListener('click', function () { control[1](viewer.get('canvas')); });
      group.appendChild(button);
    });
    container.parentNode.insertBefore(group, container.nextSibling);
  }

  function say(container, text) {
    var message = container.querySelector('.diagram__fallback');
    if (!message) {
      message = document.createElement('p');
      message.className = 'diagram__fallback';
      container.appendChild(message);
    }
    message.textContent = text;
  }

  function start() {
    var container = document.getElementById('process-diagram');
    if (!container) {
      return;
    }
    if (typeof window.BpmnJS !== 'function') {
      say(container, 'The diagram viewer did not load. "Waiting on" and the timeline above tell where the request stands.');
      return;
    }
    var fallback = container.querySelector('.diagram__fallback');
    if (fallback) {
      fallback.textContent = 'Drawing the diagram…';
    }
    var viewer = new window.BpmnJS({ container: container });
    var current = [];
    fetchOk(container.dataset.diagramUrl, 'application/xml')
      .then(function (response) { return response.text(); })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        var message = container.querySelector('.diagram__fallback');
        if (message) { message.remove(); }
        var svg = container.querySelector('svg');
        if (svg) {
          svg.setAttribute('role', 'img');
          svg.setAttribute('aria-label', container.dataset.label || 'Process diagram');
        }
        controls(viewer, container, function () { return current; });
        return mark(viewer, container).catch(function () { return []; });
      })
      .then(function (waiting) {
        current = waiting;
        focus(viewer, current);
      })
      .catch(function () {
        say(container, 'The diagram could not be drawn. "Waiting on" and the timeline above tell where the request stands.');
      });
    // The status block refreshes itself when the request moves on: move the marks with it.
    document.body.addEventListener('htmx:afterSettle', function (event) {
      if (event.target && event.target.id === 'request-status') {
        mark(viewer, container).then(function (waiting) { current = waiting; })
          .catch(function () { /* the marks stay as they were */ });
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
