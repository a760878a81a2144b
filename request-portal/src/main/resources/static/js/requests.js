// The request form, made quicker with JavaScript; without it the form works the same as a plain list.
(function () {
  'use strict';

  // Find a dataset: filters the list of datasets by code, name and department as one types.
  var filter = document.querySelector('[data-dataset-filter]');
  var input = document.getElementById('dataset-filter');
  if (filter && input) {
    var datasets = Array.prototype.slice.call(document.querySelectorAll('.dataset[data-search]'));
    var none = document.querySelector('[data-dataset-none]');
    var count = document.getElementById('dataset-filter-count');
    filter.hidden = false;
    // Enter in the search box searches; it must not send the whole form.
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { event.preventDefault(); }
    });
    input.addEventListener('input', function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      datasets.forEach(function (item) {
        var text = item.getAttribute('data-search');
        var ticked = item.querySelector('[data-dataset]').checked;
        var match = ticked || words.every(function (w) { return text.indexOf(w) >= 0; });
        item.hidden = !match;
        if (match) { shown++; }
      });
      if (none) { none.hidden = shown > 0; }
      if (count) {
        count.textContent = words.length ? shown + (shown === 1 ? ' dataset shown' : ' datasets shown') : '';
      }
    });
  }

  // Ticking an element ticks its dataset: asking for part of a dataset is asking for the dataset.
  document.querySelectorAll('[data-element-of]').forEach(function (box) {
    box.addEventListener('change', function () {
      if (box.checked) {
        var dataset = document.getElementById('dataset-' + box.getAttribute('data-element-of'));
        if (dataset) { dataset.checked = true; }
      }
    });
  });

  // Who receives the data: show the department's field or the organisation's, whichever is chosen.
  var choices = document.querySelectorAll('[data-recipient-choice]');
  var parts = document.querySelectorAll('[data-recipient-part]');
  function showRecipient() {
    var chosen = document.querySelector('[data-recipient-choice]:checked');
    parts.forEach(function (part) {
      part.hidden = chosen !== null && part.getAttribute('data-recipient-part') !== chosen.value;
    });
  }
  if (choices.length && parts.length) {
    choices.forEach(function (choice) { choice.addEventListener('change', showRecipient); });
    showRecipient();
  }

  // A file over the limit is refused as soon as it is chosen, before a long upload that the server would refuse
  // with everything typed: the browser keeps the form from being sent until the file is taken out.
  var files = document.getElementById('files');
  if (files && files.getAttribute('data-max-bytes')) {
    var maxBytes = Number(files.getAttribute('data-max-bytes'));
    files.addEventListener('change', function () {
      var large = Array.prototype.filter.call(files.files, function (f) { return f.size > maxBytes; });
      files.setCustomValidity(large.map(function (f) {
        return '\u201c' + f.name + '\u201d is ' + (f.size / 1048576).toFixed(1) + ' MB: files can be up to '
          + Math.round(maxBytes / 1048576) + ' MB each. Choose a smaller file.';
      }).join(' '));
      if (large.length) { files.reportValidity(); }
    });
  }

  // After a refused submission, the summary of what to fix takes the focus.
  var summary = document.getElementById('error-summary');
  if (summary) { summary.focus(); }
})();
