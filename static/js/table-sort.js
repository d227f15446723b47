// Sorts a table in place when a header button is pressed: tables marked data-sortable, one
// <button> per sortable column header; a cell's data-sort (number) wins over its text.
(function () {
  "use strict";
  function key(cell) {
    if (!cell) {
      return "";
    }
    const raw = cell.dataset.sort;
    if (raw !== undefined && raw !== "" && !Number.isNaN(Number(raw))) {
      return Number(raw);
    }
    return cell.textContent.trim();
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") {
      return a - b;
    }
    return String(a).localeCompare(String(b), document.documentElement.lang || undefined);
  }
  document.querySelectorAll("table[data-sortable]").forEach((table) => {
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach((th, column) => {
      const button = th.querySelector("button");
      if (!button) {
        return;
      }
      button.addEventListener("click", () => {
        const descending = th.getAttribute("aria-sort") === "ascending";
        headers.forEach((other) => other.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((x, y) => compare(key(x.cells[column]), key(y.cells[column])) * (descending ? -1 : 1));
        rows.forEach((row) => body.appendChild(row));
      });
    });
  });
}());
