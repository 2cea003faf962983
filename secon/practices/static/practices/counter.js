// Live character counters for the good-practice template's fields: "120 of 300 characters", and how
// many too many when a text is over its limit. The words come translated from the field's data-
// attributes; without this script the server's message says by how much a text is over.
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return String(values[key]);
    });
  }

  function attach(field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    if (!limit) {
      return;
    }
    var counter = document.createElement("span");
    counter.className = "char-counter";
    counter.id = field.id + "_counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);

    function update() {
      // Line breaks count as one character, as the server counts them after normalising.
      var count = field.value.replace(/\r\n/g, "\n").length;
      var text = fill(field.getAttribute("data-counter"), { count: count, limit: limit });
      if (count > limit) {
        text += " – " + fill(field.getAttribute("data-over"), { over: count - limit });
        counter.classList.add("char-counter-over");
      } else {
        counter.classList.remove("char-counter-over");
      }
      counter.textContent = text;
    }

    field.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("[data-limit]").forEach(attach);
})();
