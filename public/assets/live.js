// A live story's page script (issue 38; render/live-coverage.tsx, by its hash in the page's CSP): every 2 s it asks
// for updates since the page's cursor, applies edits and deletions, and offers new ones behind "N new updates".
(() => {
  const section = document.querySelector(".live-updates[data-id]");
  const button = document.querySelector(".new-updates");
  if (!section || !button || !window.fetch) return;
  const list = section.querySelector(".updates");
  const url = "/api/v1/articles/" + section.dataset.id + "/updates?since=";
  const forms = (section.dataset.new || "{0}").split("|");
  const lang = document.documentElement.lang || "en";
  let cursor = Number(section.dataset.cursor) || 0;
  let pending = new Map();
  let busy = false;

  const label = (n) => {
    const form = new Intl.PluralRules(lang).select(n) === "one" ? forms[0] : forms[1] || forms[0];
    return form.replace("{0}", n.toLocaleString(lang));
  };
  // Styled here, not in site.css: only this script shows it, and every page carries site.css.
  Object.assign(button.style, {
    position: "sticky", top: ".5rem", zIndex: "2", margin: "0 auto", padding: ".5rem 1rem", minHeight: "2.75rem", border: "0",
    borderRadius: "1.5rem", background: "var(--brand)", color: "#fff", font: "700 .9375rem/1.5 var(--sans)", cursor: "pointer",
  });
  const show = () => {
    button.hidden = pending.size === 0;
    button.style.display = button.hidden ? "none" : "block";
    button.textContent = label(pending.size);
  };

  async function poll() {
    if (busy || document.visibilityState !== "visible") return;
    busy = true;
    try {
      const res = await fetch(url + cursor, { headers: { Accept: "text/html" } });
      if (!res.ok) return;
      const t = document.createElement("template");
      t.innerHTML = await res.text();
      const page = t.content.firstElementChild;
      if (!page) return;
      for (const n of (page.dataset.removed || "").split(" ").filter(Boolean)) {
        pending.delete("update-" + n);
        document.getElementById("update-" + n)?.remove();
      }
      for (const update of [...page.children].reverse()) {
        const old = document.getElementById(update.id);
        if (old) old.replaceWith(update);
        else pending.set(update.id, update);
      }
      cursor = Math.max(cursor, Number(page.dataset.cursor) || 0);
      show();
    } catch {
      // Offline or a hiccup: the next tick asks again.
    } finally {
      busy = false;
    }
  }

  button.addEventListener("click", () => {
    // Newest first: the map holds them oldest first, so each goes on top in turn.
    let first;
    for (const update of pending.values()) list.prepend((first = update));
    pending = new Map();
    show();
    if (first) {
      first.tabIndex = -1;
      first.focus();
    }
  });
  document.addEventListener("visibilitychange", poll);
  setInterval(poll, 2000);
})();
