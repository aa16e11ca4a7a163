// The office's one enhancement: a "select every file on this page" box in the queue.
// Without JavaScript each file is still selected with its own box.
document.querySelectorAll(".select-all").forEach((box) => {
  const form = box.closest("form");
  const boxes = () => form.querySelectorAll('input[name="ids"]');
  box.hidden = false;
  box.addEventListener("change", () => boxes().forEach((b) => { b.checked = box.checked; }));
});
