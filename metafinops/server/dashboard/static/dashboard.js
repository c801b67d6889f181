// The dashboard's only script: "Copy" buttons next to a secret shown once.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
  if (!button) return;
  const source = document.getElementById(button.dataset.copy || "");
  const status = button.parentElement ? button.parentElement.querySelector(".copy-status") : null;
  if (!source) return;
  const say = (text) => { if (status) status.textContent = text; };
  const selectIt = () => {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    if (selection) { selection.removeAllRanges(); selection.addRange(range); }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(source.textContent || "").then(
      () => say("Copied."),
      () => { selectIt(); say("Selected: press Ctrl+C to copy."); },
    );
  } else {
    selectIt();
    say("Selected: press Ctrl+C to copy.");
  }
});
