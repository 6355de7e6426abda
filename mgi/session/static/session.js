/* mgi live session: small improvements over pages that work without script.
   Keeps the points at 100, checks pairwise consistency as soon as the comparisons are complete,
   re-ranks as the what-if sliders move, and refreshes the projector. Talks only to this server. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function bars(root) {
    root.querySelectorAll(".bar-fill[data-w]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, parseFloat(el.dataset.w) * 100)) + "%";
    });
  }

  function outputs(form) {
    form.querySelectorAll("output[data-for]").forEach(function (out) {
      var input = document.getElementById(out.dataset.for);
      if (input) { out.textContent = input.value; }
    });
  }

  function send(url, form) {
    var body = new URLSearchParams(new FormData(form));
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }

  /* Points: moving one slider shares the rest of the 100 points among the others in proportion. */
  function keepHundred(form, moved) {
    var sliders = Array.prototype.slice.call(form.querySelectorAll("input[type=range]"));
    var others = sliders.filter(function (s) { return s !== moved; });
    var rest = 100 - parseInt(moved.value, 10);
    var sum = others.reduce(function (a, s) { return a + parseInt(s.value, 10); }, 0);
    var raw = others.map(function (s) {
      return sum > 0 ? parseInt(s.value, 10) * rest / sum : rest / others.length;
    });
    var floor = raw.map(Math.floor);
    var left = rest - floor.reduce(function (a, b) { return a + b; }, 0);
    raw.map(function (v, i) { return [v - floor[i], i]; })
      .sort(function (a, b) { return b[0] - a[0]; })
      .slice(0, left).forEach(function (pair) { floor[pair[1]] += 1; });
    others.forEach(function (s, i) { s.value = floor[i]; });
  }

  function pointsForm(form) {
    var total = form.querySelector(".points-total");
    function update() {
      var sum = 0;
      form.querySelectorAll("input[type=range]").forEach(function (s) { sum += parseInt(s.value, 10); });
      if (total) { total.textContent = sum; }
      outputs(form);
    }
    form.addEventListener("input", function (event) {
      if (event.target.type === "range") { keepHundred(form, event.target); update(); }
    });
    update();
  }

  function pairwiseForm(form) {
    var status = document.getElementById("consistency");
    var hint = document.getElementById("consistency-hint");
    function check() {
      var selects = form.querySelectorAll("select");
      var complete = Array.prototype.every.call(selects, function (s) { return s.value !== ""; });
      form.querySelectorAll(".pair").forEach(function (row) { row.classList.remove("flag"); });
      if (!complete) { status.textContent = ""; hint.textContent = ""; return; }
      send(form.dataset.check, form).then(function (r) { return r.json(); }).then(function (data) {
        if (!data.complete) { return; }
        status.textContent = data.message;
        status.className = "consistency " + (data.consistent ? "ok" : "warn");
        hint.textContent = data.hint || "";
        if (data.field) {
          var row = document.getElementById("row-" + data.field);
          if (row) { row.classList.add("flag"); }
        }
      }).catch(function () {});
    }
    form.addEventListener("change", check);
    check();
  }

  function tabs() {
    var links = document.querySelectorAll(".tab[data-mode]");
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        links.forEach(function (l) { l.classList.toggle("active", l === link); });
        document.querySelectorAll(".mode").forEach(function (m) {
          m.classList.toggle("shown", m.id === "mode-" + link.dataset.mode);
        });
      });
    });
  }

  function whatifForm(form) {
    var target = document.getElementById(form.dataset.target);
    var timer = null;
    var pending = 0;
    function rerank() {
      var mine = ++pending;
      send(form.action, form).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
        if (mine === pending && html) { target.innerHTML = html; }
      }).catch(function () {});
    }
    form.addEventListener("input", function (event) {
      if (event.target.type === "range") { keepHundred(form, event.target); outputs(form); }
      clearTimeout(timer);
      timer = setTimeout(rerank, 120);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); rerank(); });
    outputs(form);
  }

  function poll(live) {
    setInterval(function () {
      if (document.hidden) { return; }
      fetch(live.dataset.src, { credentials: "same-origin" }).then(function (r) {
        return r.ok ? r.text() : "";
      }).then(function (html) {
        if (html) { live.innerHTML = html; bars(live); }
      }).catch(function () {});
    }, 3000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    bars(document);
    tabs();
    document.querySelectorAll(".points-form").forEach(pointsForm);
    document.querySelectorAll(".pairwise-form").forEach(pairwiseForm);
    document.querySelectorAll(".whatif-form").forEach(whatifForm);
    var live = document.getElementById("live");
    if (live && live.dataset.src) { poll(live); }
  });
})();
