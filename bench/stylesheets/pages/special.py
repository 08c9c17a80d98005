"""Pages for utility-class stylesheets (Tailwind CSS, Tachyons), a design system (Primer), a
slide theme (reveal.js), an animation library (animate.css) and an icon font (Font Awesome)."""

# ruff: noqa: E501 (HTML markup, one component to a line, reads best unwrapped)

from __future__ import annotations

from .common import Page, code, img, lists, prose, words

# The site's own stylesheet for Tailwind: compiled by the Tailwind CLI with this page's classes
TAILWIND_INPUT = """@import "tailwindcss";
@source "../index.html";
@theme { --color-brand: oklch(0.62 0.19 259); --font-display: "Georgia", serif; }
@layer components { .card { @apply rounded-xl bg-white p-6 shadow-lg ring-1 ring-slate-900/5; } }
"""


def tailwind() -> Page:
    cards = "\n".join(
        f"""<div class="card group hover:-translate-y-1 transition duration-300">
  {img("photo-a.jpg", "h-40 w-full rounded-lg object-cover", f"Card {i}")}
  <h3 class="mt-4 font-display text-lg font-semibold text-slate-900 group-hover:text-brand">Card {i}</h3>
  <p class="mt-2 text-sm/6 text-slate-600 line-clamp-3">{words(24, i)}.</p>
  <div class="mt-4 flex items-center gap-x-3">{img("avatar.png", "size-8 rounded-full bg-gray-50 ring-2 ring-white", "")}
    <span class="text-xs font-medium text-gray-500 uppercase tracking-wide">Author {i}</span>
    <span class="ml-auto inline-flex items-center rounded-md bg-green-50 px-2 py-1 text-xs font-medium text-green-700 ring-1 ring-green-600/20 ring-inset">New</span></div></div>"""
        for i in range(1, 7)
    )
    rows = "\n".join(
        f'<tr class="odd:bg-white even:bg-slate-50 hover:bg-sky-50"><td class="px-4 py-2 font-mono text-xs">{i}</td>'
        f'<td class="px-4 py-2">{words(2, i)}</td><td class="px-4 py-2 text-right tabular-nums">{i * 13}.00</td>'
        f'<td class="px-4 py-2"><a class="text-sky-600 underline decoration-sky-300 underline-offset-4 hover:decoration-2" href="#r{i}">Edit</a></td></tr>'
        for i in range(1, 9)
    )
    pricing = "\n".join(
        f"""<div class="rounded-3xl p-8 ring-1 {"bg-gray-900 text-white ring-gray-900" if i == 1 else "ring-gray-200"}">
  <h3 class="text-lg/8 font-semibold">{tier}</h3><p class="mt-4 text-sm/6 opacity-80">{words(12, i)}.</p>
  <p class="mt-6 flex items-baseline gap-x-1"><span class="text-4xl font-semibold tracking-tight">${(i + 1) * 15}</span><span class="text-sm/6 font-semibold opacity-70">/month</span></p>
  <a href="#buy{i}" class="mt-6 block rounded-md px-3 py-2 text-center text-sm/6 font-semibold {"bg-indigo-500 text-white hover:bg-indigo-400" if i == 1 else "text-indigo-600 ring-1 ring-indigo-200 ring-inset hover:ring-indigo-300"}">Buy plan</a>
  <ul class="mt-8 space-y-3 text-sm/6">{"".join(f'<li class="flex gap-x-3"><span class="text-indigo-500">&check;</span>{words(3, i + j)}</li>' for j in range(5))}</ul></div>"""
        for i, tier in enumerate(("Hobby", "Startup", "Enterprise"))
    )
    stats = "".join(
        f'<div class="flex flex-col gap-y-1 bg-white px-4 py-6 sm:px-6"><dt class="text-sm/6 font-medium text-gray-500">{label}</dt>'
        f'<dd class="order-first text-3xl font-semibold tracking-tight text-gray-900">{value}</dd></div>'
        for label, value in (
            ("Revenue", "$405,091"),
            ("Overdue", "$12,787"),
            ("Outstanding", "$245,988"),
            ("Expenses", "$30,156"),
        )
    )
    body = f"""<header class="sticky top-0 z-10 border-b border-slate-200 bg-white/80 backdrop-blur">
  <nav class="mx-auto flex max-w-6xl items-center justify-between gap-6 px-4 py-3">
    <a href="#top" class="flex items-center gap-2">{img("logo.png", "h-8 w-auto", "Logo")}</a>
    <ul class="hidden gap-6 text-sm font-medium text-slate-700 md:flex"><li><a class="hover:text-brand" href="#f">Features</a></li><li><a class="hover:text-brand" href="#p">Pricing</a></li><li><a class="hover:text-brand" href="#d">Docs</a></li></ul>
    <a href="#s" class="rounded-full bg-slate-900 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500">Sign up</a>
  </nav>
</header>
<main class="mx-auto max-w-6xl px-4 py-10">
  <section class="grid items-center gap-10 lg:grid-cols-2">
    <div><p class="text-sm font-semibold text-brand">Deploy faster</p>
      <h1 class="mt-2 text-4xl font-bold tracking-tight text-balance text-slate-900 sm:text-6xl">{words(5)}</h1>
      <p class="mt-6 text-lg/8 text-pretty text-slate-600">{words(30, 1)}.</p>
      <div class="mt-8 flex flex-wrap gap-4"><a href="#g" class="rounded-md bg-brand px-3.5 py-2.5 text-sm font-semibold text-white shadow-xs hover:opacity-90 active:scale-95">Get started</a>
        <a href="#l" class="text-sm/6 font-semibold text-slate-900">Learn more <span aria-hidden="true">&rarr;</span></a>
        <button type="button" disabled class="rounded-md border border-slate-300 px-3 py-2 text-sm disabled:cursor-not-allowed disabled:opacity-50">Disabled</button></div></div>
    {img("hero.jpg", "aspect-video w-full rounded-2xl object-cover shadow-2xl ring-1 ring-slate-900/10 md:-rotate-2", "Hero")}
  </section>
  <section class="mt-16 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">{cards}</section>
  <section class="mt-16 grid gap-10 lg:grid-cols-5">
    <form class="space-y-4 lg:col-span-3" onsubmit="return false">
      <div><label for="tw-email" class="block text-sm/6 font-medium text-gray-900">Email address</label>
        <input id="tw-email" type="email" placeholder="you@example.com" class="mt-2 block w-full rounded-md bg-white px-3 py-1.5 text-base text-gray-900 outline-1 -outline-offset-1 outline-gray-300 placeholder:text-gray-400 focus:outline-2 focus:-outline-offset-2 focus:outline-indigo-600 sm:text-sm/6"></div>
      <div><label for="tw-country" class="block text-sm/6 font-medium text-gray-900">Country</label>
        <select id="tw-country" class="mt-2 w-full appearance-none rounded-md bg-white py-1.5 pr-8 pl-3 text-base outline-1 -outline-offset-1 outline-gray-300"><option>United States</option><option>Canada</option></select></div>
      <div><label for="tw-about" class="block text-sm/6 font-medium text-gray-900">About</label>
        <textarea id="tw-about" rows="3" placeholder="A few words" class="mt-2 block w-full rounded-md px-3 py-1.5 outline-1 outline-gray-300 placeholder:italic"></textarea></div>
      <div class="flex items-center gap-3"><input id="tw-c" type="checkbox" checked class="size-4 rounded border-gray-300 accent-indigo-600"><label for="tw-c" class="text-sm text-gray-700">Remember me</label></div>
      <fieldset class="flex gap-6"><legend class="sr-only">Plan</legend><label class="flex items-center gap-2"><input type="radio" name="plan" checked class="accent-pink-500"> Hobby</label><label class="flex items-center gap-2"><input type="radio" name="plan"> Pro</label></fieldset>
      <input type="range" class="w-full accent-brand"><input type="file" class="block w-full text-sm text-slate-500 file:mr-4 file:rounded-full file:border-0 file:bg-violet-50 file:px-4 file:py-2 file:text-sm file:font-semibold file:text-violet-700 hover:file:bg-violet-100">
      <button type="submit" class="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 sm:w-auto">Save</button>
    </form>
    <aside class="space-y-4 lg:col-span-2">
      <div class="rounded-lg border-l-4 border-yellow-400 bg-yellow-50 p-4 text-sm text-yellow-700">Attention needed. <a href="#w" class="font-medium underline hover:text-yellow-600">Upgrade your account</a>.</div>
      <div class="rounded-lg bg-red-50 p-4 text-sm text-red-800"><h3 class="font-medium">There were 2 errors</h3><ul class="mt-2 list-disc space-y-1 pl-5"><li>Password too short</li><li>Missing digit</li></ul></div>
      <div class="flex -space-x-2">{"".join(img("avatar.png", "inline-block size-10 rounded-full ring-2 ring-white", "") for _ in range(4))}</div>
      <div class="h-2 w-full overflow-hidden rounded-full bg-gray-200"><div class="h-2 w-2/3 rounded-full bg-gradient-to-r from-cyan-500 to-blue-500"></div></div>
      <div class="flex items-center gap-2"><span class="size-3 animate-ping rounded-full bg-sky-400"></span><span class="size-6 animate-spin rounded-full border-4 border-sky-500 border-t-transparent"></span><span class="animate-pulse text-sm">Loading</span><span class="animate-bounce">&darr;</span></div>
      <pre class="overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100"><code>npm install tailwindcss</code></pre>
      <blockquote class="border-l-4 border-slate-300 pl-4 italic text-slate-600 first-letter:text-2xl">{words(14, 3)}.</blockquote>
    </aside>
  </section>
  <div class="mt-16 overflow-x-auto rounded-lg ring-1 ring-slate-200"><table class="min-w-full divide-y divide-slate-200 text-left text-sm">
    <thead class="bg-slate-100 text-xs uppercase text-slate-500"><tr><th class="px-4 py-2">#</th><th class="px-4 py-2">Name</th><th class="px-4 py-2 text-right">Amount</th><th class="px-4 py-2">Action</th></tr></thead>
    <tbody class="divide-y divide-slate-100">{rows}</tbody></table></div>
  <section class="mt-16 grid gap-8 md:grid-cols-3">{pricing}</section>
  <dl class="mt-16 grid grid-cols-2 gap-px overflow-hidden rounded-2xl bg-gray-900/5 sm:grid-cols-4">{stats}</dl>
  <article class="prose mt-16 max-w-none columns-1 md:columns-2 [&_p]:mb-4 [&>h2]:text-xl [&>h2]:font-bold">{"".join(f"<h2>Section {i}</h2><p>{words(40, i)}.</p>" for i in range(4))}</article>
</main>
<footer class="border-t border-slate-200 py-8 text-center text-sm text-slate-500 dark:text-slate-400">&copy; 2024 <a class="underline" href="#top">Example</a></footer>"""
    return Page(
        "Tailwind CSS page",
        body,
        html_attrs='class="scroll-smooth antialiased"',
        body_attrs='class="bg-slate-50 text-slate-800"',
    )


def tachyons() -> Page:
    cards = "\n".join(
        f"""<article class="fl w-100 w-50-m w-third-l pa2"><div class="br2 ba dark-gray b--black-10 bg-white shadow-4 grow">
  {img("photo-b.jpg", "db w-100 br2 br--top", f"Card {i}")}<div class="pa2 ph3-ns pb3-ns"><div class="dt w-100 mt1"><div class="dtc"><h1 class="f5 f4-ns mv0">Card {i}</h1></div><div class="dtc tr"><h2 class="f5 mv0">${i * 12}</h2></div></div>
  <p class="f6 lh-copy measure mt2 mid-gray">{words(18, i)}.</p><a class="f6 link dim br-pill ph3 pv2 mb2 dib white bg-dark-blue" href="#c{i}">Buy</a></div></div></article>"""
        for i in range(1, 7)
    )
    rows = "\n".join(
        f'<tr class="stripe-dark"><td class="pa3">{words(2, i)}</td><td class="pa3">@user{i}</td><td class="pa3">user{i}@example.com</td><td class="pa3 tr">{i * 9}</td></tr>'
        for i in range(1, 9)
    )
    body = f"""<header class="bg-black-90 w-100 ph3 pv3 pv4-ns ph4-m ph5-l"><nav class="f6 fw6 ttu tracked">
  <a class="link dim white dib mr3" href="#top">{img("logo.png", "v-mid", "Logo", 'style="height:24px;width:auto"')}</a><a class="link dim white dib mr3" href="#h">Home</a><a class="link dim white dib mr3" href="#a">About</a><a class="link dim white dib" href="#c">Contact</a></nav></header>
<main class="mw9 center ph3-ns">
  <section class="tc pv5 ph3 bg-washed-blue"><h1 class="f2 f1-l fw2 black-90 mv3 lh-title">{words(4)}</h1><h2 class="f5 f4-l fw4 mb4 black-60 lh-copy measure center">{words(16, 1)}.</h2>
    <a class="f6 br3 ph3 pv2 white bg-purple hover-bg-light-purple bg-animate no-underline dib" href="#s">Sign up</a> <a class="f6 link dim ba bw1 ph3 pv2 mb2 dib near-black" href="#m">Learn more</a></section>
  <section class="cf pv4">{cards}</section>
  <section class="flex flex-column flex-row-ns items-start pv4">
    <form class="w-100 w-60-ns pa4 black-80 measure" onsubmit="return false"><fieldset class="ba b--transparent ph0 mh0"><legend class="f4 fw6 ph0 mh0">Sign In</legend>
      <div class="mt3"><label class="db fw6 lh-copy f6" for="ta-email">Email</label><input class="pa2 input-reset ba bg-transparent hover-bg-black hover-white w-100" type="email" id="ta-email" placeholder="you@example.com"></div>
      <div class="mv3"><label class="db fw6 lh-copy f6" for="ta-pass">Password</label><input class="b pa2 input-reset ba bg-transparent hover-bg-black hover-white w-100" type="password" id="ta-pass"></div>
      <label class="pa0 ma0 lh-copy f6 pointer"><input type="checkbox" checked> Remember me</label>
      <div class="mt3"><label for="ta-comment" class="f6 b db mb2">Comments <span class="normal black-60">(optional)</span></label><textarea id="ta-comment" class="db border-box hover-black w-100 measure ba b--black-20 pa2 br2 mb2" placeholder="Say something"></textarea></div>
      <select class="pa2 ba b--black-20 br2 w-100"><option>One</option><option>Two</option></select></fieldset>
      <div><input class="b ph3 pv2 input-reset ba b--black bg-transparent grow pointer f6 dib" type="submit" value="Sign in"></div></form>
    <aside class="w-100 w-40-ns pa3 bg-near-white br3"><div class="tc">{img("avatar.png", "br-100 h4 w4 dib ba b--black-05 pa2", "Avatar")}<h1 class="f3 mb2">Mimi Whitehouse</h1><h2 class="f5 fw4 gray mt0">CCO (Chief Cat Officer)</h2></div>
      <ul class="list pl0 ml0 center mw5 ba b--light-silver br3"><li class="ph3 pv2 bb b--light-silver">Mackeral Tabby</li><li class="ph3 pv2 bb b--light-silver">Burmese</li><li class="ph3 pv2">Orange Tabby</li></ul>
      <blockquote class="athelas ml0 mt4 pl4 black-90 bl bw2 b--blue"><p class="f5 f4-m lh-copy measure mt0">{words(16, 2)}.</p><cite class="f6 ttu tracked fs-normal">&mdash;Someone</cite></blockquote></aside>
  </section>
  <div class="overflow-auto pa4"><table class="f6 w-100 mw8 center" cellspacing="0"><thead><tr class="stripe-dark"><th class="fw6 tl pa3 bg-white">Name</th><th class="fw6 tl pa3 bg-white">Username</th><th class="fw6 tl pa3 bg-white">Email</th><th class="fw6 tr pa3 bg-white">ID</th></tr></thead><tbody class="lh-copy">{rows}</tbody></table></div>
  <section class="pa4 lh-copy"><h2 class="f3 fw6 baskerville">{words(3, 3)}</h2><p class="measure-wide">{words(40, 4)} <a class="link underline-hover blue hover-orange" href="#l">a link</a> <code class="f6 bg-light-gray pa1 br1">code</code>.</p>
    {lists(5, ul="list pl3", ol="pl3")}{code("f6 bg-near-black near-white pa3 overflow-auto")}
    <div class="flex justify-around items-center pv3"><div class="w3 h3 bg-gold br2 rotate-45"></div><div class="w3 h3 bg-green o-50"></div><div class="w3 h3 bg-red br-100 dim"></div><div class="aspect-ratio aspect-ratio--16x9 w4"><div class="aspect-ratio--object cover bg-center" style="background-image:url(img/photo-c.jpg)"></div></div></div></section>
</main>
<footer class="pv4 ph3 ph5-m ph6-l mid-gray"><small class="f6 db tc">&copy; 2024 <b class="ttu">Example Inc</b>., All Rights Reserved</small></footer>"""
    return Page("Tachyons page", body, body_attrs='class="w-100 sans-serif bg-white"')


def reveal() -> Page:
    slides = f"""<section class="present"><h1>{words(2)}</h1><h3>A framework for easily creating beautiful presentations</h3><p><small>Created by <a href="#h">Someone</a></small></p></section>
<section class="future" style="display:block"><h2>Lists</h2>{lists(1)}</section>
<section class="future" style="display:block"><h2>Code</h2>{code("code-wrapper")}<p><code>inline()</code> and <strong>strong</strong>, <em>em</em>.</p></section>
<section class="future" style="display:block"><h2>Table</h2><table><thead><tr><th>Item</th><th align="center">Value</th><th align="right">Quantity</th></tr></thead>
  <tbody>{"".join(f"<tr><td>{words(2, i)}</td><td align=center>${i}</td><td align=right>{i * 7}</td></tr>" for i in range(1, 6))}</tbody></table></section>
<section class="future" style="display:block"><h2>Quote</h2><blockquote><p>{words(16, 3)}.</p></blockquote><p><q>Inline quote</q></p></section>
<section class="future" style="display:block"><h2>Image</h2>{img("photo-b.jpg", "r-frame", "Photo", 'style="width:320px;height:auto"')}<div class="r-stack">{img("photo-c.jpg", alt="", attrs='style="width:120px;height:120px"')}</div></section>
{{more_slides}}
<section class="future" style="display:block"><h2>Fragments</h2><p class="fragment visible">Fade in</p><p class="fragment fade-up visible">Fade up</p><p class="fragment highlight-red visible current-fragment">Red</p><p class="r-fit-text">Fit</p></section>"""
    more_slides = "\n".join(
        f'<section class="future" style="display:block"><h2>Slide {i}</h2><p>{words(12, i)} <a href="#s{i}">link</a>.</p>'
        f"{lists(i)}<table><tbody>{''.join(f'<tr><th>{words(1, i + j)}</th><td>{j}</td><td>{words(2, j)}</td></tr>' for j in range(3))}</tbody></table></section>"
        for i in range(6)
    )
    slides = slides.replace("{more_slides}", more_slides)
    body = f"""<div class="reveal"><div class="slides">{slides}</div>
  <div class="progress" style="display:block"><span style="width:20%"></span></div></div>"""
    return Page("reveal.js slides", body, body_attrs='class="reveal-viewport"')


ANIMATIONS = (
    "bounce",
    "flash",
    "pulse",
    "rubberBand",
    "shakeX",
    "shakeY",
    "headShake",
    "swing",
    "tada",
    "wobble",
    "jello",
    "heartBeat",
    "backInDown",
    "backInLeft",
    "bounceIn",
    "bounceInDown",
    "fadeIn",
    "fadeInDown",
    "fadeInLeft",
    "fadeInUpBig",
    "fadeInTopLeft",
    "flip",
    "flipInX",
    "flipInY",
    "lightSpeedInRight",
    "rotateIn",
    "rotateInDownLeft",
    "hinge",
    "jackInTheBox",
    "rollIn",
    "zoomIn",
    "zoomInDown",
    "slideInDown",
    "slideInLeft",
    "slideInRight",
    "slideInUp",
    "fadeOut",
    "zoomOut",
    "backOutUp",
    "bounceOut",
)

ANIMATE_SITE_CSS = """/* the site's own styles around animate.css */
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem; color: #222; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 1rem; }
.tile { padding: 1rem; border-radius: .5rem; background: #eef3ff; text-align: center; }
.tile img { width: 64px; height: 64px; }
.tile:hover { animation: headShake 1s; }
:root { --animate-duration: 800ms; --animate-delay: .5s; }
.custom { animation: bounce 2s ease-in-out infinite alternate both; }
"""


def animate() -> Page:
    modifiers = (
        "",
        " animate__delay-1s",
        " animate__slow",
        " animate__faster",
        " animate__infinite",
        " animate__repeat-2",
    )
    tiles = "\n".join(
        f'<div class="tile animate__animated animate__{name}{modifiers[i % len(modifiers)]}">'
        f"{img('avatar.png', alt='')}<p><code>{name}</code><br><small>{modifiers[i % len(modifiers)] or 'default'}</small></p>"
        f'<a href="#{name}">Replay</a></div>'
        for i, name in enumerate(ANIMATIONS)
    )
    body = f"""<h1 class="animate__animated animate__fadeInDown">{words(3)}</h1>
<p class="animate__animated animate__fadeIn animate__delay-2s">{words(20, 1)}.</p>
<div class="grid">{tiles}</div>
<p class="custom">Custom keyframes use</p>
<section class="animate__animated animate__fadeInUp">{prose(3)}{lists(4)}</section>"""
    return Page("animate.css page", body)


FA_ICONS = (
    ("solid", "house"),
    ("solid", "magnifying-glass"),
    ("solid", "user"),
    ("solid", "gear"),
    ("solid", "bell"),
    ("solid", "heart"),
    ("regular", "heart"),
    ("regular", "star"),
    ("solid", "star"),
    ("solid", "trash"),
    ("solid", "pen"),
    ("solid", "check"),
    ("solid", "xmark"),
    ("solid", "circle-info"),
    ("solid", "triangle-exclamation"),
    ("regular", "envelope"),
    ("regular", "calendar"),
    ("regular", "file"),
    ("brands", "github"),
    ("brands", "x-twitter"),
    ("brands", "font-awesome"),
    ("brands", "python"),
    ("brands", "npm"),
    ("solid", "cloud-arrow-down"),
    ("solid", "cart-shopping"),
    ("solid", "camera"),
)

FA_SITE_CSS = """/* the site's own styles around Font Awesome */
body { font: 16px/1.5 "Liberation Sans", Arial, sans-serif; margin: 2rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: .5rem; }
.toolbar button { font: inherit; padding: .4rem .8rem; border: 1px solid #ccc; border-radius: .3rem; background: #fafafa; }
.toolbar button:hover { background: #eee; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr)); gap: .5rem; }
.grid div { text-align: center; padding: .5rem; border: 1px solid #eee; }
.custom::before { font: var(--fa-font-solid); content: "\\f0e0"; margin-right: .5em; }
"""


def fontawesome() -> Page:
    grid = "\n".join(
        f'<div><i class="fa-{style} fa-{name} fa-2x"></i><br><small>{name}</small></div>'
        for style, name in FA_ICONS
    )
    toolbar = "".join(
        f'<button type="button"><i class="fa-{s} fa-{n} fa-fw"></i> {n}</button>'
        for s, n in FA_ICONS[:8]
    )
    rows = "\n".join(
        f'<tr><td><i class="fa-{st} fa-{n}"></i></td><td>{st}</td><td><code>fa-{n}</code></td>'
        f'<td><i class="fa-{st} fa-{n} fa-fw"></i></td><td><i class="fa-{st} fa-{n} fa-border"></i></td></tr>'
        for st, n in FA_ICONS
    )
    items = "".join(
        f'<li><span class="fa-li"><i class="fa-{st} fa-{n}"></i></span><a href="#{n}">{words(4, i)}</a></li>'
        for i, (st, n) in enumerate(FA_ICONS)
    )
    body = f"""<h1><i class="fa-brands fa-font-awesome"></i> {words(3)}</h1>
<div class="toolbar">{toolbar}</div>
<div class="grid">{grid}</div>
<p>Sizes: <i class="fa-solid fa-camera fa-xs"></i> <i class="fa-solid fa-camera fa-sm"></i> <i class="fa-solid fa-camera"></i>
  <i class="fa-solid fa-camera fa-lg"></i> <i class="fa-solid fa-camera fa-xl"></i> <i class="fa-solid fa-camera fa-3x"></i></p>
<p>Animated: <i class="fa-solid fa-spinner fa-spin"></i> <i class="fa-solid fa-heart fa-beat"></i> <i class="fa-solid fa-circle-notch fa-spin-pulse"></i> <i class="fa-solid fa-bell fa-shake"></i></p>
<p>Transforms: <i class="fa-solid fa-snowboarding fa-rotate-90"></i> <i class="fa-solid fa-arrow-right fa-flip-horizontal"></i> <i class="fa-solid fa-arrow-right fa-rotate-by" style="--fa-rotate-angle: 45deg;"></i></p>
<span class="fa-stack fa-2x"><i class="fa-solid fa-square fa-stack-2x"></i><i class="fa-brands fa-github fa-stack-1x fa-inverse"></i></span>
<ul class="fa-ul"><li><span class="fa-li"><i class="fa-solid fa-check-square"></i></span>List icons</li><li><span class="fa-li"><i class="fa-solid fa-spinner fa-pulse"></i></span>in lists</li></ul>
<p><i class="fa-solid fa-quote-left fa-2x fa-pull-left fa-border"></i>{words(30, 2)}.</p>
<p class="custom">A custom rule using --fa-font-solid</p>
<table><thead><tr><th>Icon</th><th>Style</th><th>Name</th><th>Fixed width</th><th>Bordered</th></tr></thead><tbody>{rows}</tbody></table>
<ul class="fa-ul">{items}</ul>
<p>{img("logo.png", alt="Logo")}</p>"""
    return Page("Font Awesome page", body)


def primer() -> Page:
    rows = "\n".join(
        f'<div class="Box-row d-flex flex-items-center"><span class="State State--{("open", "merged", "closed")[i % 3]} mr-2">{("Open", "Merged", "Closed")[i % 3]}</span>'
        f'<a class="Link--primary text-bold flex-auto" href="#i{i}">{words(5, i)}</a><span class="Label Label--accent mr-2">bug</span><span class="Counter">{i * 3}</span></div>'
        for i in range(1, 17)
    )
    body = f"""<div class="Header"><div class="Header-item"><a href="#top" class="Header-link f4 d-flex flex-items-center">{img("logo.png", "mr-2", "Logo", 'style="height:32px;width:auto"')}<span>GitHub</span></a></div>
  <div class="Header-item Header-item--full"><input type="search" class="form-control input-dark" placeholder="Search or jump to..."></div><div class="Header-item"><a href="#p" class="Header-link">Pulls</a></div>
  <div class="Header-item mr-0">{img("avatar.png", "avatar avatar-small circle", "", 'width="20" height="20"')}</div></div>
<div class="container-lg px-3 py-4">
  <nav class="UnderlineNav mb-3"><div class="UnderlineNav-body"><a class="UnderlineNav-item selected" href="#c" aria-current="page">Code</a><a class="UnderlineNav-item" href="#i">Issues <span class="Counter">12</span></a><a class="UnderlineNav-item" href="#pr">Pull requests</a></div></nav>
  <div class="Subhead"><h2 class="Subhead-heading">{words(3)}</h2><div class="Subhead-description">{words(10, 1)}.</div></div>
  <div class="flash mb-2">Flash message goes here.</div><div class="flash flash-warn mb-2">{words(8, 2)}.</div><div class="flash flash-error mb-2">{words(6, 3)}.</div><div class="flash flash-success mb-3">Success!</div>
  <p><button class="btn mr-2" type="button">Button</button><button class="btn btn-primary mr-2" type="button">Primary</button><button class="btn btn-danger mr-2" type="button">Danger</button>
    <button class="btn btn-outline mr-2" type="button">Outline</button><button class="btn btn-sm mr-2" type="button">Small</button><button class="btn btn-large mr-2" type="button">Large</button><button class="btn" disabled>Disabled</button>
    <button class="btn-link" type="button">Link button</button></p>
  <div class="BtnGroup mb-3"><button class="btn BtnGroup-item" type="button">Button</button><button class="btn BtnGroup-item" type="button">Button</button><button class="btn BtnGroup-item" type="button">Button</button></div>
  <div class="d-flex flex-column flex-md-row gap-3">
    <div class="Box flex-auto mb-3"><div class="Box-header d-flex flex-items-center"><h3 class="Box-title flex-auto">Issues</h3><span class="branch-name">main</span></div>{rows}
      <div class="Box-footer text-center"><a href="#more">Show more</a></div></div>
    <div class="col-md-4"><form onsubmit="return false"><div class="form-group"><div class="form-group-header"><label for="pr-name">Name</label></div><div class="form-group-body"><input class="form-control input-block" type="text" id="pr-name" placeholder="Your name"></div></div>
      <div class="form-group errored"><div class="form-group-header"><label for="pr-email">Email</label></div><div class="form-group-body"><input class="form-control" type="email" id="pr-email" value="x@" aria-describedby="pr-email-error"></div><p class="note error" id="pr-email-error">Invalid email</p></div>
      <div class="form-group"><div class="form-group-header"><label for="pr-sel">Pick</label></div><div class="form-group-body"><select class="form-select" id="pr-sel"><option>Choose an option</option><option>Git</option></select></div></div>
      <div class="form-checkbox"><label><input type="checkbox" checked> Available for hire</label><p class="note">This will do insanely <strong>awesome</strong> and <strong>amazing</strong> things!</p></div>
      <div class="form-group"><div class="form-group-header"><label for="pr-ta">Bio</label></div><div class="form-group-body"><textarea class="form-control" id="pr-ta" placeholder="Tell us"></textarea></div></div>
      <button class="btn btn-primary btn-block" type="submit">Save</button></form>
      <span class="Progress mt-3"><span class="Progress-item color-bg-success-emphasis" style="width: 50%;"></span><span class="Progress-item color-bg-attention-emphasis" style="width: 25%;"></span></span>
      <div class="blankslate"><h3 class="blankslate-heading">This is a blank slate</h3><p>Use it to provide information when no dynamic content exists.</p></div></div>
  </div>
  <nav class="paginate-container" aria-label="Pagination"><div class="pagination"><span class="previous_page" aria-disabled="true">Previous</span><em aria-current="page">1</em><a href="#2">2</a><a href="#3">3</a><span class="gap">&hellip;</span><a class="next_page" rel="next" href="#n">Next</a></div></nav>
  <div class="markdown-body border rounded-2 p-4 mt-3"><h1>README</h1><p>{words(30, 5)} <a href="#l">link</a> <code>code</code>.</p>{lists(6)}
    <blockquote><p>{words(12, 6)}.</p></blockquote>{code()}<table><thead><tr><th>Option</th><th>Description</th></tr></thead><tbody><tr><td>data</td><td>path to data files</td></tr><tr><td>engine</td><td>engine to be used</td></tr></tbody></table>
    <p>{img("photo-a.jpg", alt="Screenshot")}</p><hr><h2>Install</h2><p><kbd>npm</kbd> install</p>{prose(8)}</div>
</div>"""
    return Page("Primer page", body, html_attrs='data-color-mode="light" data-light-theme="light"')
