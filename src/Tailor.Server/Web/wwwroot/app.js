// The suggester's page: sends the form to POST /v1/suggest and shows ranked names with confidence bars, a refusal,
// or an error. No framework, no build step.
"use strict";

const form = document.getElementById("suggest-form");
const submit = document.getElementById("submit");
const statusLine = document.getElementById("status");
const blocked = document.getElementById("blocked");
const blockedMessage = document.getElementById("blocked-message");
const error = document.getElementById("error");
const results = document.getElementById("results");
const resultsBody = document.getElementById("results-body");

function reset() {
  blocked.hidden = true;
  error.hidden = true;
  results.hidden = true;
  resultsBody.replaceChildren();
  statusLine.textContent = "";
}

// A comma-separated field as a list, blanks dropped.
function list(id) {
  return document.getElementById(id).value.split(",").map(t => t.trim()).filter(t => t.length > 0);
}

function request() {
  const body = { business_description: document.getElementById("description").value };
  const count = parseInt(document.getElementById("count").value, 10);
  if (!Number.isNaN(count)) body.count = count;
  const tlds = list("tlds");
  if (tlds.length > 0) body.tlds = tlds;
  const style = document.getElementById("style").value;
  if (style) body.style = style;
  const maxLength = parseInt(document.getElementById("max-length").value, 10);
  if (!Number.isNaN(maxLength)) body.max_length = maxLength;
  const include = list("include");
  if (include.length > 0) body.include = include;
  const exclude = list("exclude");
  if (exclude.length > 0) body.exclude = exclude;
  return body;
}

function showSuggestions(suggestions, message) {
  suggestions.forEach((s, i) => {
    const row = document.createElement("tr");
    row.className = "suggestion";
    const rank = document.createElement("td");
    rank.textContent = String(i + 1);
    const domain = document.createElement("td");
    domain.className = "domain";
    domain.textContent = s.domain;
    const confidence = document.createElement("td");
    const percent = Math.round(Math.max(0, Math.min(1, s.confidence)) * 100);
    confidence.innerHTML = '<div class="meter"><div class="bar-track"><div class="bar"></div></div><span class="value"></span></div>';
    const bar = confidence.querySelector(".bar");
    bar.style.width = percent + "%";
    bar.setAttribute("role", "meter");
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-valuenow", String(percent));
    bar.setAttribute("aria-label", "Confidence for " + s.domain);
    confidence.querySelector(".value").textContent = percent + "%";
    const availability = document.createElement("td");
    availability.className = "availability";
    // The API reports availability only when a checker is configured; until then the column is a placeholder.
    availability.textContent = typeof s.available === "boolean" ? (s.available ? "Available" : "Taken") : "\u2014";
    row.append(rank, domain, confidence, availability);
    resultsBody.append(row);
  });
  results.hidden = false;
  statusLine.textContent = suggestions.length + " names" + (message ? " (" + message + ")" : "");
}

form.addEventListener("submit", async event => {
  event.preventDefault();
  reset();
  submit.disabled = true;
  statusLine.textContent = "Thinking\u2026";
  try {
    const response = await fetch("/v1/suggest", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request()),
    });
    const answer = await response.json();
    statusLine.textContent = "";
    if (answer.status === "blocked") {
      blockedMessage.textContent = answer.message || "Request contains inappropriate content";
      blocked.hidden = false;
    } else if (answer.status === "success") {
      showSuggestions(answer.suggestions, answer.message);
    } else {
      error.textContent = answer.message || ("The server answered " + response.status + ".");
      error.hidden = false;
    }
  } catch (e) {
    statusLine.textContent = "";
    error.textContent = "The server could not be reached.";
    error.hidden = false;
  } finally {
    submit.disabled = false;
  }
});
