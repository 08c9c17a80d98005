"""Pages of component frameworks, written with each one's own documented markup: Bootstrap
(with Bootstrap Icons), Bulma, Foundation and Spectre."""

# ruff: noqa: E501 (HTML markup, one component to a line, reads best unwrapped)

from __future__ import annotations

from .common import Page, code, img, lists, words

ICONS = (
    "house",
    "search",
    "gear",
    "bell",
    "person",
    "heart-fill",
    "star-fill",
    "trash",
    "pencil",
    "check-circle",
    "exclamation-triangle",
    "cloud-arrow-down",
)


def bootstrap() -> Page:
    bi = lambda name: f'<i class="bi bi-{name}"></i>'  # noqa: E731
    nav_items = "".join(
        f'<li class="nav-item"><a class="nav-link{" active" if i == 0 else ""}" href="#n{i}">'
        f"{bi(ICONS[i])} {label}</a></li>"
        for i, label in enumerate(["Home", "Search", "Settings", "Alerts"])
    )
    buttons = " ".join(
        f'<button type="button" class="btn btn-{k}">{k.title()}</button>'
        for k in ("primary", "secondary", "success", "danger", "warning", "info", "light", "dark")
    )
    outline = " ".join(
        f'<a class="btn btn-outline-{k} btn-sm" href="#b{k}">{bi(ICONS[i])} {k}</a>'
        for i, k in enumerate(("primary", "secondary", "success", "danger"))
    )
    alerts = "\n".join(
        f'<div class="alert alert-{k} alert-dismissible" role="alert">{bi(ICONS[i + 9])} '
        f'<strong>{k.title()}!</strong> {words(8, i)} <a href="#a{i}" class="alert-link">link</a>.'
        f'<button type="button" class="btn-close" aria-label="Close"></button></div>'
        for i, k in enumerate(("success", "warning", "danger"))
    )
    cards = "\n".join(
        f"""<div class="col-sm-6 col-lg-4"><div class="card h-100 shadow-sm">
  {img("photo-a.jpg" if i % 2 else "photo-b.jpg", "card-img-top", f"Card {i}")}
  <div class="card-body"><h5 class="card-title">Card {i} <span class="badge text-bg-secondary">New</span></h5>
  <p class="card-text">{words(16, i)}.</p><a href="#c{i}" class="btn btn-primary">Go somewhere</a></div>
  <ul class="list-group list-group-flush"><li class="list-group-item">An item</li>
  <li class="list-group-item">A second item</li></ul>
  <div class="card-footer text-body-secondary">Updated {i} mins ago</div></div></div>"""
        for i in range(1, 7)
    )
    rows = "\n".join(
        f'<tr><th scope="row">{i}</th><td>{words(2, i)}</td><td>{words(2, i + 9)}</td>'
        f'<td><span class="badge rounded-pill text-bg-{("primary", "success", "danger")[i % 3]}">'
        f"{i * 3}</span></td></tr>"
        for i in range(1, 9)
    )
    accordion = "\n".join(
        f"""<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button{"" if i == 0 else " collapsed"}" type="button">Accordion item #{i + 1}</button></h2>
  <div class="accordion-collapse collapse{" show" if i == 0 else ""}"><div class="accordion-body">{words(20, i)}.</div></div></div>"""
        for i in range(3)
    )
    body = f"""<nav class="navbar navbar-expand-lg bg-body-tertiary">
  <div class="container-fluid">
    <a class="navbar-brand" href="#top">{img("logo.png", "d-inline-block align-text-top", "Logo", 'style="height:30px;width:auto"')}</a>
    <button class="navbar-toggler" type="button" aria-label="Toggle navigation"><span class="navbar-toggler-icon"></span></button>
    <div class="collapse navbar-collapse"><ul class="navbar-nav me-auto mb-2 mb-lg-0">{nav_items}</ul>
      <form class="d-flex" role="search"><input class="form-control me-2" type="search" placeholder="Search" aria-label="Search">
      <button class="btn btn-outline-success" type="submit">Search</button></form></div>
  </div>
</nav>
<main class="container my-4">
  <nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="#h">Home</a></li>
    <li class="breadcrumb-item"><a href="#l">Library</a></li><li class="breadcrumb-item active" aria-current="page">Data</li></ol></nav>
  <div class="p-5 mb-4 bg-body-tertiary rounded-3"><h1 class="display-5 fw-bold">{words(3)}</h1>
    <p class="col-md-8 fs-4 lead">{words(24, 1)}.</p><button class="btn btn-primary btn-lg" type="button">Example button</button></div>
  <div class="d-flex flex-wrap gap-2 mb-3">{buttons}</div>
  <div class="d-flex flex-wrap gap-2 mb-3">{outline}
    <div class="btn-group" role="group"><button class="btn btn-outline-primary">Left</button><button class="btn btn-outline-primary active">Middle</button><button class="btn btn-outline-primary">Right</button></div>
    <button class="btn btn-primary" disabled>Disabled</button><button class="btn btn-link">Link</button></div>
  {alerts}
  <ul class="nav nav-tabs mb-3"><li class="nav-item"><a class="nav-link active" href="#t1">Active</a></li>
    <li class="nav-item"><a class="nav-link" href="#t2">Link</a></li><li class="nav-item"><a class="nav-link disabled" aria-disabled="true">Disabled</a></li></ul>
  <div class="row g-4 mb-4">{cards}</div>
  <div class="row g-4">
    <div class="col-md-7">
      <h2 class="h4">Form</h2>
      <form class="row g-3" onsubmit="return false">
        <div class="col-md-6"><label for="bs-email" class="form-label">Email</label><input type="email" class="form-control" id="bs-email" placeholder="name@example.com"></div>
        <div class="col-md-6"><label for="bs-pass" class="form-label">Password</label><input type="password" class="form-control is-invalid" id="bs-pass"><div class="invalid-feedback">Too short.</div></div>
        <div class="col-12"><label for="bs-addr" class="form-label">Address</label><input type="text" class="form-control form-control-lg" id="bs-addr" placeholder="1234 Main St"></div>
        <div class="col-md-6"><label for="bs-state" class="form-label">State</label><select id="bs-state" class="form-select"><option selected>Choose...</option><option>One</option></select></div>
        <div class="col-md-6"><label class="form-label" for="bs-group">With addon</label><div class="input-group"><span class="input-group-text">@</span><input id="bs-group" type="text" class="form-control" placeholder="Username"><button class="btn btn-outline-secondary" type="button">{bi("search")}</button></div></div>
        <div class="col-12"><div class="form-floating"><textarea class="form-control" placeholder="Leave a comment" id="bs-ta" style="height: 100px"></textarea><label for="bs-ta">Comments</label></div></div>
        <div class="col-12"><div class="form-check"><input class="form-check-input" type="checkbox" id="bs-c1" checked><label class="form-check-label" for="bs-c1">Check me out</label></div>
          <div class="form-check form-switch"><input class="form-check-input" type="checkbox" role="switch" id="bs-s1" checked><label class="form-check-label" for="bs-s1">Switch</label></div>
          <div class="form-check form-check-inline"><input class="form-check-input" type="radio" name="r" id="bs-r1" checked><label class="form-check-label" for="bs-r1">One</label></div>
          <div class="form-check form-check-inline"><input class="form-check-input" type="radio" name="r" id="bs-r2"><label class="form-check-label" for="bs-r2">Two</label></div></div>
        <div class="col-12"><label for="bs-range" class="form-label">Range</label><input type="range" class="form-range" id="bs-range"></div>
        <div class="col-12"><button type="submit" class="btn btn-primary">Sign in</button></div>
      </form>
    </div>
    <div class="col-md-5">
      <h2 class="h4">List group</h2>
      <div class="list-group mb-3"><a href="#l1" class="list-group-item list-group-item-action active">Active item</a>
        <a href="#l2" class="list-group-item list-group-item-action d-flex justify-content-between align-items-center">Inbox <span class="badge text-bg-primary rounded-pill">14</span></a>
        <a href="#l3" class="list-group-item list-group-item-action disabled">Disabled</a></div>
      <div class="progress mb-2" role="progressbar"><div class="progress-bar" style="width: 25%">25%</div></div>
      <div class="progress mb-3" role="progressbar"><div class="progress-bar progress-bar-striped bg-success" style="width: 60%"></div></div>
      <div class="spinner-border text-primary" role="status"><span class="visually-hidden">Loading...</span></div>
      <div class="toast show mt-3" role="alert"><div class="toast-header"><strong class="me-auto">Bootstrap</strong><small>11 mins ago</small><button type="button" class="btn-close"></button></div><div class="toast-body">Hello, world!</div></div>
    </div>
  </div>
  <h2 class="h4 mt-4">Table</h2>
  <div class="table-responsive"><table class="table table-striped table-hover table-bordered align-middle">
    <thead class="table-dark"><tr><th scope="col">#</th><th scope="col">First</th><th scope="col">Last</th><th scope="col">Count</th></tr></thead>
    <tbody>{rows}</tbody></table></div>
  <div class="accordion mb-4">{accordion}</div>
  <div class="row"><div class="col-md-6"><figure class="figure">{img("photo-c.jpg", "figure-img img-fluid rounded", "Figure")}<figcaption class="figure-caption">A caption for the image.</figcaption></figure></div>
    <div class="col-md-6"><figure><blockquote class="blockquote"><p>{words(14, 3)}.</p></blockquote><figcaption class="blockquote-footer">Someone famous in <cite title="Source Title">Source Title</cite></figcaption></figure>
    {code()}<div class="d-flex align-items-center">{img("avatar.png", "rounded-circle me-3", "Avatar", 'style="width:64px;height:64px"')}<div><h5 class="mb-0">Media heading</h5><p class="text-body-secondary mb-0">{words(10, 4)}.</p></div></div>
    <div class="fs-2 text-primary mt-3">{" ".join(bi(n) for n in ICONS)}</div></div></div>
  <nav class="mt-4"><ul class="pagination"><li class="page-item disabled"><a class="page-link">Previous</a></li>
    <li class="page-item"><a class="page-link" href="#p1">1</a></li><li class="page-item active" aria-current="page"><a class="page-link" href="#p2">2</a></li>
    <li class="page-item"><a class="page-link" href="#p3">3</a></li><li class="page-item"><a class="page-link" href="#pn">Next</a></li></ul></nav>
  {lists(7)}
</main>
<footer class="py-3 my-4 border-top"><p class="text-center text-body-secondary">&copy; 2024 Company, Inc</p></footer>"""
    return Page("Bootstrap components", body)


def bulma() -> Page:
    colors = ("primary", "link", "info", "success", "warning", "danger")
    buttons = " ".join(f'<button class="button is-{c}">{c.title()}</button>' for c in colors)
    more = " ".join(
        f'<a class="button is-{c} is-outlined{" is-rounded" if i % 2 else ""}" href="#b{i}">{c}</a>'
        for i, c in enumerate(colors)
    )
    notes = "\n".join(
        f'<div class="notification is-{c} is-light"><button class="delete"></button>{words(12, i)} '
        f'<a href="#n{i}">link</a>.</div>'
        for i, c in enumerate(colors[2:])
    )
    cards = "\n".join(
        f"""<div class="column is-4-desktop is-6-tablet"><div class="card">
  <div class="card-image"><figure class="image is-4by3">{img("photo-a.jpg", alt=f"Card {i}")}</figure></div>
  <div class="card-content"><div class="media"><div class="media-left"><figure class="image is-48x48">{img("avatar.png", "is-rounded", "Avatar")}</figure></div>
    <div class="media-content"><p class="title is-4">John Smith {i}</p><p class="subtitle is-6">@johnsmith</p></div></div>
    <div class="content">{words(14, i)}. <a href="#c{i}">@bulmaio</a>. <a href="#t{i}">#css</a><br><time datetime="2016-1-1">11:09 PM - 1 Jan 2016</time></div></div>
  <footer class="card-footer"><a href="#s{i}" class="card-footer-item">Save</a><a href="#e{i}" class="card-footer-item">Edit</a><a href="#d{i}" class="card-footer-item">Delete</a></footer>
</div></div>"""
        for i in range(1, 7)
    )
    rows = "\n".join(
        f"<tr{' class=is-selected' if i == 3 else ''}>"
        f'<th>{i}</th><td><a href="#r{i}">{words(2, i)}</a></td>'
        f"<td>{i * 4}</td><td>{i * 7 % 10}</td><td>{words(2, i + 40)}</td></tr>"
        for i in range(1, 10)
    )
    body = f"""<nav class="navbar is-white" role="navigation" aria-label="main navigation">
  <div class="navbar-brand"><a class="navbar-item" href="#top">{img("logo.png", alt="Logo", attrs='style="width:112px;height:auto"')}</a>
    <a role="button" class="navbar-burger" aria-label="menu"><span aria-hidden="true"></span><span aria-hidden="true"></span><span aria-hidden="true"></span><span aria-hidden="true"></span></a></div>
  <div class="navbar-menu"><div class="navbar-start"><a class="navbar-item" href="#h">Home</a><a class="navbar-item" href="#d">Documentation</a>
    <div class="navbar-item has-dropdown is-hoverable"><a class="navbar-link" href="#m">More</a><div class="navbar-dropdown"><a class="navbar-item" href="#a">About</a><hr class="navbar-divider"><a class="navbar-item" href="#r">Report an issue</a></div></div></div>
    <div class="navbar-end"><div class="navbar-item"><div class="buttons"><a class="button is-primary" href="#su"><strong>Sign up</strong></a><a class="button is-light" href="#li">Log in</a></div></div></div></div>
</nav>
<section class="hero is-primary"><div class="hero-body"><p class="title">{words(3)}</p><p class="subtitle">{words(8, 1)}</p></div></section>
<section class="section"><div class="container">
  <nav class="breadcrumb" aria-label="breadcrumbs"><ul><li><a href="#b">Bulma</a></li><li><a href="#d">Documentation</a></li><li class="is-active"><a href="#c" aria-current="page">Breadcrumb</a></li></ul></nav>
  <div class="tabs is-boxed"><ul><li class="is-active"><a href="#p">Pictures</a></li><li><a href="#m">Music</a></li><li><a href="#v">Videos</a></li></ul></div>
  <div class="buttons">{buttons}</div>
  <div class="buttons">{more}<button class="button is-loading">Loading</button><button class="button" disabled>Disabled</button><button class="button is-small">Small</button><button class="button is-large">Large</button></div>
  <div class="tags"><span class="tag">Tag</span><span class="tag is-primary">Primary</span><span class="tag is-link is-light">Link</span><span class="tag is-danger is-medium">Danger<button class="delete is-small"></button></span></div>
  {notes}
  <article class="message is-info"><div class="message-header"><p>Info</p><button class="delete" aria-label="delete"></button></div><div class="message-body">{words(20, 5)}.</div></article>
  <div class="columns is-multiline">{cards}</div>
  <div class="columns">
    <div class="column is-7"><div class="box"><h2 class="title is-4">Form</h2>
      <div class="field"><label class="label">Name</label><div class="control"><input class="input" type="text" placeholder="Text input"></div></div>
      <div class="field"><label class="label">Username</label><div class="control has-icons-left has-icons-right"><input class="input is-success" type="text" placeholder="Text input" value="bulma"></div><p class="help is-success">This username is available</p></div>
      <div class="field"><label class="label">Email</label><div class="control"><input class="input is-danger" type="email" placeholder="Email input" value="hello@"></div><p class="help is-danger">This email is invalid</p></div>
      <div class="field"><label class="label">Subject</label><div class="control"><div class="select"><select><option>Select dropdown</option><option>With options</option></select></div></div></div>
      <div class="field"><label class="label">Message</label><div class="control"><textarea class="textarea" placeholder="Textarea"></textarea></div></div>
      <div class="field"><div class="control"><label class="checkbox"><input type="checkbox"> I agree to the <a href="#tc">terms and conditions</a></label></div></div>
      <div class="field"><div class="control"><label class="radio"><input type="radio" name="question"> Yes</label><label class="radio"><input type="radio" name="question" checked> No</label></div></div>
      <div class="field has-addons"><div class="control"><input class="input" type="text" placeholder="Find a repository"></div><div class="control"><a class="button is-info" href="#s">Search</a></div></div>
      <div class="file"><label class="file-label"><input class="file-input" type="file" name="resume"><span class="file-cta"><span class="file-label">Choose a file...</span></span></label></div>
      <div class="field is-grouped mt-4"><div class="control"><button class="button is-link">Submit</button></div><div class="control"><button class="button is-link is-light">Cancel</button></div></div>
    </div></div>
    <div class="column"><aside class="menu box"><p class="menu-label">General</p><ul class="menu-list"><li><a href="#d">Dashboard</a></li><li><a href="#c">Customers</a></li></ul>
      <p class="menu-label">Administration</p><ul class="menu-list"><li><a href="#t">Team Settings</a></li><li><a class="is-active" href="#m">Manage Your Team</a><ul><li><a href="#mm">Members</a></li><li><a href="#p">Plugins</a></li></ul></li></ul></aside>
      <progress class="progress is-primary" value="15" max="100">15%</progress><progress class="progress is-danger is-small" value="60" max="100">60%</progress>
      <nav class="panel"><p class="panel-heading">Repositories</p><div class="panel-block"><p class="control"><input class="input" type="text" placeholder="Search"></p></div>
        <p class="panel-tabs"><a class="is-active" href="#a">All</a><a href="#p">Public</a></p><a class="panel-block is-active" href="#b">bulma</a><a class="panel-block" href="#mk">marksheet</a></nav></div>
  </div>
  <nav class="level"><div class="level-item has-text-centered"><div><p class="heading">Tweets</p><p class="title">3,456</p></div></div><div class="level-item has-text-centered"><div><p class="heading">Following</p><p class="title">123</p></div></div><div class="level-item has-text-centered"><div><p class="heading">Followers</p><p class="title">456K</p></div></div></nav>
  <div class="table-container"><table class="table is-bordered is-striped is-narrow is-hoverable is-fullwidth"><thead><tr><th><abbr title="Position">Pos</abbr></th><th>Team</th><th>Pld</th><th>W</th><th>Notes</th></tr></thead><tbody>{rows}</tbody></table></div>
  <div class="content"><h1>Content h1</h1><p>{words(30, 8)} <a href="#x">link</a> <code>code</code>.</p>{lists(4)}<blockquote>{words(16, 9)}.</blockquote>{code()}</div>
  <nav class="pagination" role="navigation" aria-label="pagination"><a href="#pp" class="pagination-previous">Previous</a><a href="#pn" class="pagination-next">Next page</a>
    <ul class="pagination-list"><li><a href="#1" class="pagination-link">1</a></li><li><span class="pagination-ellipsis">&hellip;</span></li><li><a href="#45" class="pagination-link">45</a></li><li><a class="pagination-link is-current" aria-current="page" href="#46">46</a></li><li><a href="#86" class="pagination-link">86</a></li></ul></nav>
</div></section>
<footer class="footer"><div class="content has-text-centered"><p><strong>Bulma</strong> page. {words(10, 2)}.</p></div></footer>"""
    return Page("Bulma components", body)


def foundation() -> Page:
    callouts = "\n".join(
        f'<div class="callout {c}"><h5>This is a {c} callout</h5><p>{words(12, i)}.</p><a href="#c{i}">It has an easy to override visual style.</a></div>'
        for i, c in enumerate(("primary", "secondary", "success", "warning", "alert"))
    )
    buttons = " ".join(
        f'<a class="button {c}" href="#b{c}">{c.title()}</a>'
        for c in ("primary", "secondary", "success", "alert", "warning")
    )
    cards = "\n".join(
        f"""<div class="cell small-12 medium-6 large-4"><div class="card">{img("photo-b.jpg", alt=f"Card {i}")}
  <div class="card-divider"><h4>Card {i}</h4></div><div class="card-section"><p>{words(18, i)}.</p><a class="button small" href="#c{i}">More</a></div></div></div>"""
        for i in range(1, 7)
    )
    rows = "\n".join(
        f"<tr><td>{words(2, i)}</td><td>{words(6, i + 20)}</td><td>{i * 11}</td><td>{i * 3}</td></tr>"
        for i in range(1, 9)
    )
    accordion = "\n".join(
        f'<li class="accordion-item{" is-active" if i == 0 else ""}"><a href="#acc{i}" class="accordion-title">Accordion {i + 1}</a>'
        f'<div class="accordion-content" style="display:{"block" if i == 0 else "none"}"><p>{words(16, i)}.</p></div></li>'
        for i in range(3)
    )
    body = f"""<div class="top-bar"><div class="top-bar-left"><ul class="dropdown menu"><li class="menu-text">{img("logo.png", alt="Site", attrs='style="height:28px;width:auto"')}</li>
  <li><a href="#one">One</a></li><li><a href="#two">Two</a></li><li class="is-active"><a href="#three">Three</a></li></ul></div>
  <div class="top-bar-right"><ul class="menu"><li><input type="search" placeholder="Search"></li><li><button type="button" class="button">Search</button></li></ul></div></div>
<div class="grid-container">
  <nav aria-label="You are here:"><ul class="breadcrumbs"><li><a href="#h">Home</a></li><li><a href="#f">Features</a></li><li class="disabled">Gene Splicing</li><li><span class="show-for-sr">Current: </span> Cloning</li></ul></nav>
  <h1>{words(3)}</h1><p class="lead">{words(24, 1)}.</p>
  <div class="button-group">{buttons}</div>
  <p><a class="button hollow" href="#h">Hollow</a> <a class="button clear" href="#c">Clear</a> <a class="button large expanded" href="#e">Large expanded</a> <button class="button disabled" disabled>Disabled</button>
  <span class="label">Label</span> <span class="label success">Success</span> <span class="badge">1</span> <span class="badge alert">2</span></p>
  {callouts}
  <ul class="tabs"><li class="tabs-title is-active"><a href="#panel1" aria-selected="true">Tab 1</a></li><li class="tabs-title"><a href="#panel2">Tab 2</a></li></ul>
  <div class="tabs-content"><div class="tabs-panel is-active"><p>{words(20, 3)}.</p></div></div>
  <div class="grid-x grid-padding-x grid-margin-y">{cards}</div>
  <div class="grid-x grid-padding-x">
    <div class="cell medium-7"><form onsubmit="return false"><div class="grid-x grid-padding-x">
      <div class="cell medium-6"><label>Input label<input type="text" placeholder=".medium-6.cell"></label></div>
      <div class="cell medium-6"><label>Email<input type="email" placeholder="you@example.com" class="is-invalid-input"></label><span class="form-error is-visible">Required.</span></div>
      <div class="cell"><label>Select menu<select><option value="husker">Husker</option><option value="starbuck">Starbuck</option></select></label></div>
      <div class="cell"><label>Textarea<textarea placeholder="None"></textarea></label></div>
      <div class="cell"><fieldset class="fieldset"><legend>Check these out</legend><input id="fc1" type="checkbox" checked><label for="fc1">Checkbox 1</label><input id="fc2" type="checkbox"><label for="fc2">Checkbox 2</label>
        <input type="radio" name="pokemon" value="Red" id="pokemonRed" checked><label for="pokemonRed">Red</label><input type="radio" name="pokemon" value="Blue" id="pokemonBlue"><label for="pokemonBlue">Blue</label></fieldset></div>
      <div class="cell"><div class="input-group"><span class="input-group-label">$</span><input class="input-group-field" type="number"><div class="input-group-button"><input type="submit" class="button" value="Submit"></div></div></div>
      <div class="cell"><p class="help-text">Your password must have at least 10 characters.</p>
        <div class="switch"><input class="switch-input" id="sw1" type="checkbox" name="s"><label class="switch-paddle" for="sw1"><span class="show-for-sr">Switch</span></label></div></div>
    </div></form></div>
    <div class="cell medium-5"><div class="media-object"><div class="media-object-section">{img("avatar.png", "thumbnail", "Thumb")}</div>
      <div class="media-object-section"><h4>Dreams feel real</h4><p>{words(20, 5)}.</p></div></div>
      <div class="progress" role="progressbar"><div class="progress-meter" style="width: 50%"></div></div>
      <div class="success progress"><div class="progress-meter" style="width: 75%"><p class="progress-meter-text">75%</p></div></div>
      <ul class="accordion">{accordion}</ul>
      <ul class="vertical menu"><li><a href="#v1">Vertical one</a></li><li class="is-active"><a href="#v2">Vertical two</a></li></ul></div>
  </div>
  <table class="hover stack striped"><thead><tr><th width="200">Table Header</th><th>Table Header</th><th width="150">Header</th><th width="150">Header</th></tr></thead><tbody>{rows}</tbody></table>
  <blockquote>{words(20, 6)}.<cite>Isaac Asimov</cite></blockquote>{code()}
  {lists(2)}<dl><dt>Time</dt><dd>The indefinite continued progress.</dd></dl>
  <p><kbd>Alt</kbd> + <kbd>F4</kbd>, <code>code</code>, <abbr title="abbreviation">abbr</abbr>, <small>small</small>, <mark>mark</mark>.</p>
  <nav aria-label="Pagination"><ul class="pagination text-center"><li class="pagination-previous disabled">Previous</li><li class="current"><span class="show-for-sr">You're on page</span> 1</li>
    <li><a href="#2" aria-label="Page 2">2</a></li><li class="ellipsis" aria-hidden="true"></li><li><a href="#12" aria-label="Page 12">12</a></li><li class="pagination-next"><a href="#n">Next</a></li></ul></nav>
  <div class="grid-x"><div class="cell small-6">{img("hero.jpg", "thumbnail", "Hero")}</div><div class="cell small-6"><div class="responsive-embed"><div style="background:#ccc"></div></div></div></div>
</div>"""
    return Page("Foundation components", body, head='<meta class="foundation-mq">')


def spectre() -> Page:
    buttons = " ".join(
        f'<button class="btn {c}">{label}</button>'
        for c, label in (
            ("", "Default"),
            ("btn-primary", "Primary"),
            ("btn-link", "Link"),
            ("btn-success", "Success"),
            ("btn-error", "Error"),
            ("btn-primary btn-lg", "Large"),
            ("btn-sm", "Small"),
            ("loading", "Loading"),
            ("btn-action s-circle", '<i class="icon icon-menu"></i>'),
        )
    )
    icons = " ".join(
        f'<i class="icon icon-{n}"></i>'
        for n in (
            "arrow-up",
            "arrow-right",
            "check",
            "cross",
            "search",
            "menu",
            "edit",
            "delete",
            "share",
            "mail",
            "photo",
            "link",
            "location",
            "emoji",
            "bookmark",
            "people",
            "message",
            "time",
            "plus",
            "minus",
            "refresh",
            "upload",
        )
    )
    cards = "\n".join(
        f"""<div class="column col-4 col-md-6 col-sm-12"><div class="card"><div class="card-image">{img("photo-a.jpg", "img-responsive", f"Card {i}")}</div>
  <div class="card-header"><div class="card-title h5">Card {i}</div><div class="card-subtitle text-gray">Hardware and software</div></div>
  <div class="card-body">{words(18, i)}.</div><div class="card-footer"><a class="btn btn-primary" href="#c{i}">Do</a></div></div></div>"""
        for i in range(1, 7)
    )
    rows = "\n".join(
        f"<tr{' class=active' if i == 2 else ''}>"
        f"<td>{words(2, i)}</td><td>{words(2, i + 3)}</td><td>{words(1, i + 6)}</td><td>{i}.{i}</td></tr>"
        for i in range(1, 8)
    )
    tiles = "\n".join(
        f"""<div class="tile"><div class="tile-icon"><figure class="avatar avatar-lg" data-initial="S{i}" style="background-color: #5755d9;">{img("avatar.png", alt="")}<i class="avatar-presence online"></i></figure></div>
  <div class="tile-content"><p class="tile-title">The Avengers {i}</p><p class="tile-subtitle">{words(10, i)}.</p></div><div class="tile-action"><button class="btn">Join</button></div></div>"""
        for i in range(1, 4)
    )
    body = f"""<header class="navbar"><section class="navbar-section"><a href="#top" class="navbar-brand mr-2">{img("logo.png", alt="Spectre", attrs='style="height:24px;width:auto"')}</a>
  <a href="#d" class="btn btn-link">Docs</a><a href="#g" class="btn btn-link">GitHub</a></section>
  <section class="navbar-section"><div class="input-group input-inline"><input class="form-input" type="text" placeholder="search"><button class="btn btn-primary input-group-btn">Search</button></div></section></header>
<div class="container grid-lg">
  <ul class="breadcrumb"><li class="breadcrumb-item"><a href="#h">Home</a></li><li class="breadcrumb-item"><a href="#s">Settings</a></li><li class="breadcrumb-item">Change avatar</li></ul>
  <h1>{words(3)} <small class="label">h1</small></h1><p>{words(30, 1)}. <mark>mark</mark> <kbd>Ctrl</kbd> <code>code</code>.</p>
  <p>{buttons}</p>
  <div class="btn-group btn-group-block"><button class="btn">first</button><button class="btn active">second</button><button class="btn">third</button></div>
  <p class="mt-2">{icons}</p>
  <div class="toast toast-success"><button class="btn btn-clear float-right"></button>{words(10, 2)}.</div>
  <div class="toast toast-warning mt-2">{words(8, 3)}.</div>
  <ul class="tab tab-block"><li class="tab-item active"><a href="#t1">Music</a></li><li class="tab-item"><a href="#t2" class="badge" data-badge="9">Playlists</a></li><li class="tab-item"><a href="#t3">Radio</a></li></ul>
  <div class="columns">{cards}</div>
  <div class="columns mt-2">
    <div class="column col-7 col-sm-12"><form class="form-horizontal" onsubmit="return false">
      <div class="form-group"><label class="form-label" for="sp-name">Name</label><input class="form-input" type="text" id="sp-name" placeholder="Name"></div>
      <div class="form-group has-error"><label class="form-label" for="sp-email">Email</label><input class="form-input" type="email" id="sp-email" value="x@"><p class="form-input-hint">Invalid email.</p></div>
      <div class="form-group"><label class="form-label">Gender</label><label class="form-radio"><input type="radio" name="gender" checked><i class="form-icon"></i> Male</label><label class="form-radio"><input type="radio" name="gender"><i class="form-icon"></i> Female</label></div>
      <div class="form-group"><select class="form-select"><option>Choose an option</option><option>Slack</option></select></div>
      <div class="form-group"><label class="form-switch"><input type="checkbox" checked><i class="form-icon"></i> Send me emails</label><label class="form-checkbox"><input type="checkbox"><i class="form-icon"></i> Remember me</label></div>
      <div class="form-group"><label class="form-label" for="sp-msg">Message</label><textarea class="form-input" id="sp-msg" placeholder="Textarea" rows="3"></textarea></div>
      <div class="form-group"><input class="slider tooltip" type="range" min="0" max="100" value="50"></div>
      <div class="input-group"><span class="input-group-addon">...</span><input type="text" class="form-input" placeholder="..."><button class="btn btn-primary input-group-btn">Submit</button></div>
    </form></div>
    <div class="column col-5 col-sm-12"><div class="panel"><div class="panel-header"><div class="panel-title">Comments</div></div><div class="panel-body">{tiles}</div><div class="panel-footer"><button class="btn btn-primary btn-block">Post</button></div></div>
      <ul class="menu"><li class="divider" data-content="LINKS"></li><li class="menu-item"><a href="#m1"><i class="icon icon-link"></i> Slack</a></li><li class="menu-item"><a href="#m2" class="active">Hipchat</a><div class="menu-badge"><label class="label label-primary">2</label></div></li></ul>
      <div class="chip">{img("avatar.png", "avatar avatar-sm", "")}Thor Odinson<a href="#x" class="btn btn-clear" aria-label="Close" role="button"></a></div><span class="chip">Crime</span>
      <div class="bar bar-sm mt-2"><div class="bar-item" role="progressbar" style="width:25%;"></div></div><progress class="progress" value="25" max="100"></progress>
      <div class="empty"><div class="empty-icon"><i class="icon icon-people"></i></div><p class="empty-title h5">You have no new messages</p><div class="empty-action"><button class="btn btn-primary">Send a message</button></div></div>
      <ul class="step"><li class="step-item"><a href="#s1" class="tooltip" data-tooltip="Step 1">Step 1</a></li><li class="step-item active"><a href="#s2">Step 2</a></li><li class="step-item"><a href="#s3">Step 3</a></li></ul>
      <div class="timeline"><div class="timeline-item"><div class="timeline-left"><a class="timeline-icon" href="#t1"></a></div><div class="timeline-content">March 2016</div></div><div class="timeline-item"><div class="timeline-left"><a class="timeline-icon icon-lg" href="#t2"><i class="icon icon-check"></i></a></div><div class="timeline-content">February 2016</div></div></div></div>
  </div>
  <table class="table table-striped table-hover"><thead><tr><th>name</th><th>genre</th><th>release date</th><th>score</th></tr></thead><tbody>{rows}</tbody></table>
  <div class="accordion"><input type="checkbox" id="acc-1" name="accordion-checkbox" hidden checked><label class="accordion-header" for="acc-1"><i class="icon icon-arrow-right mr-1"></i>Title</label><div class="accordion-body">{words(12, 5)}.</div></div>
  <ul class="pagination"><li class="page-item disabled"><a href="#p" tabindex="-1">Previous</a></li><li class="page-item active"><a href="#1">1</a></li><li class="page-item"><a href="#2">2</a></li><li class="page-item"><span>...</span></li><li class="page-item"><a href="#n">Next</a></li></ul>
  {lists(3)}<blockquote><p>{words(14, 6)}.</p><cite>- Someone</cite></blockquote>{code("code")}
</div>"""
    return Page("Spectre components", body)
