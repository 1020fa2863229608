// Tierdeck's only script besides htmx. Everything here is an addition to pages that work without it.

// The CSRF token goes with every htmx request as a header; the token and the header name come from the
// <meta name="_csrf"> and <meta name="_csrf_header"> tags of the layout.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Keyboard focus after the policy editor's structural buttons: htmx replaces the rules, so the pressed button is
// gone. Focus goes to the control that continues the action: the moved rule's button, the next rule, the new row.
(() => {
  let pending = null;

  const button = (value) => document.querySelector(`button[name="_action"][value="${CSS.escape(value)}"]`);
  const enabled = (el) => (el && !el.disabled ? el : null);
  const fieldPrefix = (key) => {
    const parts = key.split(":");
    return parts.length === 1 ? parts[0] : `${parts[0]}[${parts[1]}].peer.${parts[2]}`;
  };

  const targetAfter = (value) => {
    const parts = value.split(":");
    const [verb] = parts;
    if (verb === "add-ingress" || verb === "add-egress") {
      const dir = verb.substring(4);
      return () => {
        const actions = document.querySelectorAll(`select[name^="${dir}["][name$="].action"]`);
        return actions[actions.length - 1];
      };
    }
    if (verb === "up" || verb === "down") {
      const [, dir, text] = parts;
      const moved = Number(text) + (verb === "up" ? -1 : 1);
      const other = verb === "up" ? "down" : "up";
      return () => enabled(button(`${verb}:${dir}:${moved}`)) || button(`${other}:${dir}:${moved}`);
    }
    if (verb === "remove") {
      const [, dir, text] = parts;
      const i = Number(text);
      return () => button(`remove:${dir}:${i}`) || button(`remove:${dir}:${i - 1}`) || button(`add-${dir}`);
    }
    if (verb === "add-row") {
      const prefix = fieldPrefix(parts.slice(1).join(":"));
      return () => {
        const keys = document.querySelectorAll(`input[name^="${prefix}.rows["][name$="].key"]`);
        return keys[keys.length - 1];
      };
    }
    if (verb === "remove-row") {
      const key = parts.slice(1, -1).join(":");
      const i = Number(parts[parts.length - 1]);
      return () => button(`remove-row:${key}:${i}`) || button(`remove-row:${key}:${i - 1}`) || button(`add-row:${key}`);
    }
    return null;
  };

  document.addEventListener("htmx:beforeRequest", (event) => {
    const elt = event.detail.elt;
    pending = elt && elt.matches && elt.matches('button[name="_action"]') ? targetAfter(elt.value) : null;
  });
  document.addEventListener("htmx:afterSettle", () => {
    if (!pending) {
      return;
    }
    const find = pending;
    pending = null;
    const target = find();
    if (target) {
      target.focus();
    }
  });
})();

// Unsaved changes in the policy editor: leaving asks first, and the form is kept in this browser's storage until it
// is saved, so that coming back offers it again.
(() => {
  const form = document.getElementById("policy-form");
  const POSTED = "tierdeck:posted";
  const posted = sessionStorage.getItem(POSTED);
  sessionStorage.removeItem(POSTED);
  if (!form) {
    if (posted) {
      // The editor posted and the answer is another page: the save went through.
      localStorage.removeItem(posted);
    }
    return;
  }
  const key = `tierdeck:unsaved:${new URL(form.action, location.href).pathname}`;
  const revisionOf = (f) => {
    const input = f.querySelector('input[name="revision"]');
    return input ? input.value : "";
  };
  let dirty = false;

  // htmx replaces the whole form after some buttons: always read the one on the page now.
  const current = () => document.getElementById("policy-form") || form;
  const store = () => {
    const entries = [];
    new FormData(current()).forEach((value, name) => {
      if (name !== "_csrf" && typeof value === "string") {
        entries.push([name, value]);
      }
    });
    try {
      localStorage.setItem(key, JSON.stringify({ at: new Date().toISOString(), revision: revisionOf(current()), entries }));
    } catch (e) {
      // Storage full or switched off: the prompt on leaving still protects the changes.
    }
  };
  const changed = () => {
    dirty = true;
    store();
  };
  // The form element is replaced by some htmx answers: listen on the document.
  document.addEventListener("input", (e) => e.target.closest("#policy-form") && changed());
  document.addEventListener("change", (e) => e.target.closest("#policy-form") && changed());
  document.addEventListener("htmx:afterSettle", () => dirty && store());
  document.addEventListener("submit", (e) => {
    if (e.target.id === "policy-form" || e.target.classList.contains("unsaved-restore")) {
      dirty = false;
      sessionStorage.setItem(POSTED, key);
    }
  });
  window.addEventListener("beforeunload", (e) => {
    if (dirty) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(key) || "null");
  } catch (e) {
    localStorage.removeItem(key);
  }
  if (!saved) {
    return;
  }
  if (posted === key) {
    // This page is the answer to the form's own post: it shows those changes, still unsaved.
    dirty = true;
    return;
  }
  if (saved.revision !== revisionOf(form)) {
    // The policy was saved since: the kept changes are older than it.
    localStorage.removeItem(key);
    return;
  }
  const notice = document.createElement("div");
  notice.className = "notice unsaved-notice";
  notice.setAttribute("role", "status");
  const text = document.createElement("p");
  text.textContent = `You have unsaved changes to this policy from ${new Date(saved.at).toLocaleString()}, kept in this browser.`;
  const restore = document.createElement("form");
  restore.method = "post";
  restore.action = form.action;
  restore.className = "unsaved-restore form-actions";
  for (const [name, value] of saved.entries) {
    if (name === "_action") {
      continue;
    }
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    restore.append(input);
  }
  const token = document.querySelector('meta[name="_csrf"]');
  if (token) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "_csrf";
    input.value = token.content;
    restore.append(input);
  }
  const submit = document.createElement("button");
  submit.type = "submit";
  submit.name = "_action";
  submit.value = "validate";
  submit.className = "button primary";
  submit.textContent = "Restore them";
  const discard = document.createElement("button");
  discard.type = "button";
  discard.className = "button";
  discard.textContent = "Discard them";
  discard.addEventListener("click", () => {
    localStorage.removeItem(key);
    notice.remove();
  });
  restore.append(submit, discard);
  notice.append(text, restore);
  form.before(notice);
})();

// A box that scrolls sideways (a wide table on a phone, a long YAML line) takes the keyboard focus, so that it can be
// scrolled without a mouse; it gives the focus up again when it no longer scrolls.
(() => {
  const mark = () => {
    document.querySelectorAll("main .table-scroll, main table, main pre").forEach((el) => {
      const scrolls = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible";
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.dataset.scrollFocus = "true";
      } else if (!scrolls && el.dataset.scrollFocus) {
        el.removeAttribute("tabindex");
        delete el.dataset.scrollFocus;
      }
    });
  };
  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("htmx:afterSettle", mark);
  window.addEventListener("resize", mark);
})();
