// The news editor: a Markdown formatting toolbar and a live preview of each body, rendered by the server.
// Without this script the page still works: a short Markdown help and a "Preview" button stand in.
(function () {
  "use strict";

  var form = document.querySelector("form.news-editor");
  if (!form) {
    return;
  }
  var previewUrl = form.getAttribute("data-preview-url");
  var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var DELAY = 400; // ms after the last keystroke: a preview per pause, not per key

  // Replace [start, end) with text, then select [selStart, selEnd). execCommand keeps the browser's
  // undo history (Ctrl+Z undoes a formatting step); setRangeText is the fallback where it is missing.
  function replace(area, start, end, text, selStart, selEnd) {
    area.focus();
    area.setSelectionRange(start, end);
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done || area.value.slice(start, start + text.length) !== text) {
      area.setRangeText(text, start, end, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
    area.setSelectionRange(selStart, selEnd);
  }

  function wrap(area, before, after, placeholder) {
    var start = area.selectionStart;
    var end = area.selectionEnd;
    var selected = area.value.slice(start, end);
    // Keep the spaces a double-click selects outside the markers: "** word**" is not bold.
    var lead = selected.match(/^\s*/)[0];
    var trail = selected.match(/\s*$/)[0];
    var inner = selected.trim() || placeholder;
    if (!selected.trim()) {
      lead = trail = "";
    }
    var text = lead + before + inner + after + trail;
    var innerStart = start + lead.length + before.length;
    replace(area, start, end, text, innerStart, innerStart + inner.length);
  }

  function link(area, placeholder) {
    var start = area.selectionStart;
    var end = area.selectionEnd;
    var label = area.value.slice(start, end).trim() || placeholder;
    var text = "[" + label + "](https://)";
    var urlStart = start + label.length + 3;
    replace(area, start, end, text, urlStart, urlStart + "https://".length);
  }

  // Lists, headings and quotes work on whole lines and need an empty line around them in Markdown.
  function prefixLines(area, prefix, placeholder) {
    var value = area.value;
    var start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    var end = area.selectionEnd;
    if (end > start && value.charAt(end - 1) === "\n") {
      end -= 1;
    }
    var lineEnd = value.indexOf("\n", end);
    if (lineEnd === -1) {
      lineEnd = value.length;
    }
    var lines = (value.slice(start, lineEnd) || placeholder).split("\n");
    var body = lines
      .map(function (line, index) {
        return prefix(index) + line.replace(/^(#{1,6} |[-*] |\d+\. |> )/, "");
      })
      .join("\n");
    var before = start > 0 && value.slice(0, start).slice(-2) !== "\n\n" ? "\n" : "";
    var after = lineEnd < value.length && value.charAt(lineEnd + 1) !== "\n" ? "\n" : "";
    var text = before + body + after;
    replace(area, start, lineEnd, text, start + before.length, start + before.length + body.length);
  }

  var ACTIONS = {
    bold: function (area, placeholder) { wrap(area, "**", "**", placeholder); },
    italic: function (area, placeholder) { wrap(area, "*", "*", placeholder); },
    heading: function (area, placeholder) { prefixLines(area, function () { return "## "; }, placeholder); },
    link: link,
    bullets: function (area, placeholder) { prefixLines(area, function () { return "- "; }, placeholder); },
    numbers: function (area, placeholder) {
      prefixLines(area, function (index) { return index + 1 + ". "; }, placeholder);
    },
    quote: function (area, placeholder) { prefixLines(area, function () { return "> "; }, placeholder); },
  };

  function run(button, area) {
    ACTIONS[button.getAttribute("data-md")](area, button.getAttribute("data-placeholder") || "");
  }

  // A toolbar is one tab stop; the arrow keys, Home and End move between its buttons (WAI-ARIA toolbar).
  function setUpToolbar(toolbar) {
    var area = document.getElementById(toolbar.getAttribute("aria-controls"));
    if (!area) {
      return;
    }
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button[data-md]"));
    buttons.forEach(function (button, index) {
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("click", function () { run(button, area); });
    });
    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      if (index === -1) {
        return;
      }
      var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (next === undefined) {
        return;
      }
      event.preventDefault();
      next = (next + buttons.length) % buttons.length;
      buttons[index].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
    area.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
        return;
      }
      var name = { b: "bold", i: "italic" }[event.key.toLowerCase()];
      var button = name && toolbar.querySelector('button[data-md="' + name + '"]');
      if (button) {
        event.preventDefault();
        run(button, area);
      }
    });
    toolbar.hidden = false;
  }

  // The preview asks the server, which renders with the public page's own sanitiser; the answer is
  // safe HTML (no script, no event handlers, no javascript: links), and the page's CSP runs no inline code.
  function setUpPreview(target) {
    var area = document.getElementById(target.getAttribute("data-preview-for"));
    var status = document.getElementById(target.id + "-status");
    if (!area || !previewUrl) {
      return;
    }
    var timer = null;
    var pending = null;
    function refresh() {
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      var body = new URLSearchParams();
      body.append("text", area.value);
      fetch(previewUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfInput ? csrfInput.value : "" },
        signal: pending.signal,
      })
        .then(function (response) {
          return response.text().then(function (text) {
            if (response.ok) {
              target.innerHTML = text;
              target.lang = area.lang; // the text's language, not the interface's (a placeholder was)
              status.textContent = "";
              target.setAttribute("data-updated", String(Date.now()));
            } else {
              status.textContent = text.length < 300 ? text : "";
            }
          });
        })
        .catch(function () {
          /* aborted by newer typing, or offline: the last preview stays */
        });
    }
    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DELAY);
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll(".md-toolbar"), setUpToolbar);
  Array.prototype.forEach.call(form.querySelectorAll("[data-preview-for]"), setUpPreview);
  // With the toolbar and the live preview in place, the help folds away and the button is not needed.
  Array.prototype.forEach.call(form.querySelectorAll(".markdown-help"), function (help) {
    help.open = false;
  });
  Array.prototype.forEach.call(form.querySelectorAll("[data-without-script]"), function (element) {
    element.hidden = true;
  });
})();
