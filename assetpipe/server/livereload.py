"""The live-reload client the dev server adds to every HTML page it serves.

It listens to `/__assetpipe/events` (Server-Sent Events) of the server it came from (a page
a server renders loads it from the watcher: `assetpipe.manifest`): `reload` reloads the page;
`css` swaps the page's stylesheets for the new build's (fetched from the same URL) without a reload,
removing the old ones only once the new ones have loaded, so nothing flashes unstyled;
`build-error` shows the diagnostics in an overlay (in a shadow root, so the page's CSS cannot
touch it); `ok` hides it. When the connection comes back after the watcher restarted, the
page reloads.
"""

CLIENT_JS = r"""(() => {
  "use strict";
  if (window.__assetpipeClient) return;
  window.__assetpipeClient = true;
  // the watcher's origin: this script's, also on a page a server renders on another port
  const script = document.currentScript;
  const ORIGIN = script && script.src ? new URL(script.src).origin : "";
  const ID = "__assetpipe_overlay";

  function overlay(diagnostics) {
    let host = document.getElementById(ID);
    if (!host) {
      host = document.createElement("div");
      host.id = ID;
      host.style.cssText = "position:fixed;inset:0;z-index:2147483647";
      host.attachShadow({ mode: "open" });
      (document.body || document.documentElement).append(host);
    }
    host.shadowRoot.innerHTML = "";
    const style = document.createElement("style");
    style.textContent =
      ".box{position:absolute;inset:0;overflow:auto;background:rgba(20,20,24,.92);color:#eee;" +
      "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem}" +
      "h1{font:600 16px system-ui,sans-serif;color:#ff6b6b;margin:0 0 1rem}" +
      "pre{white-space:pre-wrap;margin:0 0 1.5rem}" +
      "p{font:13px system-ui,sans-serif;color:#aaa}";
    const box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "alert");
    const title = document.createElement("h1");
    title.textContent = "assetpipe: the build failed";
    box.append(title);
    for (const text of diagnostics) {
      const pre = document.createElement("pre");
      pre.textContent = text;
      box.append(pre);
    }
    const note = document.createElement("p");
    note.textContent =
      "The page shows the last good build. Fix the error and save: this goes away.";
    box.append(note);
    host.shadowRoot.append(style, box);
  }

  function hide() {
    const host = document.getElementById(ID);
    if (host) host.remove();
  }

  function sheets(doc) {
    return [...doc.querySelectorAll(
      'link[rel="stylesheet"], link[rel="preload"][as="style"], style'
    )].filter((el) => !el.closest("noscript") && !el.closest("#" + ID));
  }

  async function swapStyles() {
    const response = await fetch(location.href, { cache: "no-store" });
    if (!response.ok) return location.reload();
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const old = sheets(document);
    const added = [];
    const loads = [];
    for (const el of sheets(fresh)) {
      let node;
      if (el.tagName === "STYLE") {
        node = document.createElement("style");
        node.textContent = el.textContent;
        if (el.media) node.media = el.media;
      } else {
        node = document.createElement("link");
        node.rel = "stylesheet";
        node.href = el.getAttribute("href");
        const media = el.getAttribute("media");
        if (media && !(media === "print" && el.hasAttribute("onload"))) node.media = media;
        loads.push(new Promise((resolve) => { node.onload = node.onerror = resolve; }));
      }
      added.push(node);
    }
    let previous = old.length ? old[old.length - 1] : null;
    for (const node of added) {  // after the old ones, in order: they win once loaded
      if (previous && previous.parentNode) {
        previous.parentNode.insertBefore(node, previous.nextSibling);
      } else {
        document.head.append(node);
      }
      previous = node;
    }
    await Promise.all(loads);
    for (const el of old) el.remove();
  }

  let connected = false;
  let lost = false;
  function connect() {
    const events = new EventSource(ORIGIN + "/__assetpipe/events");
    events.addEventListener("hello", () => {
      if (lost) location.reload();  // the watcher restarted: its build may differ
      connected = true;
    });
    events.addEventListener("reload", () => location.reload());
    events.addEventListener("css", () => {
      hide();
      swapStyles().catch(() => location.reload());
    });
    events.addEventListener("build-error", (e) => overlay(JSON.parse(e.data).diagnostics));
    events.addEventListener("ok", hide);
    events.onerror = () => { if (connected) lost = true; };
  }
  connect();
})();
"""
