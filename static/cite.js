// Copy buttons of the "Cite this report" block: shown only where the clipboard can be written.
if (navigator.clipboard) {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const label = button.innerHTML;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const text = document.getElementById(button.dataset.copy)?.textContent.trim() || '';
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = button.dataset.done;
        setTimeout(() => { button.innerHTML = label; }, 2000);
      } catch {
        // Permission refused: the text stays selectable by hand.
      }
    });
  }
}
