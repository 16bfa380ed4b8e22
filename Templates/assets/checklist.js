/* The checklist form (sjekkliste/<slug>/). Without this script the page is a blank form to print.
 * With it, the answers are kept in this browser only (localStorage, per checklist and version),
 * and can be printed or downloaded as JSON or as an HL7 FHIR R4 QuestionnaireResponse.
 * Nothing is ever sent anywhere: the script makes no request. */
(function () {
  "use strict";

  var form = document.querySelector("form.checklist-form[data-checklist]");
  if (!form) return;
  var data = form.dataset;
  var storageKey = "moteplass:sjekkliste:" + data.checklist + ":" + data.version;
  var questions = Array.prototype.slice.call(form.querySelectorAll("li[data-question]"));
  var actions = form.querySelector("[data-form-actions]");
  var status = form.querySelector(".save-status");

  function answerField(li) { return li.querySelector('textarea[data-role="answer"]'); }
  function commentField(li) { return li.querySelector('textarea[data-role="comment"]'); }
  function labelText(element) { return element ? element.textContent.replace(/\s+/g, " ").trim() : null; }
  function questionText(li) {
    var heading = li.querySelector("legend, .question-text");
    return labelText(heading).replace(/^\d+\.\s*/, "");
  }
  function commentPrompt(li) {
    var field = commentField(li);
    return field ? labelText(li.querySelector('label[for="' + field.id + '"]')) : null;
  }

  /* The comment of a yes-no-unsure question is asked for when the answer is not yes, as the
   * Questionnaire's enableWhen says. */
  function commentEnabled(li, answer) {
    return li.dataset.answerType !== "yes-no-unsure" || answer !== "yes";
  }

  /* The answers as they stand in the form, one entry per question, in order. */
  function read() {
    return questions.map(function (li) {
      var answer = null;
      var display = null;
      if (li.dataset.answerType === "yes-no-unsure") {
        var checked = li.querySelector('input[type="radio"]:checked');
        if (checked) {
          answer = checked.value;
          display = checked.dataset.display;
        }
      } else {
        var text = answerField(li).value.trim();
        answer = text === "" ? null : answerField(li).value;
      }
      var comment = commentField(li);
      var commentText = comment && comment.value.trim() !== "" && commentEnabled(li, answer) ? comment.value : null;
      return {
        id: li.dataset.question,
        number: Number(li.dataset.number),
        question: questionText(li),
        answerType: li.dataset.answerType,
        required: li.dataset.required === "true",
        answer: answer,
        display: display,
        commentPrompt: commentPrompt(li),
        comment: commentText
      };
    });
  }

  function showComments() {
    questions.forEach(function (li) {
      var comment = commentField(li);
      if (!comment) return;
      var checked = li.querySelector('input[type="radio"]:checked');
      comment.closest(".comment").hidden = !commentEnabled(li, checked ? checked.value : null);
    });
  }

  function say(text) { if (status) status.textContent = text; }

  function save() {
    var stored = {};
    questions.forEach(function (li) {
      var checked = li.querySelector('input[type="radio"]:checked');
      var answer = answerField(li);
      var comment = commentField(li);
      stored[li.dataset.question] = {
        answer: checked ? checked.value : answer ? answer.value : null,
        comment: comment ? comment.value : null
      };
    });
    try {
      localStorage.setItem(storageKey, JSON.stringify(stored));
      say("Svarene er lagret i denne nettleseren.");
    } catch (error) {
      say("Nettleseren lar ikke skjemaet lagre svarene; skriv dem ut eller last dem ned før du lukker siden.");
    }
  }

  function restore() {
    var stored;
    try {
      stored = JSON.parse(localStorage.getItem(storageKey) || "{}") || {};
    } catch (error) {
      stored = {};
    }
    questions.forEach(function (li) {
      var saved = stored[li.dataset.question];
      if (!saved) return;
      if (li.dataset.answerType === "yes-no-unsure") {
        li.querySelectorAll('input[type="radio"]').forEach(function (input) { input.checked = input.value === saved.answer; });
      } else if (answerField(li) && typeof saved.answer === "string") {
        answerField(li).value = saved.answer;
      }
      if (commentField(li) && typeof saved.comment === "string") commentField(li).value = saved.comment;
    });
  }

  function download(name, value) {
    var blob = new Blob([JSON.stringify(value, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  function fileName(suffix) {
    return data.checklist + "-" + data.version + "-" + new Date().toISOString().slice(0, 10) + suffix;
  }

  /* The answers as plain JSON. */
  function answersJSON() {
    return {
      checklist: data.checklist,
      version: data.version,
      questionnaire: data.questionnaire + "|" + data.version,
      authored: new Date().toISOString(),
      answers: read()
    };
  }

  /* The answers as an HL7 FHIR R4 QuestionnaireResponse to the checklist's Questionnaire
   * (api/fhir/Questionnaire-<id>.json): a group per answered question, holding the answer
   * (<id>.svar) and the comment (<id>.kommentar). */
  function questionnaireResponse() {
    var answers = read();
    var items = [];
    answers.forEach(function (entry) {
      var children = [];
      if (entry.answer !== null) {
        children.push({
          linkId: entry.id + ".svar",
          text: entry.question,
          answer: [entry.answerType === "yes-no-unsure"
            ? { valueCoding: { system: data.answerSystem, code: entry.answer, display: entry.display } }
            : { valueString: entry.answer }]
        });
      }
      if (entry.comment !== null) {
        children.push({ linkId: entry.id + ".kommentar", text: entry.commentPrompt, answer: [{ valueString: entry.comment }] });
      }
      if (children.length > 0) items.push({ linkId: entry.id, text: entry.question, item: children });
    });
    var complete = answers.every(function (entry) { return !entry.required || entry.answer !== null; });
    var response = {
      resourceType: "QuestionnaireResponse",
      language: "nb",
      questionnaire: data.questionnaire + "|" + data.version,
      status: complete ? "completed" : "in-progress",
      authored: new Date().toISOString()
    };
    if (items.length > 0) response.item = items;
    return response;
  }

  window.moteplassChecklist = { answers: answersJSON, questionnaireResponse: questionnaireResponse };

  restore();
  showComments();
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", function () { showComments(); save(); });
  form.addEventListener("change", function () { showComments(); save(); });
  actions.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    switch (button.dataset.action) {
      case "print":
        window.print();
        break;
      case "json":
        download(fileName(".json"), answersJSON());
        say("Svarene er lastet ned som JSON.");
        break;
      case "fhir":
        download(fileName("-QuestionnaireResponse.json"), questionnaireResponse());
        say("Svarene er lastet ned som FHIR QuestionnaireResponse.");
        break;
      case "clear":
        if (!window.confirm("Tømme skjemaet og slette svarene som er lagret i denne nettleseren?")) return;
        form.reset();
        try { localStorage.removeItem(storageKey); } catch (error) { /* nothing stored */ }
        showComments();
        say("Skjemaet er tømt.");
        break;
    }
  });
  actions.hidden = false;
})();
