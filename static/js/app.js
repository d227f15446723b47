// Small behaviours kept out of the HTML so the Content-Security-Policy can forbid inline script.
document.addEventListener("click", (event) => {
  const copyButton = event.target.closest("[data-copy]");
  if (copyButton) {
    const input = document.querySelector(copyButton.dataset.copy);
    if (input) {
      input.select();
      const done = () => { copyButton.textContent = copyButton.dataset.copied || copyButton.textContent; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value).then(done, () => document.execCommand("copy") && done());
      } else if (document.execCommand("copy")) {
        done();
      }
    }
  }
});
