// junheng review: keyboard first. j/k walk the stops of the report (each finding, then the
// figures it rests on); Enter confirms, e edits the figure, x marks "not a figure", d dismisses
// a finding with a reason; J/K go to the next/previous report. Every action is a POST of the
// page's form with its CSRF token; without this script the same forms work as plain forms.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var report = document.getElementById("report");
  var editor = document.getElementById("editor");
  var toastTimer = null;

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function toast(text, bad) {
    var t = document.getElementById("toast");
    if (!t) { return; }
    t.textContent = text;
    t.classList.toggle("bad", !!bad);
    t.classList.add("show");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.classList.remove("show"); }, 1800);
  }

  // --- the filter of the reports list ----------------------------------------------------
  var filter = document.getElementById("filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var words = filter.value.trim().toLowerCase();
      $$("#reports li").forEach(function (li) {
        li.hidden = !!words && li.dataset.search.toLowerCase().indexOf(words) < 0;
      });
    });
    var active = $("#reports a.active");
    if (active) { active.scrollIntoView({ block: "center" }); }
  }

  // --- redraft: say it is working ---------------------------------------------------------
  var redraftButton = document.getElementById("redraft");
  if (redraftButton) {
    redraftButton.form.addEventListener("submit", function () {
      setTimeout(function () { redraftButton.disabled = true; redraftButton.textContent = "正在生成…"; }, 0);
    });
  }
  // --- redraft under way: ask how far it is until it is done, then show what changed ----
  var progress = document.getElementById("redrafting");
  if (progress) {
    var poll = function () {
      fetch(progress.dataset.progress, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (status) {
          if (!status.running) { location.replace("/redraft"); return; }
          document.getElementById("redraft-bar").value = status.percent;
          document.getElementById("redraft-step").textContent = "第 " + status.step + "/" + status.steps + " 步：" + status.name;
          document.getElementById("redraft-seconds").textContent = Math.round(status.seconds);
          setTimeout(poll, 500);
        })
        .catch(function () { setTimeout(poll, 2000); });
    };
    setTimeout(poll, 300);
  }
  if (!report) { return; }

  // --- stops --------------------------------------------------------------------------------
  var stops = [];
  $$("li.finding").forEach(function (li) {
    stops.push(li);
    (li.dataset.figures || "").split(" ").forEach(function (id) {
      var span = id && document.getElementById(id);
      if (span) { stops.push(span); }
    });
  });
  if (!stops.length) { stops = $$(".text .fig[id]"); }
  var at = -1;

  function isFigure(el) { return !!(el && el.dataset && el.dataset.fig); }

  function figureRow(id) { return document.getElementById("row-" + id); }

  function fillEditor(id) {
    var row = figureRow(id);
    if (!editor || !row) { return; }
    editor.setAttribute("action", "/figure/" + row.dataset.i);  // not .action: the buttons are named so
    editor.querySelector('[name="next"]').value = "/report/" + report.dataset.n + "?sel=" + id;
    $("#editor-indicator").value = row.dataset.indicator;
    $("#editor-value").value = row.dataset.value;
    $("#editor-level").value = row.dataset.level;
    $("#editor-year").value = row.dataset.year;
    $("#editor-name").textContent = row.dataset.name;
    $("#editor-sentence").textContent = row.dataset.text;
    var state = $("#editor-state");
    state.textContent = $(".state", row).textContent;
    state.className = "state st-" + row.dataset.state;
    editor.dataset.fig = id;
  }

  function select(el) {
    if (!el) { return; }
    $$(".current").forEach(function (c) { c.classList.remove("current"); });
    el.classList.add("current");
    var i = stops.indexOf(el);
    if (i < 0) { stops.push(el); i = stops.length - 1; }
    at = i;
    el.scrollIntoView({ block: "center" });
    if (isFigure(el)) { fillEditor(el.dataset.fig); }
    else if (el.dataset.figures) {
      var first = el.dataset.figures.split(" ")[0];
      if (first) { fillEditor(first); }
    }
    history.replaceState(null, "", "/report/" + report.dataset.n + "?sel=" + (el.id || ""));
  }

  function go(n, where) { location.href = "/report/" + n + (where ? "?sel=" + where : ""); }

  function step(by) {
    var next = at + by;
    if (next >= 0 && next < stops.length) { select(stops[next]); return; }
    var target = by > 0 ? report.dataset.nextFlagged : report.dataset.prevFlagged;
    if (target !== "") { go(target, by > 0 ? "first" : "last"); }
    else { toast(by > 0 ? "已是最后一处" : "已是第一处"); }
  }

  function current() { return stops[at] || null; }

  function currentFigure() {
    var el = current();
    if (isFigure(el)) { return el.dataset.fig; }
    return editor && editor.dataset.fig ? editor.dataset.fig : null;
  }

  // --- posting ------------------------------------------------------------------------------
  function post(form, action, after) {
    var data = new FormData(form);
    data.set("action", action);
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    }).then(function (answer) {
      if (!answer.body.ok) { toast(answer.body.error || "未能保存", true); return; }
      var hint = document.getElementById("redraft");
      if (hint) { hint.classList.toggle("behind", !!answer.body.behind); }
      if (after) { after(answer.body); }
    }).catch(function () { toast("未能保存：与 junheng review 的连接已断开", true); });
  }

  function setState(el, state) {
    el.className = el.className.replace(/\bst-\w+/g, "").trim() + " st-" + state;
  }

  function figureDone(body) {
    var id = body.id;
    $$('[data-fig="' + id + '"]').forEach(function (el) {
      setState(el, body.state);
      if (el.tagName === "SPAN") { el.title = body.title; }
    });
    var row = figureRow(id);
    if (row) {
      row.dataset.state = body.state;
      row.dataset.value = body.raw;
      row.dataset.indicator = body.indicator;
      row.dataset.level = body.level;
      row.dataset.year = body.year;
      row.dataset.name = body.name;
      $(".value", row).textContent = body.value;
      $(".level", row).textContent = body.level;
      $(".year", row).textContent = body.year;
      $(".name", row).textContent = body.name;
      $(".state", row).textContent = body.label;
    }
    if (editor && editor.dataset.fig === id) { fillEditor(id); }
    toast(body.label + "：" + body.name + " " + body.value);
  }

  function findingDone(body) {
    var li = document.getElementById(body.id);
    setState(li, body.state);
    $("[data-state]", li).textContent = body.label + (body.reason ? "：" + body.reason : "");
    toast("核查发现" + body.label);
  }

  function itemDone(body) {
    var tr = document.getElementById(body.id);
    setState(tr, body.state);
    $(".state", tr).textContent = body.label;
    toast("已保存");
  }

  function figureAction(id, action, advance) {
    if (!editor || !id) { return; }
    if (editor.dataset.fig !== id) { fillEditor(id); }
    post(editor, action, function (body) { figureDone(body); if (advance) { step(1); } });
  }

  function findingAction(li, action, advance) {
    var form = $("form", li);
    if (action === "dismiss" && !$("input.reason", li).value.trim()) {
      toast("排除须写明理由", true);
      $("input.reason", li).focus();
      return;
    }
    post(form, action, function (body) { findingDone(body); if (advance) { step(1); } });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.dataset.kind;
    if (!kind) { return; }
    event.preventDefault();
    var action = event.submitter ? event.submitter.value : "correct";
    if (kind === "figure") { figureAction(editor.dataset.fig || currentFigure(), action, action !== "reset"); }
    else if (kind === "finding") { findingAction(form.closest("li"), action, action !== "reset"); }
    else { post(form, action, itemDone); }
  });

  // --- pointer --------------------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    var jump = event.target.closest("[data-go]");
    if (jump) {
      event.preventDefault();
      select(document.getElementById(jump.dataset.go));
      return;
    }
    var fig = event.target.closest(".text [data-fig]");
    if (fig) {
      var anchor = document.getElementById(fig.dataset.fig) || fig;
      select(anchor);
      return;
    }
    var li = event.target.closest("li.finding");
    if (li && !event.target.closest("form")) { select(li); }
  });

  // --- keys ---------------------------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA";
    if (event.key === "Escape") {
      if (typing) { target.blur(); }
      return;
    }
    if (typing) {
      if (event.key === "Enter" && target.classList.contains("reason")) {
        event.preventDefault();
        findingAction(target.closest("li"), "dismiss", true);
        target.blur();
      } else if (event.key === "Enter" && editor && editor.contains(target)) {
        event.preventDefault();
        figureAction(editor.dataset.fig, "correct", true);
        target.blur();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var el = current();
    var n = Number(report.dataset.n);
    switch (event.key) {
      case "j": step(1); break;
      case "k": step(-1); break;
      case "J": if (n + 1 < Number(report.dataset.count)) { go(n + 1); } break;
      case "K": if (n > 0) { go(n - 1); } break;
      case "Enter":
        if (!el) { return; }
        if (target.tagName === "BUTTON" || target.tagName === "A") { return; }
        if (isFigure(el)) { figureAction(el.dataset.fig, "confirm", true); }
        else { findingAction(el, "confirm", true); }
        break;
      case "e":
        var id = currentFigure();
        if (!id) { return; }
        fillEditor(id);
        $("#editor-value").focus();
        $("#editor-value").select();
        break;
      case "x":
        if (isFigure(el)) { figureAction(el.dataset.fig, "reject", true); }
        break;
      case "d":
        if (el && !isFigure(el)) { $("input.reason", el).focus(); }
        break;
      case "/":
        if (filter) { filter.focus(); }
        break;
      default: return;
    }
    event.preventDefault();
  });

  // --- where to start -----------------------------------------------------------------------
  var wanted = report.dataset.select;
  if (wanted === "first") { select(stops[0]); }
  else if (wanted === "last") { select(stops[stops.length - 1]); }
  else if (wanted && document.getElementById(wanted)) { select(document.getElementById(wanted)); }
  else if (stops.length) { select(stops[0]); }
})();
