// Small behaviours kept out of the HTML so the Content-Security-Policy can forbid inline script.
document.addEventListener("click", (event) => {
  const confirmButton = event.target.closest("[data-confirm]");
  if (confirmButton && !window.confirm(confirmButton.dataset.confirm)) {
    event.preventDefault();
  }
  const copyButton = event.target.closest("[data-copy]");
  if (copyButton) {
    const input = document.querySelector(copyButton.dataset.copy);
    if (input) {
      input.select();
      navigator.clipboard?.writeText(input.value);
    }
  }
});
